"""Check a dataset file against its schema and report every problem as `file:line: column: found X, expected Y`.

Validation only reads: it never modifies a file. The loaders call `check_file` too, so a notebook fails with
the same message a `make check` run prints, and no row is ever dropped silently. `validate_dir` also compares
each dataset's row count with the count recorded in data/datapackage.json, so rows that vanish are noticed.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import outlets
from .schemas import DATASETS, MARKER, OUTLETS, TABLES, Column, Dataset, Rule

LIMIT = 50  # problems shown before the rest are only counted: a huge broken file stays readable
PACKAGE = "datapackage.json"  # its row counts are the memory of what was there (see helpers/data/package.py)
TIME_PATTERN = r"([01]\d|2[0-3]):[0-5]\d"


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


def summary(problems: list[Problem], limit: int = LIMIT) -> list[str]:
    """The first `limit` problems, one a line, then a count of the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more problem(s)")
    return lines


class DataError(ValueError):
    """Raised by loaders and writers when a data file breaks its schema; lists the first problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(f"  {line}" for line in summary(problems))
        super().__init__(f"{len(problems)} problem(s) in the data:\n{shown}")


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
        # Every date says when something happened or was published, so a future one is a typo.
        if value > dt.date.today():
            raise ValueError(f"a date no later than today ({dt.date.today()})")
    elif col.kind == "time":
        if not re.fullmatch(TIME_PATTERN, raw):
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


def markers(notes: str | None) -> dict[str, str]:
    """The `[column: reason]` notes by which a row says why it differs from a rule or the register."""
    return {m[1]: m[2].strip() for m in re.finditer(MARKER, notes or "")}


def _cell(value) -> str:
    return "" if value is None else str(value)


def rule_problems(rule: Rule, row: dict, label: str, line: int) -> list[Problem]:
    """The breach of one coding rule on one row, if any (see schemas.Rule)."""
    if _cell(row[rule.if_column]) not in rule.if_values:
        return []
    if rule.marker and rule.marker in markers(row.get("notes")):
        return []
    value = _cell(row[rule.column])
    ok = (not rule.values or value in rule.values) \
        and (not rule.pattern or re.search(rule.pattern, value, re.I)) \
        and (not rule.not_pattern or not re.search(rule.not_pattern, value, re.I))
    if ok:
        return []
    where = f"{rule.if_column} is {_cell(row[rule.if_column])}: {rule.why}"
    if rule.marker:
        where += f"; or the reason in notes as [{rule.marker}: reason]"
    return [Problem(label, line, rule.column, _show(value), f"{rule.expected()} ({where})")]


def _label(path: Path) -> str:
    return path.name if path.parent.name != "data" else f"data/{path.name}"


def read_text(path: Path, expected: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file with LF line ends, or None and the problem (missing, a folder, not UTF-8).

    A spreadsheet's save (CRLF or CR line ends, a UTF-8 byte-order mark) reads as the same data."""
    label = _label(path)
    if path.is_dir():
        return None, [Problem(label, 0, "", "a folder", "a CSV file")]
    if not path.exists():
        return None, [Problem(label, 0, "", "no file", expected)]
    try:
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(label, 0, "", f"an unreadable file ({err.strerror})", "a readable CSV file")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, [Problem(label, line, "", f"byte 0x{data[err.start]:02x}", "UTF-8 text")]
    return re.sub(r"\r+\n?", "\n", text.removeprefix("\ufeff")), []


def _bad_cells(schema: Dataset, cells: list[str]) -> int:
    bad = 0
    for col, raw in zip(schema.columns, cells):
        try:
            parse_cell(col, raw)
        except ValueError:
            bad += 1
    return bad


def _comma_columns(schema: Dataset, cells: list[str]) -> list[int]:
    """Indexes of the columns whose cell may have held the unquoted comma(s): those whose cell, joined again with
    the extra field(s) after it, leaves the fewest cells that break the schema. The text after a typed comma
    usually starts with a space, which no column allows, so there is most often one."""
    extra = len(cells) - len(schema.columns)
    joined = [cells[:i] + [",".join(cells[i:i + extra + 1])] + cells[i + extra + 1:] for i in range(len(schema.columns))]
    scores = [_bad_cells(schema, row) for row in joined]
    return [i for i, score in enumerate(scores) if score == min(scores)]


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def field_count_problem(schema: Dataset, cells: list[str], label: str, line: int) -> Problem:
    """A row with too many or too few fields. Too many is nearly always a comma typed in a cell that is not in
    double quotes, so the message names the column where the extra field starts (the one after that cell); too
    few names no column, since any column could be the one left out."""
    n, expected, names = len(cells), len(schema.columns), schema.column_names
    if n < expected:
        return Problem(label, line, "", f"a row of {n} fields",
                       f"{expected} fields, one per column (a cell left out? an empty cell still needs its "
                       "comma; no column of this row was checked)")
    found = _comma_columns(schema, cells)
    starts = _either([f"`{names[i + 1]}`" if i + 1 < expected else "the end of the row" for i in found])
    starts = starts if starts == "the end of the row" else "column " + starts
    return Problem(label, line, names[found[0]],
                   f"a row of {n} fields, the extra field starting at {starts} (a comma in "
                   f"{_either([f'`{names[i]}`' for i in found])}?)",
                   f"{expected} fields: a cell with a comma must be in double quotes")


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
        if len(cells) != len(expected):  # no column check on this row: every cell after the slip would be blamed
            problems.append(field_count_problem(schema, cells, label, start))
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
        for col, cond, values in schema.required_if:
            if row[cond] in values and row[col] is None:
                problems.append(Problem(label, start, col, _show(""), f"a value (required where {cond} is "
                                        + " or ".join(values) + ")"))
        for rule in schema.rules:
            problems += rule_problems(rule, row, label, start)
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


