"""Missile data: per-year counts agree with the CNS/NTI database wherever it covers; launches are unique;
later rows carry a news cross-check; dates are Korea local dates and agree with the events timeline."""
import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

from conftest import read_csv

# Every launch of the shipped data at or after 15:00 UTC, with its UTC date as the producer gives it (CNS/NTI
# export of April 2023 by F1, with the three rows of helpers.data.cns.CNS_DATE_ERRATA at their true UTC date; the
# nagix/nk-missile-tests extension by date and time; for a launch added from the news, the report's GMT time),
# read from those files when the data were converted.
LATE_UTC = Path(__file__).parent / "fixtures" / "late_utc_launches.csv"

# Per-year missile counts of the CNS/NTI North Korea Missile Test Database export of April 2023
# (245 rows, 1984 to 12 April 2023 UTC = 13 April in Korea), counted from that export when the data were
# curated. No launch moves across a new year when UTC dates become Korea dates.
CNS_PER_YEAR = {1984: 6, 1986: 1, 1990: 2, 1991: 1, 1992: 1, 1993: 4, 1998: 1, 2006: 7, 2009: 8, 2012: 2,
                2013: 6, 2014: 19, 2015: 15, 2016: 24, 2017: 21, 2019: 27, 2020: 9, 2021: 6, 2022: 69}


def test_per_year_counts_match_cns():
    rows = read_csv("missile_launches")
    ours = Counter(int(r["date"][:4]) for r in rows if int(r["date"][:4]) <= 2022)
    assert dict(ours) == CNS_PER_YEAR
    cns_2023 = [r for r in rows if r["date"].startswith("2023") and r["data_origin"] == "cns"]
    assert len(cns_2023) == 16
    assert sum(r["data_origin"] == "cns" for r in rows) == 245


def test_no_duplicate_launches():
    rows = read_csv("missile_launches")
    ids = [r["launch_id"] for r in rows]
    assert len(ids) == len(set(ids))
    cns_ids = [r["cns_id"] for r in rows if r["cns_id"]]
    assert len(cns_ids) == len(set(cns_ids))
    for r in rows:
        assert r["launch_id"].startswith(r["date"].replace("-", "")), r["launch_id"]


def test_later_launches_are_checked_against_news():
    later = [r for r in read_csv("missile_launches") if r["data_origin"] != "cns"]
    assert later, "no launches after the CNS export"
    unchecked = [r["launch_id"] for r in later if r["data_origin"] == "cns_extension" and not r["check_source_url"]]
    assert unchecked == []
    assert max(r["date"] for r in later) >= "2026-01-01"


def test_hwasong_19_record_flight_present():
    rows = [r for r in read_csv("missile_launches") if r["date"] == "2024-10-31"]
    assert [r["missile_type"] for r in rows] == ["ICBM"]
    assert float(rows[0]["apogee_km"]) > 7000


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_dates_are_korea_local():
    """A launch at or after 15:00 UTC is on the next day in Korea (UTC+9): its date is never the UTC date.
    The fixture's rows after April 2023 follow the launch-count rule (JCS, else Japan's defence ministry), as the
    data do, not the open extension's own counts."""
    with open(LATE_UTC, encoding="utf-8", newline="") as f:
        late = list(csv.DictReader(f))
    rows = read_csv("missile_launches")
    ours = [r for r in rows if r["time_utc"] >= "15:00"]
    assert len(ours) == len(late) > 100
    by_cns = {r["cns_id"]: r for r in rows if r["cns_id"]}
    for ref in (r for r in late if r["data_origin"] == "cns"):
        row = by_cns[ref["cns_id"]]
        assert row["time_utc"] == ref["time_utc"], row["launch_id"]
        assert row["date"] != ref["utc_date"], f"{row['launch_id']}: UTC date kept"
        assert _day(row["date"]) == _day(ref["utc_date"]) + dt.timedelta(days=1), row["launch_id"]
    extension = Counter((str(_day(r["date"]) - dt.timedelta(days=1)), r["time_utc"]) for r in ours
                        if r["data_origin"] != "cns")
    assert extension == Counter((r["utc_date"], r["time_utc"]) for r in late if r["data_origin"] != "cns")
    icbm = {r["date"] for r in rows if r["missile_type"] == "ICBM"}
    assert {"2017-11-29", "2022-11-03", "2023-03-16", "2023-04-13", "2024-10-31"} <= icbm
    assert not {"2017-11-28", "2022-11-02", "2023-03-15", "2023-04-12", "2024-10-30"} & icbm


def test_rows_without_time_are_flagged():
    """Without a launch time a date cannot be converted: the row keeps its producer's date and says so."""
    from helpers.data.cns import TIME_NOTES

    for r in read_csv("missile_launches"):
        if not r["time_utc"] and r["date_precision"] == "day":
            if r["data_origin"] == "cns":
                assert any(note in r["notes"] for note in TIME_NOTES), r["launch_id"]
            else:
                assert "launch time unknown" in r["notes"].lower(), r["launch_id"]


def test_launch_ids_follow_the_korean_day():
    """launch_id = Korea local date and order within that day: 1, 2, ... in launch (Korea clock) order."""
    days = defaultdict(list)
    for r in read_csv("missile_launches"):
        days[r["date"]].append(r)
    for day, rows in days.items():
        rows.sort(key=lambda r: int(r["launch_id"].split("-")[1]))
        assert [r["launch_id"] for r in rows] == [f"{day.replace('-', '')}-{n}" for n in range(1, len(rows) + 1)]
        kst = [(int(r["time_utc"][:2]) * 60 + int(r["time_utc"][3:]) + 540) % 1440 for r in rows if r["time_utc"]]
        assert kst == sorted(kst), day


# Launch events of the timeline with no launch of that date in the missile data, and why. Nuclear tests are
# not launches and are left out.
EVENT_EXCEPTIONS: dict[str, str] = {}


def test_launch_events_match_missile_dates():
    """Missile milestones of data/events.csv fall on a Korean date that has a launch (an ICBM for ICBM events)."""
    launches = defaultdict(set)
    for r in read_csv("missile_launches"):
        launches[r["date"]].add(r["missile_type"])
    events = [e for e in read_csv("events") if e["event_type"] == "missile_milestone"]
    assert len(events) >= 10
    missing = [e["event_id"] for e in events if e["date"] not in launches and e["event_id"] not in EVENT_EXCEPTIONS]
    assert missing == []
    no_icbm = [e["event_id"] for e in events if "ICBM" in e["title"] and "ICBM" not in launches.get(e["date"], ())]
    assert no_icbm == []
