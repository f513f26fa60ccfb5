"""`python -m helpers import-cns`: dry run by default, matches existing launches, adds new ones, keeps
curated fields, never deletes, refuses broken input leaving data/ untouched, and turns CNS's UTC dates into
Korea local dates. Uses a small latin-1 file in the CNS export format made for these tests
(tests/fixtures/cns_sample.csv)."""
import csv
import datetime as dt
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
    assert "added 4, changed 2, unchanged 4; 0 deleted (never)" in proc.stdout
    assert "apogee_km: '200' -> '250'" in proc.stdout
    assert "Dry run: nothing written" in proc.stdout
    assert (data / "missile_launches.csv").read_bytes() == before


def test_write_merges_and_keeps_curated_fields(data):
    old = rows(data)
    proc = run(SAMPLE, "--write", "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    new = rows(data)
    assert set(old) <= set(new) and len(new) == len(old) + 4  # nothing deleted, four added
    assert new["19840409-3"]["apogee_km"] == "250"
    hw19 = new["20241031-1"]
    assert hw19["cns_id"] == "246" and hw19["data_origin"] == "cns"
    assert hw19["check_source_url"] == old["20241031-1"]["check_source_url"]  # curated field kept
    added = new["20261001-1"]
    assert added["launch_site"] == "Sinp\u00e2o test site"  # latin-1 read correctly
    assert added["time_utc"] == "01:05" and added["distance_km"] == "1000"
    assert added["apogee_km"] == "" and "between 5000 and 6000 km" in added["notes"]  # kept, not lost
    again = run(SAMPLE, "--data-dir", data)
    assert "added 0, changed 0, unchanged 10" in again.stdout


def test_late_utc_launch_lands_on_its_korean_date(data):
    proc = run(SAMPLE, "--write", "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    new = rows(data)
    late = new["20261003-1"]  # CNS: 2 Oct 2026 15:30 UTC = 00:30 KST on 3 October
    assert (late["cns_id"], late["date"], late["time_utc"]) == ("248", "2026-10-03", "15:30")
    same = new["20261003-2"]  # CNS: 3 Oct 2026 14:59 UTC = 23:59 KST, same day, later in the Korean day
    assert (same["cns_id"], same["date"], same["time_utc"]) == ("249", "2026-10-03", "14:59")
    assert not any(r["date"] == "2026-10-02" for r in new.values())
    hw19 = new["20241031-1"]  # CNS: 30 Oct 2024 22:11 UTC = 07:11 KST on 31 October
    assert (hw19["date"], hw19["time_utc"]) == ("2024-10-31", "22:11")


def test_launch_without_time_keeps_its_date_and_is_flagged(data):
    from helpers.data.cns import NO_TIME_NOTE

    assert run(SAMPLE, "--write", "--data-dir", data).returncode == 0
    new = rows(data)
    untimed = new["20261005-1"]
    assert (untimed["date"], untimed["time_utc"]) == ("2026-10-05", "")
    assert untimed["notes"] == NO_TIME_NOTE
    assert NO_TIME_NOTE in new["19840409-1"]["notes"]  # shipped rows carry the same flag
    assert NO_TIME_NOTE not in new["19840901-1"]["notes"]  # month-precision rows: nothing to convert


def test_korea_date():
    from helpers.data.cns import korea_date

    day = dt.date(2026, 12, 31)
    assert korea_date(day, "15:30") == dt.date(2027, 1, 1)
    assert korea_date(day, "15:00") == dt.date(2027, 1, 1)
    assert korea_date(day, "14:59") == day
    assert korea_date(day, "00:00") == day
    assert korea_date(day, None) == day


def test_old_utc_dates_are_moved_and_renumbered(data):
    """Data written before the conversion (UTC date, id of the UTC day) is fixed by a re-import: the row moves
    to its Korean date, the day's ids follow launch order, curated fields stay."""
    path = data / "missile_launches.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, old = reader.fieldnames, list(reader)
    for r in old:
        if r["cns_id"] == "81":  # 27 Apr 2016 21:33 UTC, stored the old way
            r.update(launch_id="20160427-1", date="2016-04-27", notes="curated note",
                     check_source_name="A check", check_source_url="https://example.org/check")
        elif r["cns_id"] == "82":
            r["launch_id"] = "20160428-1"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(old)
    dry = run(SAMPLE, "--data-dir", data)
    assert "20160427-1 -> 20160428-1 (CNS row 81):\n  date: '2016-04-27' -> '2016-04-28'" in dry.stdout
    assert "20160428-1 -> 20160428-2 (order within the Korean day)" in dry.stdout
    proc = run(SAMPLE, "--write", "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    new = rows(data)
    assert "20160427-1" not in new
    first, second = new["20160428-1"], new["20160428-2"]
    assert (first["cns_id"], first["time_utc"], second["cns_id"], second["time_utc"]) == ("81", "21:33", "82", "10:24")
    assert (first["notes"], first["check_source_url"]) == ("curated note", "https://example.org/check")
    ids = list(new)
    assert ids.index("20160428-1") + 1 == ids.index("20160428-2")  # file stays in date order
    assert "added 0, changed 0, unchanged 10" in run(SAMPLE, "--data-dir", data).stdout


def test_cns_date_erratum_is_not_shifted(data):
    """CNS row 108 gives the Korean date (14 May 2017) with a UTC time of 20:28: it must not move to 15 May."""
    assert run(SAMPLE, "--write", "--data-dir", data).returncode == 0
    row = rows(data)["20170514-1"]
    assert (row["cns_id"], row["date"], row["time_utc"]) == ("108", "2017-05-14", "20:28")


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
    assert "added 4, changed 2, unchanged 4" in proc.stdout


def test_broken_export_is_refused_and_data_untouched(data, tmp_path):
    before = (data / "missile_launches.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(SAMPLE.read_bytes().replace(b"1-Oct-26", b"31-Foo-26"))
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
    from helpers.data.schemas import MISSILE_LAUNCHES
    from helpers.data.store import write_dataset
    from helpers.data.validate import DataError, check_file

    path = data / "missile_launches.csv"
    before = path.read_bytes()
    good, _, _ = check_file(path, MISSILE_LAUNCHES)
    broken = [dict(good[0], outcome="exploded")] + good[1:]
    with pytest.raises(DataError, match="outcome: found 'exploded'"):
        write_dataset(path, MISSILE_LAUNCHES, broken)
    assert path.read_bytes() == before