def _read_and_check(path: Path, schema: Dataset) -> tuple[str | None, list[dict], list[int], list[Problem]]:
    text, problems = read_text(path, f"{schema.file} ({schema.row})")
    if text is None:
        return None, [], [], problems
    return (text, *check_text(text, schema, _label(path)))


def check_file(path: Path, schema: Dataset) -> tuple[list[dict], list[int], list[Problem]]:
    return _read_and_check(path, schema)[1:]


def count_records(text: str) -> int:
    """Data records in CSV text, valid or not (a bad row is still there; only a vanished one is lost)."""
    count = 0
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            count += bool(cells)
    except csv.Error:
        pass  # an unreadable line ends the count, as it ends check_text (which reports it)
    return max(count - 1, 0)  # the header


def recorded_rows(data_dir: Path) -> tuple[dict[str, int], list[Problem]]:
    """Row counts recorded in the folder's datapackage.json; none for a fresh folder without one."""
    path = data_dir / PACKAGE
    if not path.exists():
        return {}, []
    try:
        resources = json.loads(path.read_text(encoding="utf-8"))["resources"]
        return {r["name"]: int(r["rows"]) for r in resources}, []
    except (OSError, ValueError, KeyError, TypeError) as err:
        found = f"an unreadable package ({type(err).__name__}: {err})"
        return {}, [Problem(_label(path), 0, "", found, "the file `python -m helpers package` writes")]


def lost_rows(label: str, found: int, recorded: int) -> list[Problem]:
    if found >= recorded:
        return []
    gone = f"{recorded - found} row(s) are gone (if on purpose, record the removal: see UPDATING.md)"
    return [Problem(label, 0, "", f"{found} rows",
                    f"at least {recorded} (the count recorded in data/{PACKAGE}): {gone}")]


def outlet_problems(register: outlets.Register, rows: list[dict], lines: list[int], label: str) -> list[Problem]:
    """Rows whose cited host is not in the register of outlets, or whose source kind is not the register's kind
    for that host and whose notes do not say why (`[source_kind: reason]`, `[check_source_kind: reason]`)."""
    found = []
    for row, line in zip(rows, lines):
        said = markers(row.get("notes"))
        for url_column, kind_column in outlets.URL_COLUMNS:
            if not row.get(url_column):
                continue
            host = outlets.key(row[url_column])
            outlet = register.rows.get(host)
            if outlet is None:
                found.append(Problem(label, line, url_column, f"the host {host}, which is not in the register",
                                     f"a registered host (add {host} to data/outlets.csv with its outlet, kind and "
                                     "whether it republishes others' work)"))
            elif kind_column and row.get(kind_column) not in (None, outlet["kind"]) and kind_column not in said:
                found.append(Problem(label, line, kind_column, f"{row[kind_column]!r} for {host}",
                                     f"{outlet['kind']!r}, the register's kind for {outlet['outlet']} "
                                     f"(data/outlets.csv), or the reason in notes as [{kind_column}: reason]"))
    return found


def validate_dir(data_dir: Path, removed: tuple[str, ...] = ()) -> tuple[dict[str, int], list[Problem]]:
    """Validate every dataset and reference table in a folder, and its CHANGELOG.md. Returns row counts and all
    problems (never raises on bad data). Rows are also checked against the register of outlets
    (data/outlets.csv), once it is valid.

    `removed` names datasets whose lost rows are being recorded as deliberate (`helpers package --removed`)."""
    counts, (recorded, problems) = {}, recorded_rows(data_dir)
    read = {}
    for schema in TABLES.values():
        path = data_dir / schema.file
        text, rows, lines, found = _read_and_check(path, schema)
        if text is not None and schema.name in recorded and schema.name not in removed:
            found += lost_rows(_label(path), count_records(text), recorded[schema.name])
        counts[schema.name] = len(rows)
        read[schema.name] = (rows, lines, _label(path), not found)
        problems.extend(found)
    register_rows, _, _, register_ok = read.pop(OUTLETS.name)
    if register_ok:
        register = outlets.Register(register_rows)
        for rows, lines, label, _ in read.values():
            problems.extend(outlet_problems(register, rows, lines, label))
    from .changelog import read as read_changelog  # here: the changelog reader builds on this module

    problems.extend(read_changelog(data_dir / "CHANGELOG.md")[1])
    return counts, problems


def mirror_shares(data_dir: Path) -> dict[str, tuple[int, int]]:
    """(rows on a mirror or aggregator, sourced rows) per dataset and for 'all': rows outside the CNS import
    that name a source (the missile rows after the CNS export are judged by their check source)."""
    import csv

    out: dict[str, tuple[int, int]] = {}
    for schema in DATASETS.values():
        names = schema.column_names
        if "source_url" not in names:
            continue
        with open(data_dir / schema.file, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if "data_origin" in names:  # the CNS import carries no quote; later rows are checked against news
            kinds = [r["check_source_kind"] for r in rows if r["data_origin"] != "cns"]
        else:
            kinds = [r["source_kind"] for r in rows]
        out[schema.name] = (sum(k == "mirror" for k in kinds), len(kinds))
    out["all"] = (sum(m for m, _ in out.values()), sum(n for _, n in out.values()))
    return out
