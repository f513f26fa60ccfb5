"""Cross-dataset checks on the evidence streams (to the update contract: they hold for any valid data)."""
from __future__ import annotations

import datetime as dt

from conftest import read_csv

PAIRS = {frozenset({"PRK", "CHN"}): "CHN-PRK", frozenset({"PRK", "RUS"}): "PRK-RUS"}


def test_every_summit_and_visit_of_the_events_timeline_is_in_the_visits_register():
    visits = {v["event_id"] for v in read_csv("visits") if v["event_id"]}
    for e in read_csv("events"):
        actors = frozenset(e["actors"].split(";"))
        if e["date"] >= "2018" and e["event_type"] in ("summit", "visit") and actors in PAIRS:
            assert e["event_id"] in visits, f"events.csv {e['event_id']} has no row in visits.csv"


def test_visit_rows_name_events_that_exist_and_agree_on_the_pair():
    events = {e["event_id"]: e for e in read_csv("events")}
    for v in read_csv("visits"):
        if v["event_id"]:
            assert v["event_id"] in events, f"visits.csv {v['visit_id']}: unknown event {v['event_id']}"
            assert PAIRS[frozenset(events[v["event_id"]]["actors"].split(";"))] == v["pair"], v["visit_id"]
        assert v["pair"] == PAIRS[frozenset({v["visiting_country"], "PRK"} | ({"CHN"} if "CHN" in v["pair"] else {"RUS"}))]


def _months(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def test_the_search_log_covers_every_month_from_its_start_to_its_end():
    months = sorted(r["month"] for r in read_csv("search_log") if r["dataset"] == "china_signals")
    assert months[0] == "2023-01"
    assert months == _months(months[0], months[-1]), "a month is missing or logged twice in search_log.csv"


def test_rows_added_in_the_log_never_exceed_the_rows_the_dataset_holds_for_that_month():
    held: dict[str, int] = {}
    for r in read_csv("china_signals"):
        held[r["date"][:7]] = held.get(r["date"][:7], 0) + 1
    for r in read_csv("search_log"):
        assert int(r["rows_added"]) <= held.get(r["month"], 0), f"search_log {r['month']}: more rows added than held"


def test_revenue_ranges_and_periods_are_ordered():
    for r in read_csv("revenue_estimates"):
        if r["period_start"] and r["period_end"]:
            assert dt.date.fromisoformat(r["period_start"]) <= dt.date.fromisoformat(r["period_end"])
