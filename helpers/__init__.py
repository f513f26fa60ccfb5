"""Helpers for the China–North Korea–Russia research notebooks: paths, schemas, validation, loading,
chart style, results, build. Import what you need explicitly, e.g. `from helpers import load`."""
