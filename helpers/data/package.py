"""Write and check data/datapackage.json: a Frictionless Data Package generated from helpers/data/schemas.py.

The package lets anyone load the CSVs with types (Python, R, a spreadsheet), and its row counts and hashes
are the memory of what was there: `helpers validate` refuses a dataset with fewer rows than recorded, and
this writer only lowers a count when the removal is recorded on purpose (`--removed NAME --why "..."`).
The output is deterministic (sorted keys, no build time), so it is checked in and `--check` can compare.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
from pathlib import Path

from .schemas import TABLES, Column, Dataset
from .validate import PACKAGE, TIME_PATTERN, check_file, summary, validate_dir

TYPES = {"date": "date", "int": "integer", "float": "number", "category": "string", "url": "string",
         "time": "string", "text": "string"}
LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0 (our curation; third-party figures keep their "
                    "producers' terms, see LICENSE)"}
REGENERATE = f"run `python -m helpers package` to regenerate data/{PACKAGE}"


def field(col: Column) -> dict:
    """One Table Schema field: the schema's kind, description and constraints in Frictionless terms."""
    constraints: dict = {}
    if col.required:
        constraints["required"] = True
    if col.allowed:
        constraints["enum"] = list(col.allowed)
    if col.kind == "url":
        constraints["pattern"] = r"https?://\S+"
    if col.kind == "time":
        constraints["pattern"] = TIME_PATTERN
    if col.pattern:
        constraints["pattern"] = col.pattern
    number = int if col.kind == "int" else float
    if col.minimum is not None:
        constraints["minimum"] = number(col.minimum)
    if col.maximum is not None:
        constraints["maximum"] = number(col.maximum)
    out = {"name": col.name, "type": TYPES[col.kind], "description": col.description}
    if col.kind == "url":
        out["format"] = "uri"
    if constraints:
        out["constraints"] = constraints
    return out


def _sources(rows: list[dict]) -> list[dict]:
    # Every row names its source; the resource lists each distinct one once.
    pairs = {(r.get("source_name") or "", r.get("source_url") or "") for r in rows}
    return [{"title": name, "path": url} for name, url in sorted(pairs) if name or url]


def resource(data_dir: Path, schema: Dataset, removals: list[dict]) -> dict:
    path = data_dir / schema.file
    data = path.read_bytes()
    rows, _, _ = check_file(path, schema)
    table = {"fields": [field(c) for c in schema.columns], "missingValues": [""]}
    if all(schema.column(k).required for k in schema.key):  # Frictionless requires key cells to be filled
        table["primaryKey"] = list(schema.key)
    out = {
        "name": schema.name, "path": schema.file, "title": schema.name.replace("_", " ").capitalize(),
        "description": f"{schema.row} Coverage: {schema.coverage}" if schema.coverage else schema.row,
        "format": "csv", "mediatype": "text/csv", "type": "table",
        "encoding": "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8",
        "licenses": [LICENCE], "schema": table, "sources": _sources(rows),
        "rows": len(rows), "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }
    if removals:
        out["removals"] = removals  # deliberate removals, so a lower count is explained
    return out


def describe(data_dir: Path, removals: dict[str, list[dict]] | None = None) -> dict:
    """The whole package for the data in `data_dir` (not validated here: write() and check() do that)."""
    removals = removals or {}
    return {
        "name": "triangle-notebooks-data",
        "title": "The China - North Korea - Russia triangle: curated datasets",
        "description": "Curated datasets of the triangle research notebooks; every row names its source "
                       "(source_name, source_url). Codebook: README.md; update log: CHANGELOG.md.",
        "licenses": [LICENCE],
        "resources": [resource(data_dir, s, removals.get(s.name, [])) for s in TABLES.values()],
    }


def render(package: dict) -> str:
    return json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _recorded(data_dir: Path) -> dict[str, dict]:
    path = data_dir / PACKAGE
    if not path.exists():
        return {}
    return {r["name"]: r for r in json.loads(path.read_text(encoding="utf-8"))["resources"]}


def _validated(data_dir: Path, removed: tuple[str, ...], then: str) -> tuple[dict[str, int], list[str]]:
    # A package is only written for, or compared with, data that passes validation (lost rows included).
    counts, problems = validate_dir(data_dir, removed)
    if problems:
        return counts, summary(problems) + [f"{len(problems)} problem(s); {then}"]
    return counts, []


def write(data_dir: Path, removed: tuple[str, ...] = (), why: str = "") -> tuple[bool, list[str]]:
    """Write the package. A dataset may only have fewer rows than recorded if it is named in `removed`."""
    unknown = [n for n in removed if n not in TABLES]
    if unknown:
        return False, [f"--removed {', '.join(unknown)}: found no such dataset, expected one of "
                       + ", ".join(TABLES)]
    if removed and not why.strip():
        return False, ['--removed needs --why "...": the reason is recorded with the removal']
    counts, errors = _validated(data_dir, removed, f"data/{PACKAGE} was not written.")
    if errors:
        return False, errors
    recorded = _recorded(data_dir)
    removals = {name: list(r.get("removals", [])) for name, r in recorded.items()}
    for name in removed:
        before = recorded.get(name, {}).get("rows", 0)
        if counts[name] >= before:
            return False, [f"data/{name}.csv: found {counts[name]} rows, {before} recorded: "
                           "no row is gone, so there is no removal to record"]
        removals[name].append({"rows": before - counts[name], "why": why.strip(),
                               "date": dt.date.today().isoformat()})
    package = describe(data_dir, removals)
    (data_dir / PACKAGE).write_text(render(package), encoding="utf-8")
    total = sum(r["rows"] for r in package["resources"])
    return True, [f"wrote data/{PACKAGE}: {len(package['resources'])} tables (the datasets and the register of outlets), "
                  f"{total} rows"]


def _differences(old: dict[str, dict], new: dict[str, dict]) -> list[str]:
    found = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if a is None:
            found.append(f"{name}: not in the package")
        elif b is None:
            found.append(f"{name}: in the package but no longer a dataset")
        elif a.get("rows") != b["rows"]:
            found.append(f"{name}: {a.get('rows')} rows recorded, {b['rows']} found")
        elif a.get("hash") != b["hash"]:
            found.append(f"{name}: {b['path']} changed since the package was written")
        elif a != b:
            found.append(f"{name}: its schema or description changed")
    return found or ["the package's own description changed"]


def check(data_dir: Path) -> tuple[bool, list[str]]:
    """Is data/datapackage.json what `write` would write now? Says what differs if not."""
    _, errors = _validated(data_dir, (), "fix them, then compare again.")
    if errors:
        return False, errors
    path = data_dir / PACKAGE
    if not path.exists():
        return False, [f"data/{PACKAGE}: found no file; {REGENERATE}"]
    recorded = _recorded(data_dir)
    package = describe(data_dir, {n: r.get("removals", []) for n, r in recorded.items()})
    if render(package) == path.read_text(encoding="utf-8"):
        return True, [f"data/{PACKAGE} matches the schemas and the data"]
    new = {r["name"]: r for r in package["resources"]}
    return False, [f"data/{PACKAGE} is out of date:"] + [f"  {d}" for d in _differences(recorded, new)] + [
        REGENERATE]
