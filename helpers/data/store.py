"""Atomic, validated writes to data/: write a temporary file, validate it, then replace the old file.

An interrupted or invalid update therefore leaves the previous file exactly as it was.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from pathlib import Path

from .schemas import Dataset
from .validate import DataError, check_text


def format_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv_text(schema: Dataset, rows: list[dict]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(schema.column_names)
    for row in rows:
        writer.writerow([format_cell(row.get(c)) for c in schema.column_names])
    return buf.getvalue()


def write_dataset(path: Path, schema: Dataset, rows: list[dict]) -> None:
    """Validate the new content, then atomically replace `path`. Raises DataError and writes nothing if invalid."""
    text = to_csv_text(schema, rows)
    _, _, problems = check_text(text, schema, f"{path.name} (new version, not written)")
    if problems:
        raise DataError(problems)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
