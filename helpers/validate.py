"""Check a dataset file against its schema and report every problem as `file:line: column: found X, expected Y`.

Validation only reads: it never modifies a file. The loaders call `check_file` too, so a notebook fails with
the same message a `make check` run prints, and no row is ever dropped silently.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .schemas import DATASETS, Column, Dataset


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based line in the file; 0 when the problem is the file itself
    column: str
    found: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.column}:" if self.column else ""
        return f"{where}:{col} found {self.found}, expected {self.expected}"


class DataError(ValueError):
    """Raised by loaders and writers when a data file breaks its schema; lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}{more}")


def _show(value: str) -> str:
    value = value if len(value) <= 60 else value[:57] + "..."
    return repr(value)


def parse_cell(col: Column, raw: str):
    """Return the typed value of one cell, or raise ValueError with what was expected."""
    if raw == "":
        if col.required:
            raise ValueError("a value (this column is required)")
        return None
    if raw != raw.strip():
        raise ValueError("no leading or trailing spaces")
    if col.kind == "int":
        if not re.fullmatch(r"-?\d+", raw):
            raise ValueError("a whole number")
        value = int(raw)
    elif col.kind == "float":
        try:
            value = float(raw)
        except ValueError:
            raise ValueError("a plain number (no units or thousands separators)") from None
        if value != value:
            raise ValueError("a number, not NaN")
    elif col.kind == "date":
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError
            value = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError("a real date as YYYY-MM-DD") from None
    elif col.kind == "time":
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", raw):
            raise ValueError("a time as HH:MM (24 h)")
        value = raw
    elif col.kind == "url":
        if not re.fullmatch(r"https?://\S+", raw):
            raise ValueError("an http(s) URL")
        value = raw
    else:
        value = raw
    if col.allowed and value not in col.allowed:
        raise ValueError("one of " + ", ".join(col.allowed))
    if col.pattern and not re.fullmatch(col.pattern, raw):
        raise ValueError(f"text matching {col.pattern}")
    if col.minimum is not None and value < col.minimum:
        raise ValueError(f"at least {col.minimum:g}")
    if col.maximum is not None and value > col.maximum:
        raise ValueError(f"at most {col.maximum:g}")
    return value


def _decode(path: Path, label: str, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.append(Problem(label, line, "", f"byte 0x{data[err.start]:02x}", "UTF-8 text"))
        return None
    return text.removeprefix("\ufeff")


def check_text(text: str, schema: Dataset, label: str) -> tuple[list[dict], list[int], list[Problem]]:
    """Parse CSV text against a schema. Returns typed rows, their first line numbers, and problems."""
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return [], [], [Problem(label, 1, "", "an empty file", "a header row")]
    except csv.Error as err:
        return [], [], [Problem(label, 1, "", f"unreadable CSV ({err})", "comma-delimited CSV")]
    expected = schema.column_names
    if header != expected:
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            found = "a single column (another delimiter?)"
            return [], [], [Problem(label, 1, "", found, "comma-delimited columns " + ",".join(expected))]
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        if missing:
            problems.append(Problem(label, 1, "", "no column(s) " + ", ".join(missing), "every schema column"))
        if extra:
            problems.append(Problem(label, 1, "", "unknown column(s) " + ", ".join(extra),
                                    "only the schema's columns"))
        if not missing and not extra:
            problems.append(Problem(label, 1, "", "columns in order " + ",".join(header),
                                    "order " + ",".join(expected)))
        return [], [], problems

    rows, lines = [], []
    seen: dict[tuple, int] = {}
    line = 2
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(label, reader.line_num, "", f"unreadable CSV ({err})", "valid CSV quoting"))
            break
        start, line = line, reader.line_num + 1
        if not cells:
            problems.append(Problem(label, start, "", "an empty line", "a data row"))
            continue
        if len(cells) != len(expected):
            problems.append(Problem(label, start, "", f"{len(cells)} fields", f"{len(expected)} fields"))
            continue
        row, ok = {}, True
        for col, raw in zip(schema.columns, cells):
            try:
                row[col.name] = parse_cell(col, raw)
            except ValueError as err:
                problems.append(Problem(label, start, col.name, _show(raw), str(err)))
                ok = False
        if not ok:
            continue
        for low, high in schema.ranges:
            if row[low] is not None and row[high] is not None and row[low] > row[high]:
                problems.append(Problem(label, start, high, f"{row[high]} below {low} {row[low]}",
                                        f"{low} <= {high}"))
        for group in schema.one_of:
            if all(row[c] is None for c in group):
                problems.append(Problem(label, start, group[0], "all of " + ", ".join(group) + " empty",
                                        "at least one of them filled"))
        key = tuple(row[c] for c in schema.key)
        if key in seen:
            problems.append(Problem(label, start, ",".join(schema.key), "a duplicate of line " + str(seen[key]),
                                    "a unique row"))
        else:
            seen[key] = start
        rows.append(row)
        lines.append(start)
    return rows, lines, problems


def check_file(path: Path, schema: Dataset) -> tuple[list[dict], list[int], list[Problem]]:
    label = path.name if path.parent.name != "data" else f"data/{path.name}"
    if not path.exists():
        return [], [], [Problem(label, 0, "", "no file", f"{schema.file} ({schema.row})")]
    problems: list[Problem] = []
    text = _decode(path, label, problems)
    if text is None:
        return [], [], problems
    return check_text(text, schema, label)


def validate_dir(data_dir: Path) -> tuple[dict[str, int], list[Problem]]:
    """Validate every dataset in a folder. Returns row counts and all problems (never raises on bad data)."""
    counts, problems = {}, []
    for schema in DATASETS.values():
        rows, _, found = check_file(data_dir / schema.file, schema)
        counts[schema.name] = len(rows)
        problems.extend(found)
    return counts, problems
