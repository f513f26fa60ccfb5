"""Validation: the shipped data passes, and every kind of bad input is reported as
`file:line: column: found X, expected Y`, with exit code 1 and no file changed."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, copy_with_package, read_csv, TEST_EVENT_ROW
from helpers.data import load
from helpers.data.schemas import DATASETS, MISSILE_LAUNCHES
from helpers.data.validate import DataError, validate_dir


def test_shipped_data_is_valid():
    counts, problems = validate_dir(DATA)
    assert problems == [], "\n".join(map(str, problems))
    assert counts["troop_reports"] >= 40
    assert counts["events"] >= 60
    assert all(n > 0 for n in counts.values()), counts


@pytest.mark.parametrize("name", sorted(n for n, d in DATASETS.items() if d.sourced))
def test_every_row_is_sourced(name):
    for i, row in enumerate(read_csv(name), start=2):
        assert row["source_name"].strip(), f"{name}.csv:{i} has no source_name"
        assert row["source_url"].startswith(("http://", "https://")), f"{name}.csv:{i} has no source_url"


def run_validate(folder):
    return subprocess.run([sys.executable, "-m", "helpers", "validate", str(folder)], cwd=ROOT,
                          capture_output=True, text=True)


def test_cli_summary_on_valid_data():
    proc = run_validate(DATA)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"OK: {len(DATASETS)} datasets")


def _replace_line(path, line_no, old, new):
    lines = path.read_bytes().split(b"\n")
    assert old.encode() in lines[line_no - 1], f"fixture assumption broken: {old!r} not on line {line_no}"
    lines[line_no - 1] = lines[line_no - 1].replace(old.encode(), new.encode(), 1)
    path.write_bytes(b"\n".join(lines))


_N = len(MISSILE_LAUNCHES.columns)
# (file, line, old text, new text, expected fragment of the message)
BAD = [
    ("missile_launches", 2, "1984-04-09", "1984-02-30", "data/missile_launches.csv:2: date: found '1984-02-30', "
                                                        "expected a real date as YYYY-MM-DD"),
    ("missile_launches", 3, ",SRBM,", ",Scud,", "data/missile_launches.csv:3: missile_type: found 'Scud', "
                                                "expected one of SRBM"),
    ("missile_launches", 4, "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/", "",
     "data/missile_launches.csv:4: source_url: found '', expected a value (this column is required)"),
    ("missile_launches", 5, ",cns,", ",cns,,", f"found a row of {_N + 1} fields, the extra field starting at"),
    ("missile_launches", 1, "launch_id,", "launch_id;", "data/missile_launches.csv:1: found no column(s) launch_id"),
]


@pytest.mark.parametrize("name,line,old,new,message", BAD)
def test_bad_cell_is_named_and_nothing_changes(tmp_path, name, line, old, new, message):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    target = folder / f"{name}.csv"
    _replace_line(target, line, old, new)
    before = target.read_bytes()
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert target.read_bytes() == before


def test_low_above_high_is_reported(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    rows = read_csv("troop_reports")
    i = next(i for i, r in enumerate(rows) if r["value_low"] and r["value_low"] == r["value_high"])
    text = (folder / "troop_reports.csv").read_text(encoding="utf-8").split("\n")
    line = i + 2
    value = rows[i]["value_low"]
    text[line - 1] = text[line - 1].replace(f",{value},{value},", f",{value},0,", 1)
    (folder / "troop_reports.csv").write_text("\n".join(text), encoding="utf-8")
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert f"data/troop_reports.csv:{line}: value_high: found 0.0 below value_low" in proc.stderr, proc.stderr


def test_duplicate_and_encoding_and_delimiter_and_missing_file(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    ev = folder / "events.csv"
    lines = ev.read_bytes().split(b"\n")
    ev.write_bytes(b"\n".join(lines[:2] + [lines[1]] + lines[2:]))  # line 3 repeats line 2
    (folder / "aid.csv").write_bytes((folder / "aid.csv").read_bytes().replace(b"China", b"Chin\xe9", 1))
    tr = folder / "trade.csv"
    tr.write_text(tr.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    (folder / "transfers.csv").unlink()
    proc = run_validate(folder)
    assert proc.returncode == 1
    err = proc.stderr
    assert "data/events.csv:3: event_id: found a duplicate of line 2, expected a unique row" in err, err
    assert "found byte 0xe9, expected UTF-8 text" in err
    assert "data/trade.csv:1: found a single column (another delimiter?), expected comma-delimited" in err
    assert "data/transfers.csv: found no file, expected transfers.csv" in err
    assert "4 problem(s) found; no file was changed." in err


def test_loader_raises_clear_error_instead_of_dropping_rows(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    _replace_line(folder / "missile_launches.csv", 2, "1984-04-09", "1984-13-09")
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    with pytest.raises(DataError, match=r"missile_launches.csv:2: date: found '1984-13-09'"):
        load.missile_launches()


def test_loader_types_and_keeps_every_row():
    df = load.missile_launches()
    assert len(df) == len(read_csv("missile_launches"))
    assert str(df["date"].dtype).startswith("datetime64")
    assert df.index[0] == 2  # the index is the CSV line
    assert set(df["missile_type"].cat.categories) >= {"ICBM", "SRBM"}


def test_codebook_tables_match_schemas():
    proc = subprocess.run([sys.executable, "-m", "helpers", "codebook", "--check"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# Issue #11 items 5 and 6: nothing lost, and editor mistakes get a clear answer.

def _data_lines(path):
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_truncated_files_are_refused_with_the_number_of_rows_gone(tmp_path):
    folder = copy_with_package(tmp_path)
    counts, _ = validate_dir(folder)
    filled = [name for name, n in counts.items() if n >= 2]
    assert len(filled) >= 2, counts
    header_only, halved = filled[0], filled[1]
    path = folder / f"{header_only}.csv"
    path.write_text(_data_lines(path)[0], encoding="utf-8")
    path = folder / f"{halved}.csv"
    lines = _data_lines(path)
    keep = 1 + counts[halved] // 2
    path.write_text("".join(lines[:keep]), encoding="utf-8")
    proc = run_validate(folder)
    assert proc.returncode == 1
    n = counts[header_only]
    assert (f"data/{header_only}.csv: found 0 rows, expected at least {n} (the count recorded in "
            f"data/datapackage.json): {n} row(s) are gone") in proc.stderr, proc.stderr
    n, gone = counts[halved], counts[halved] - (keep - 1)
    assert f"data/{halved}.csv: found {keep - 1} rows, expected at least {n}" in proc.stderr, proc.stderr
    assert f"{gone} row(s) are gone" in proc.stderr
    assert "2 problem(s) found" in proc.stderr


def test_more_rows_than_recorded_and_no_package_are_fine(tmp_path):
    folder = copy_with_package(tmp_path)
    lines = _data_lines(folder / "events.csv")
    extra = TEST_EVENT_ROW
    (folder / "events.csv").write_text("".join(lines) + extra, encoding="utf-8")
    assert run_validate(folder).returncode == 0
    (folder / "datapackage.json").unlink()
    proc = run_validate(folder)
    assert proc.returncode == 0, proc.stderr


def test_unreadable_package_is_a_message_not_a_traceback(tmp_path):
    folder = copy_with_package(tmp_path)
    (folder / "datapackage.json").write_text("{", encoding="utf-8")
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert "data/datapackage.json: found an unreadable package" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def _as_spreadsheet_saves(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def test_spreadsheet_save_with_crlf_and_bom_is_the_same_data(tmp_path):
    from helpers.data.validate import check_file

    folder = copy_with_package(tmp_path)
    for schema in DATASETS.values():
        path = folder / schema.file
        path.write_bytes(_as_spreadsheet_saves(path.read_bytes()))
    doubled = folder / "events.csv"  # a file converted twice: CR CR LF
    doubled.write_bytes(doubled.read_bytes().replace(b"\r\n", b"\r\r\n"))
    proc = run_validate(folder)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == run_validate(DATA).stdout
    for schema in DATASETS.values():
        saved, lines, problems = check_file(folder / schema.file, schema)
        original, original_lines, _ = check_file(DATA / schema.file, schema)
        assert problems == [] and saved == original and lines == original_lines, schema.name


def test_dates_in_the_future_are_refused(tmp_path):
    import datetime as dt

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    today = dt.date.today()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    _replace_line(folder / "missile_launches.csv", 2, "1984-04-09", tomorrow)
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert (f"data/missile_launches.csv:2: date: found '{tomorrow}', expected a date no later than today "
            f"({today})") in proc.stderr, proc.stderr
    from helpers.data.validate import parse_cell

    date_columns = [c for s in DATASETS.values() for c in s.columns if c.kind == "date"]
    assert len(date_columns) >= 6
    for col in date_columns:  # every date column: today passes, tomorrow does not
        assert parse_cell(col, today.isoformat()) == today
        with pytest.raises(ValueError, match="no later than today"):
            parse_cell(col, tomorrow)


def test_folder_in_place_of_a_file_is_a_message(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / "events.csv").unlink()
    (folder / "events.csv").mkdir()
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert "data/events.csv: found a folder, expected a CSV file" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    with pytest.raises(DataError, match="events.csv: found a folder"):
        load.events()


def test_huge_broken_file_prints_the_first_50_problems_and_a_count(tmp_path):
    import time

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    header, first = _data_lines(DATA / "missile_launches.csv")[:2]
    bad = first.replace(",SRBM,", ",Scud,", 1)
    assert bad != first
    (folder / "missile_launches.csv").write_text(header + bad * 100_000, encoding="utf-8")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "helpers", "validate", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    lines = proc.stderr.splitlines()
    assert proc.returncode == 1
    assert len(lines) == 52, lines[:3] + lines[-3:]
    assert lines[0].startswith("data/missile_launches.csv:2: missile_type: found 'Scud'")
    total = int(lines[-1].split()[0])
    assert total >= 100_000  # every row is bad (and repeats the first)
    assert lines[-2] == f"... and {total - 50} more problem(s)"
    assert elapsed < 60, f"validation of 100,000 lines took {elapsed:.0f} s"


def test_no_session_tokens_or_local_paths_in_the_data():
    # A session token makes an address one visitor's; a local path points at one machine. Neither belongs in data.
    import re

    for path in sorted(DATA.glob("*.csv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            assert not re.search(r"[;?&](jsessionid|phpsessid|sessionid|sid)=", line, re.I), \
                f"{path.name}:{number}: a URL carries a session token"
            assert not re.search(r"(^|[\s(\"'])(/work/|/tmp/|/home/|/root/|[A-Z]:\\\\)", line), \
                f"{path.name}:{number}: a local file path"


def test_a_row_after_the_cns_export_needs_its_news_words(tmp_path):
    # Rows not from the CNS export must carry the news report that confirms them, with its words.
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    target = folder / "missile_launches.csv"
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    line = next(i for i, r in enumerate(rows, start=2) if r["data_origin"] == "cns_extension")
    rows[line - 2]["check_source_quote"] = ""
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    proc = run_validate(folder)
    assert proc.returncode == 1
    assert (f"data/missile_launches.csv:{line}: check_source_quote: found '', expected a value (required "
            "where data_origin is cns_extension or news)") in proc.stderr, proc.stderr
