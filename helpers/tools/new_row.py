"""`python -m helpers new-row DATASET`: print a template row to paste into a CSV by hand.

The output is a comment block (each column: its type, whether it is required, its allowed values, range or
pattern, its description), then the CSV header and one row with the next free id filled in (ids of removed
rows, kept in data/removed/, are never reused) and every other cell empty. Nothing is written.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..data.schemas import DATASETS, Column, Dataset

# An id column whose pattern is a prefix and a zero-padded number, like ^TR-\d{3,}$.
NUMBERED = re.compile(r"^\^([A-Z]+)-\\d\{(\d+),\}\$$")
TYPES = {"date": "date YYYY-MM-DD", "time": "time HH:MM (24 h)", "url": "http(s) address", "int": "whole number",
         "float": "plain number (no units, no thousands separators)", "category": "category"}


def dataset_name(text: str) -> str | None:
    """The dataset named by `text` ("troop_reports", "troop_reports.csv" or "data/troop_reports.csv")."""
    name = Path(text).name.removesuffix(".csv")
    return name if name in DATASETS else None


def _removed_values(data_dir: Path, dataset: str, column: str) -> list[str]:
    values = []
    for path in sorted((data_dir / "removed").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("dataset") == dataset:
                    try:
                        values.append(str(json.loads(row.get("row") or "{}").get(column, "")))
                    except ValueError:
                        continue  # a damaged removed row holds no id we can read; tests/test_removed.py checks them
    return values


def next_id(schema: Dataset, data_dir: Path) -> tuple[str, str] | None:
    """(column, next free id) for a dataset with numbered ids such as TR-NNN; None for the others."""
    for col in schema.columns:
        match = NUMBERED.match(col.pattern or "")
        if not match:
            continue
        prefix, width = match[1], int(match[2])
        path = data_dir / schema.file
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
        used = re.findall(rf"(?m)^\ufeff?\"?{prefix}-(\d+)\b", text)  # the id opens its row, even in a broken file
        used += [m[1] for v in _removed_values(data_dir, schema.name, col.name)
                 if (m := re.fullmatch(rf"{prefix}-(\d+)", v))]
        number = max((int(n) for n in used), default=0) + 1
        return col.name, f"{prefix}-{number:0{width}d}"
    return None


def describe(c: Column) -> str:
    """A column's type, whether it is required, and its allowed values, range or pattern, in a few words."""
    words = [TYPES.get(c.kind, c.kind) + (", required" if c.required else "")]
    if c.allowed:
        words.append("one of: " + " | ".join(c.allowed))
    if c.minimum is not None and c.maximum is not None:
        words.append(f"from {c.minimum:g} to {c.maximum:g}")
    elif c.minimum is not None or c.maximum is not None:
        words.append(f"at least {c.minimum:g}" if c.minimum is not None else f"at most {c.maximum:g}")
    if c.pattern:
        words.append(f"matching {c.pattern}")
    return "; ".join(words)


def comment_block(schema: Dataset) -> list[str]:
    width = max(len(c.name) for c in schema.columns)
    lines = [f"# A new row for data/{schema.file}: {schema.row}",
             "# Paste the last line below the others, fill each cell (a cell with a comma goes in double quotes),",
             "# then run `make check`; it names every cell still missing or wrong.", "#"]
    for c in schema.columns:
        lines.append(f"# {c.name:<{width}}  {describe(c)}. {c.description}")
    conditions = [f"# `{col}` is required where `{cond}` is {' or '.join(values)}."
                  for col, cond, values in schema.required_if]
    conditions += [f"# At least one of {', '.join(group)} is filled." for group in schema.one_of]
    conditions += [f"# {low} <= {high} where both are given." for low, high in schema.ranges]
    return lines + (["#", *conditions] if conditions else [])


def template(name: str, data_dir: Path) -> str:
    """The comment block, the CSV header and one template row (the next id filled in, if the dataset has one)."""
    schema = DATASETS[name]
    row = dict.fromkeys(schema.column_names, "")
    found = next_id(schema, data_dir)
    if found:
        row[found[0]] = found[1]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.column_names)
    writer.writerow(row.values())
    return "\n".join(comment_block(schema)) + "\n" + out.getvalue()
