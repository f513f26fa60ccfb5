"""The neighbours notebook's headline numbers, recomputed independently from the CSVs."""
import datetime as dt
import statistics
from collections import Counter

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


def launches_between(launch_days, day, days):
    return sum(1 for d in launch_days if day - dt.timedelta(days=days) <= d < day)


def test_neighbours_partial_year_is_the_cutoff_year(site):
    res = site.results("06-neighbours")
    years = res["neighbour_rows_per_year"]
    last = max(int(y) for y in years)
    assert set(res["partial_years"]) <= {str(last)}  # only the cut-off year can be partial
    for year, day in res["partial_years"].items():
        assert day[:4] == year and day[5:] != "12-31"


def test_neighbours_solutions_and_prose_rest_on_the_data():
    events, launches = read_csv("events"), read_csv("missile_launches")
    found = {r["title"]: r for r in responses(events)}
    launch_days = [dt.date.fromisoformat(r["date"]) for r in launches]
    # ex-neighbours-read: 2022 is the record launch year; the neighbours' rows that year hold no response.
    per_year = {}
    for r in launches:
        per_year[r["date"][:4]] = per_year.get(r["date"][:4], 0) + 1
    assert max(per_year, key=per_year.get) == "2022"
    assert not [r for r in found.values() if r["date"][:4] == "2022"]
    own_2022 = [r for r in events if r["date"][:4] == "2022" and r["actors"].split(";")[0] in NEIGHBOURS]
    assert own_2022 and all(r["event_type"] == "statement" and r["actors"].startswith("USA") for r in own_2022)
    # ex-neighbours-window: with 30 days, two responses stand out (about a dozen missiles, late May 2024
    # salvoes), the second Freedom Edge follows eight, the others four at most, the third Freedom Edge none.
    prior = {t: launches_between(launch_days, dt.date.fromisoformat(r["date"]), 30) for t, r in found.items()}
    busy = {t for t, n in prior.items() if n >= 10}
    assert busy == {"South Korea fully suspends the 2018 military agreement",
                    "First Freedom Edge trilateral multi-domain exercise"}
    assert all(10 <= prior[t] <= 14 for t in busy)
    assert prior["Second Freedom Edge exercise"] == 8
    assert max(n for t, n in prior.items() if t not in busy and not t.startswith("Second Freedom")) <= 4
    assert prior["Third Freedom Edge exercise"] == 0
    # Adding neighbour-initiated sanctions adds one row in 2023-24 (the MSMT launch) and none in 2016-22.
    sanctions = [r for r in events if r["event_type"] == "sanctions" and r["actors"].split(";")[0] in NEIGHBOURS]
    assert [r["date"][:7] for r in sanctions if "2016" <= r["date"][:4] <= "2024"] == ["2024-10"]
    # The table's sequence: a satellite launch just before the partial suspension, the balloon campaign (in the
    # full suspension's own description) before the full one, an ICBM under two weeks before Freedom Edge 2.
    def last_launch(title):
        day = found[title]["date"]
        return max((r for r in launches if r["date"] < day), key=lambda r: r["date"])
    assert last_launch("South Korea partially suspends 2018 Comprehensive Military Agreement")["missile_type"] == "SLV"
    assert "balloon" in found["South Korea fully suspends the 2018 military agreement"]["description"]
    fe2 = dt.date.fromisoformat(found["Second Freedom Edge exercise"]["date"])
    assert any(r["missile_type"] == "ICBM" and 0 < (fe2 - dt.date.fromisoformat(r["date"])).days <= 14
               for r in launches)
    # "Trilateral exercises continued under President Lee."
    lee = min(r["date"] for r in events if "Lee Jae-myung sworn in" in r["title"])
    assert any("Freedom Edge" in t and r["date"] > lee for t, r in found.items())


def test_figure_takeaways_rest_on_the_data(site):
    """Each figure's one-sentence takeaway: its counts recomputed from the CSVs."""
    res = site.results("06-neighbours")
    found = responses(read_csv("events"))
    launches = read_csv("missile_launches")
    years = [int(r["date"][:4]) for r in found]
    # The timeline: responses since 2016, from 2023 on, and in 2017-22.
    text = res["takeaway_neighbours_responses_timeline"]
    assert (f"Of the {len(found)} security responses" in text
            and f"{sum(y >= 2023 for y in years)} fall from 2023 on" in text
            and f"{sum(2017 <= y <= 2022 for y in years)} between 2017 and 2022" in text), text
    # Per year: the record launch year since 2016, its missiles and its responses.
    per_year = Counter(int(r["date"][:4]) for r in launches if r["date"][:4] >= "2016")
    peak = max(per_year, key=per_year.get)
    n_peak = years.count(peak)
    text = res["takeaway_neighbours_responses_vs_launches"]
    assert f"most missiles since 2016 in {peak} ({per_year[peak]})" in text, text
    assert f"records {n_peak} security response{'s' * (n_peak != 1)} that year" in text, text
    assert f"{sum(y >= 2023 for y in years)} of the {len(found)} responses since 2016" in text, text
    # Prior launches: the median 90-day window since 2016, the responses above it, and the busiest window.
    days = res["window_days"]
    launch_days = [dt.date.fromisoformat(r["date"]) for r in launches]
    daily = Counter(launch_days)
    span = range(dt.date(2016, 1, 1).toordinal(), max(launch_days).toordinal() + 1)
    median = statistics.median(sum(daily.get(dt.date.fromordinal(o - k), 0) for k in range(1, days + 1))
                               for o in span)
    prior = [(launches_between(launch_days, dt.date.fromisoformat(r["date"]), days), r) for r in found]
    above = sum(n > median for n, _ in prior)
    most, top = max(reversed(prior), key=lambda p: p[0])  # the latest of any tie, as the notebook
    text = res["takeaway_neighbours_prior_launches"]
    assert f"{above} of the {len(found)} security responses followed {days} days" in text, text
    assert f"window since 2016 ({median:g})" in text, text
    assert f"the most, {most}, came before “{top['title']}”" in text, text
