"""Aids for editing the data by hand: the changelog is checked by `make check` (an ASCII heading is accepted),
an unquoted comma is explained and named, a missing field blames no column, and `new-row` prints a template
row with the next free id. Bad files are made up from copies; nothing here depends on today's values."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import DATA, ROOT
from helpers.data import changelog as changelog_mod
from helpers.data.schemas import DATASETS
from helpers.data.validate import check_text, validate_dir
from helpers.tools.new_row import template

COMMA_HINT = "a cell with a comma must be in double quotes"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", *args], cwd=ROOT, capture_output=True, text=True)


def _first_row(name: str) -> tuple[str, list[str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return ",".join(header), next(reader)


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def _problems(name: str, row_text: str):
    header, _ = _first_row(name)
    return check_text(f"{header}\n{row_text}\n", DATASETS[name], f"data/{name}.csv")[2]


# ---------------------------------------------------------------- the CSV reader's messages

@pytest.mark.parametrize("name", sorted(DATASETS))
def test_an_unquoted_comma_is_explained_and_its_column_named(name):
    schema = DATASETS[name]
    _, cells = _first_row(name)
    i = next(k for k, c in enumerate(schema.columns) if c.kind == "text" and c.required and not c.pattern)
    cells[i] = "Alpha News, a made-up outlet"
    # Written by hand: the cell with its comma left unquoted (the other cells quoted as a spreadsheet would).
    row = _line(cells[:i]) + "," + cells[i] + "," + _line(cells[i + 1:])
    problems = _problems(name, row)
    assert len(problems) == 1, problems
    message = str(problems[0])
    n = len(schema.columns)
    assert message.startswith(f"data/{name}.csv:2: {schema.columns[i].name}: found a row of {n + 1} fields"), message
    assert f"the extra field starting at column `{schema.column_names[i + 1]}`" in message, message
    assert COMMA_HINT in message and f"expected {n} fields" in message


def test_a_trailing_comma_is_named_as_the_end_of_the_row():
    _, cells = _first_row("events")
    problems = _problems("events", _line(cells) + ",")
    assert len(problems) == 1 and "the extra field starting at the end of the row" in str(problems[0])
    assert COMMA_HINT in str(problems[0])


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_a_missing_field_blames_no_column(name):
    schema = DATASETS[name]
    _, cells = _first_row(name)
    for drop in (1, len(cells) // 2, len(cells) - 1):
        problems = _problems(name, _line(cells[:drop] + cells[drop + 1:]))
        assert len(problems) == 1, problems  # one message for the row, none for the shifted cells
        p = problems[0]
        assert p.column == "" and p.line == 2
        assert p.found == f"a row of {len(cells) - 1} fields" and p.expected.startswith(f"{len(schema.columns)} fields")
        assert "no column of this row was checked" in p.expected


def test_the_cli_shows_the_comma_hint_and_changes_nothing(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "troop_reports.csv"
    _, cells = _first_row("troop_reports")
    i = DATASETS["troop_reports"].column_names.index("notes")
    cells[i] = "made-up note"
    path.write_text(path.read_text(encoding="utf-8") + _line(cells[:i]) + ",made-up, note\n", encoding="utf-8")
    before = path.read_bytes()
    proc = run("validate", str(folder))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert COMMA_HINT in proc.stderr and "troop_reports.csv" in proc.stderr
    assert path.read_bytes() == before


# ---------------------------------------------------------------- the changelog

def _changelog_copy(tmp_path, text: str):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "CHANGELOG.md").write_text(text, encoding="utf-8")
    return folder


INTRO = "# Data changelog\n\nSome words.\n\n"


def test_the_shipped_changelog_is_valid():
    entries, problems = changelog_mod.read(DATA / "CHANGELOG.md")
    assert problems == [] and entries
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)


def test_an_ascii_heading_is_read_like_the_dotted_one():
    dotted, _ = changelog_mod.parse(INTRO + "## 2026-12-06 · data cut-off 2026-11-30\n- a line\n")
    ascii_, problems = changelog_mod.parse(INTRO + "## 2026-12-06 - data cut-off 2026-11-30\n- a line\n")
    assert problems == [] and [(e.date, e.cutoff, e.body) for e in ascii_] == [(e.date, e.cutoff, e.body) for e in dotted]
    assert changelog_mod.heading(dotted[0].date, dotted[0].cutoff) == "## 2026-12-06 · data cut-off 2026-11-30"


@pytest.mark.parametrize("heading,line,found", [
    ("## 2026/12/06 data cut-off 2026-11-30", 5, "found the heading '## 2026/12/06 data cut-off 2026-11-30'"),
    ("## 2026-12-06 : data cut-off 2026-11-30", 5, "found the heading"),
    ("## 2026-13-06 - data cut-off 2026-11-30", 5, "found update date '2026-13-06', expected a real date"),
    ("## 2026-11-20 - data cut-off 2026-11-25", 5, "found data cut-off 2026-11-25 after the update date 2026-11-20"),
    ("## 2999-01-01 - data cut-off 2026-11-30", 5, "found update date 2999-01-01, expected a date no later than today"),
])
def test_a_bad_changelog_heading_is_named_by_its_line(heading, line, found):
    text = INTRO + f"{heading}\n- made-up entry\n\n## 2026-11-28 · data cut-off 2026-11-28\n- x\n"
    entries, problems = changelog_mod.parse(text)
    assert [e.date.isoformat() for e in entries] == ["2026-11-28"]  # the good entry is still read
    assert len(problems) == 1 and str(problems[0]).startswith(f"data/CHANGELOG.md:{line}: {found}"), problems


def test_make_check_reports_the_changelog(tmp_path):
    folder = _changelog_copy(tmp_path, INTRO + "## 2026/12/06 data cut-off 2026-11-30\n- made-up entry\n")
    proc = run("validate", str(folder))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "data/CHANGELOG.md:5: found the heading '## 2026/12/06 data cut-off 2026-11-30'" in proc.stderr


def test_the_expected_form_is_spelled_out_and_a_changelog_without_entries_is_refused():
    _, problems = changelog_mod.parse(INTRO + "## Latest update\n")
    assert "expected a heading '## YYYY-MM-DD · data cut-off YYYY-MM-DD' (or ' - ' for the '·')" in str(problems[0])
    _, problems = changelog_mod.parse(INTRO)
    assert [str(p) for p in problems] == ["data/CHANGELOG.md: found no entry, expected at least one entry under a "
                                          f"heading {changelog_mod.FORM}"]


def test_a_missing_changelog_is_named(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "CHANGELOG.md").unlink()
    proc = run("validate", str(folder))
    assert proc.returncode == 1 and "CHANGELOG.md: found no file" in proc.stderr, proc.stderr


# ---------------------------------------------------------------- new-row

NUMBERED = {n: s for n, s in DATASETS.items() if re.fullmatch(r"\^[A-Z]+-\\d\{3,\}\$", s.columns[0].pattern or "")}


def _ids_in_use(name: str) -> list[int]:
    """Numbers of the ids in the dataset and in its removed rows, read independently of the helper."""
    schema = DATASETS[name]
    id_col = schema.columns[0].name
    with open(DATA / schema.file, encoding="utf-8-sig", newline="") as f:
        ids = [r[id_col] for r in csv.DictReader(f)]
    for path in (DATA / "removed").glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            ids += [json.loads(r["row"]).get(id_col, "") for r in csv.DictReader(f) if r["dataset"] == name]
    return [int(i.split("-")[-1]) for i in ids if i]


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_new_row_prints_header_template_and_allowed_values(name):
    schema = DATASETS[name]
    lines = template(name, DATA).rstrip("\n").split("\n")
    comments = [line for line in lines if line.startswith("#")]
    header, row = list(csv.reader(lines[-2:]))
    assert header == schema.column_names and len(row) == len(header)
    assert len(lines) == len(comments) + 2
    block = "\n".join(comments)
    for col in schema.columns:
        assert re.search(rf"^# {re.escape(col.name)}\s", block, re.M), f"{col.name} not described"
        for value in col.allowed:
            assert value in block, f"{name}.{col.name}: allowed value {value} not listed"
    if name in NUMBERED:
        prefix = schema.columns[0].pattern[1:].split("-")[0]
        expected = max(_ids_in_use(name), default=0) + 1
        assert row[0] == f"{prefix}-{expected:03d}", row[0]
        assert row[1:] == [""] * (len(row) - 1)
    else:
        assert row == [""] * len(row)


@pytest.mark.parametrize("name", sorted(NUMBERED))
def test_the_template_row_pasted_into_a_copy_only_asks_for_the_empty_cells(tmp_path, name):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    row = template(name, folder).rstrip("\n").split("\n")[-1]
    path = folder / DATASETS[name].file
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + row + "\n", encoding="utf-8")
    complaints = [str(p) for p in validate_dir(folder)[1] if p.file.endswith(DATASETS[name].file)]
    assert complaints and all("expected a value (this column is required)" in c for c in complaints), complaints
    assert not any(f": {DATASETS[name].columns[0].name}:" in c for c in complaints), "the new id was refused"


def test_new_row_on_the_command_line_and_with_an_unknown_dataset():
    proc = run("new-row", "data/troop_reports.csv")
    assert proc.returncode == 0 and proc.stdout == template("troop_reports", DATA)
    proc = run("new-row", "missile_lunches")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "found dataset 'missile_lunches', expected one of" in proc.stderr and "missile_launches" in proc.stderr
