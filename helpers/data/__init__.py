"""The data room: paths, schemas, validation, loading, writing, the data package, trade series, coverage facts
and the CNS importer. Imports nothing else of ours (see helpers/README.md)."""
