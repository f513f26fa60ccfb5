"""`python -m helpers import-cns`: dry run by default, matches existing launches, adds new ones, keeps
curated fields, never deletes, refuses broken input leaving data/ untouched. Uses a small latin-1 file
in the CNS export format made for these tests (tests/fixtures/cns_sample.csv)."""
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT

SAMPLE = Path(__file__).parent / "fixtures" / "cns_sample.csv"


def run(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "import-cns", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def rows(folder):
    with open(folder / "missile_launches.csv", encoding="utf-8", newline="") as f:
        return {r["launch_id"]: r for r in csv.DictReader(f)}


def test_dry_run_reports_and_writes_nothing(data):
    before = (data / "missile_launches.csv").read_bytes()
    proc = run(SAMPLE, "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    assert "added 1, changed 2, unchanged 1; 0 deleted (never)" in proc.stdout
    assert "apogee_km: '200' -> '250'" in proc.stdout
    assert "Dry run: nothing written" in proc.stdout
    assert (data / "missile_launches.csv").read_bytes() == before


def test_write_merges_and_keeps_curated_fields(data):
    old = rows(data)
    proc = run(SAMPLE, "--write", "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    new = rows(data)
    assert set(old) <= set(new) and len(new) == len(old) + 1  # nothing deleted, one added
    assert new["19840409-3"]["apogee_km"] == "250"
    hw19 = new["20241031-1"]
    assert hw19["cns_id"] == "246" and hw19["data_origin"] == "cns"
    assert hw19["check_source_url"] == old["20241031-1"]["check_source_url"]  # curated field kept
    added = new["20261201-1"]
    assert added["launch_site"] == "Sinp\u00e2o test site"  # latin-1 read correctly
    assert added["time_utc"] == "01:05" and added["distance_km"] == "1000"
    assert added["apogee_km"] == "" and "between 5000 and 6000 km" in added["notes"]  # kept, not lost
    again = run(SAMPLE, "--data-dir", data)
    assert "added 0, changed 0, unchanged 4" in again.stdout


def test_xlsx_export_is_read_too(data, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    with open(SAMPLE, encoding="latin-1", newline="") as f:
        for record in csv.reader(f):
            wb.active.append(record)
    xlsx = tmp_path / "cns.xlsx"
    wb.save(xlsx)
    proc = run(xlsx, "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    assert "added 1, changed 2, unchanged 1" in proc.stdout


def test_broken_export_is_refused_and_data_untouched(data, tmp_path):
    before = (data / "missile_launches.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(SAMPLE.read_bytes().replace(b"1-Dec-26", b"31-Foo-26"))
    proc = run(bad, "--write", "--data-dir", data)
    assert proc.returncode == 1
    assert "bad.csv:5: Date: found '31-Foo-26', expected a date like 9-Apr-84" in proc.stderr
    assert "Nothing was written." in proc.stderr and "Traceback" not in proc.stderr
    assert (data / "missile_launches.csv").read_bytes() == before
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n", encoding="latin-1")
    proc = run(wrong, "--write", "--data-dir", data)
    assert proc.returncode == 1 and "wrong.csv:1: found no column(s) F1, Date" in proc.stderr


def test_invalid_merge_result_is_not_written(data, tmp_path):
    before = (data / "missile_launches.csv").read_bytes()
    bad = tmp_path / "bad_type.csv"
    bad.write_bytes(SAMPLE.read_bytes().replace(b"Hwasong-20\",ICBM", b"Hwasong-20\",XRBM")
                    .replace(b"Hwasong-20,ICBM", b"Hwasong-20,XRBM"))
    proc = run(bad, "--write", "--data-dir", data)
    assert proc.returncode == 1 and "Missile Type: found 'XRBM'" in proc.stderr
    assert (data / "missile_launches.csv").read_bytes() == before
    assert not list(data.glob(".*.tmp"))


def test_atomic_write_refuses_invalid_rows(data):
    from helpers.schemas import MISSILE_LAUNCHES
    from helpers.store import write_dataset
    from helpers.validate import DataError, check_file

    path = data / "missile_launches.csv"
    before = path.read_bytes()
    good, _, _ = check_file(path, MISSILE_LAUNCHES)
    broken = [dict(good[0], outcome="exploded")] + good[1:]
    with pytest.raises(DataError, match="outcome: found 'exploded'"):
        write_dataset(path, MISSILE_LAUNCHES, broken)
    assert path.read_bytes() == before
