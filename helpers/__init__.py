"""Helpers for the China–North Korea–Russia research notebooks, in four rooms (helpers/README.md):
`data` (paths, schemas, validation, loading), `analysis` (claim rules), `figures` (house style and charts),
`tools` (build, site, student editions). Import what you need explicitly, e.g. `from helpers.data import load`."""
