"""Missile data: per-year counts agree with the CNS/NTI database wherever it covers; launches are unique;
later rows carry a news cross-check."""
from collections import Counter

from conftest import read_csv

# Per-year missile counts of the CNS/NTI North Korea Missile Test Database export of April 2023
# (245 rows, 1984 to 12 April 2023), counted from that export when the data were curated.
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
