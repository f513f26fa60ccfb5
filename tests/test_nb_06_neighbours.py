"""The neighbours notebook's headline numbers, recomputed independently from the CSVs."""
import datetime as dt

from conftest import read_csv

NEIGHBOURS = {"KOR", "JPN", "USA"}


def responses(rows):
    """Security measures and exercises initiated by KOR/JPN/USA, and summits among those three only."""
    found = []
    for r in rows:
        actors = r["actors"].split(";")
        if actors[0] not in NEIGHBOURS or int(r["date"][:4]) < 2016:
            continue
        if r["event_type"] in ("security_measure", "military_exercise") or (
                r["event_type"] == "summit" and set(actors) <= NEIGHBOURS):
            found.append(r)
    return sorted(found, key=lambda r: r["date"])


def test_neighbours_headline(site):
    res = site.results("06-neighbours")
    events, launches = read_csv("events"), read_csv("missile_launches")
    found = responses(events)
    early = [r for r in found if "2016" <= r["date"][:4] <= "2022"]
    recent = [r for r in found if "2023" <= r["date"][:4] <= "2024"]
    assert (res["responses_2016_22"], res["responses_2023_24"]) == (len(early), len(recent))
    assert res["responses_per_year_2016_22"] == round(len(early) / 7, 2)
    assert res["responses_per_year_2023_24"] == round(len(recent) / 2, 2)
    assert (res["latest_response_date"], res["latest_response_title"]) == (found[-1]["date"], found[-1]["title"])
    missiles_recent = sum(1 for r in launches if "2023" <= r["date"][:4] <= "2024")
    assert res["missiles_per_year_2023_24"] == round(missiles_recent / 2, 1)
    assert res["rows_involving_neighbours"] == sum(
        1 for r in events if NEIGHBOURS & set(r["actors"].split(";")))


def test_launches_before_each_response(site):
    res = site.results("06-neighbours")
    days = res["window_days"]
    launch_days = [dt.date.fromisoformat(r["date"]) for r in read_csv("missile_launches")]
    expected = {}
    for r in responses(read_csv("events")):
        day = dt.date.fromisoformat(r["date"])
        expected[r["date"]] = sum(1 for d in launch_days if day - dt.timedelta(days=days) <= d < day)
    assert res["prior_window_launches"] == expected
