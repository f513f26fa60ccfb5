"""The missiles notebook's headline numbers, recomputed independently from the CSV."""
import json
from collections import Counter

import pytest

from conftest import ROOT, read_csv


def test_missile_headline(site):
    res = site.results("02-missiles")
    rows = read_csv("missile_launches")
    per_year = Counter(r["date"][:4] for r in rows)
    year, count = per_year.most_common(1)[0]
    assert res["total_launches"] == len(rows)
    assert res["peak_year"] == int(year) and res["peak_year_launches"] == count
    icbm = [r for r in rows if r["missile_type"] == "ICBM"]
    assert res["icbm_launches"] == len(icbm)
    top = max((r for r in icbm if r["apogee_km"]), key=lambda r: float(r["apogee_km"]))
    assert res["highest_icbm_apogee_km"] == float(top["apogee_km"])
    assert res["highest_icbm_date"] == top["date"]


def outputs_text(site, stem="02-missiles") -> str:
    """Every markdown and plain-text output of the executed notebook, joined: the prose readers see."""
    nb = json.loads((site.root / "executed" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts.append("".join(data.get("text/markdown", "")) + "".join(out.get("text", "")))
    return "\n".join(parts)


def in_words(items) -> str:
    """2018 / 2018 and 2021 / 2014, 2018 and 2021, as the notebook lists years."""
    items = [str(i) for i in items]
    return " and ".join(items) if len(items) < 3 else ", ".join(items[:-1]) + " and " + items[-1]


def per_year_counts(rows) -> dict[int, int]:
    counts = Counter(int(r["date"][:4]) for r in rows)
    return {year: counts.get(year, 0) for year in range(min(counts), max(counts) + 1)}


def test_years_beating_the_pre_2014_maximum(site):
    """The tempo exercise's answer: which years from 2014 launched more than any year before 2014."""
    res = site.results("02-missiles")
    counts = per_year_counts(read_csv("missile_launches"))
    before = max(n for year, n in counts.items() if year < 2014)
    above = [year for year, n in counts.items() if year >= 2014 and n > before]
    not_above = [year for year, n in counts.items() if year >= 2014 and n <= before]
    assert res["pre_2014_max"] == before
    assert res["years_from_2014_above_pre_2014_max"] == above
    assert res["years_from_2014_not_above_pre_2014_max"] == not_above
    exceptions = in_words(f"{year} ({counts[year]})" for year in not_above)
    assert f"except {exceptions} launched more missiles than the busiest year before 2014 ({before}," in \
        outputs_text(site)


def test_type_mix_2016_17_and_2022(site):
    res = site.results("02-missiles")
    rows = read_csv("missile_launches")
    y16_17 = Counter(r["missile_type"] for r in rows if r["date"][:4] in ("2016", "2017"))
    y22 = Counter(r["missile_type"] for r in rows if r["date"].startswith("2022"))
    share = (y16_17["MRBM"] + y16_17["IRBM"]) / sum(y16_17.values())
    assert res["mix_2016_17_mrbm_irbm_share"] == pytest.approx(share, abs=6e-4)
    assert res["mix_2022_srbm_share"] == pytest.approx(y22["SRBM"] / sum(y22.values()), abs=6e-4)
    text = outputs_text(site)
    assert f"{share:.0%} of the {sum(y16_17.values())} missiles were medium- or intermediate-range" in text
    assert f"alongside {y22['ICBM']} ICBMs" in text


def test_icbm_launches_per_year_and_the_solution_sentence(site):
    res = site.results("02-missiles")
    per_year = Counter(r["date"][:4] for r in read_csv("missile_launches") if r["missile_type"] == "ICBM")
    assert res["icbm_per_year"] == dict(sorted(per_year.items()))
    most = max(per_year.values())
    top = sorted(year for year, n in per_year.items() if n == most)
    text = outputs_text(site)
    if len(top) > 1:
        assert f"{in_words(top)} tie for the most ICBM launches, {most} each" in text
    else:
        assert f"{top[0]} has the most ICBM launches ({most})" in text
    assert "by far the most ICBM" not in (ROOT / "notebooks" / "02-missiles.md").read_text(encoding="utf-8")


def apogee_flights(rows):
    """ICBM flights with a reported apogee, in date order (file order within a day)."""
    return sorted((r for r in rows if r["missile_type"] == "ICBM" and r["apogee_km"]), key=lambda r: r["date"])


def test_icbm_records_chart_title_and_types_that_set_none(site):
    """The apogee chart's title and the sentence under it say what the data show: which flights set a record,
    and which named types never did (the Hwasong-17's best stayed below a Hwasong-15 flight of March 2022)."""
    res = site.results("02-missiles")
    flights = apogee_flights(read_csv("missile_launches"))
    records, best = [], float("-inf")
    for r in flights:
        if float(r["apogee_km"]) > best:
            best = float(r["apogee_km"])
            records.append(r)
    assert res["icbm_apogee_records"] == [[r["date"], float(r["apogee_km"])] for r in records]
    record_setters = {r["missile_name"] for r in records}
    named = dict.fromkeys(r["missile_name"] for r in flights if r["missile_name"] != "Unknown")  # first-flight order
    laggards = [name for name in named if name not in record_setters]
    assert res["icbm_types_without_record"] == laggards
    first, last = records[0], records[-1]
    caption = json.loads((site.figures / "missiles_icbm_apogees.json").read_text(encoding="utf-8"))["caption"]
    assert caption == (f"ICBM test apogees: the record rose from {float(first['apogee_km']):,.0f} km "
                       f"({first['date'][:4]}) to {float(last['apogee_km']):,.0f} km ({last['date'][:4]})")
    text = outputs_text(site)
    if laggards:
        assert "Not every new type flew higher: " + f"the {laggards[0]}'s best flight" in text
    else:
        assert "Each named ICBM type set a new apogee record" in text


def test_alt_texts_follow_the_data(site):
    res = site.results("02-missiles")
    rows = read_csv("missile_launches")
    top_other = max(float(r["apogee_km"]) for r in rows if r["missile_type"] != "ICBM" and r["apogee_km"])
    above = sum(1 for r in apogee_flights(rows) if float(r["apogee_km"]) > top_other)
    assert (res["highest_non_icbm_apogee_km"], res["icbm_flights_above_other_types"]) == (top_other, above)
    sites = Counter(r["launch_site"] for r in rows if r["lat"] and r["lon"])
    busiest = sorted(sites.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    assert res["busiest_launch_sites"] == [list(kv) for kv in busiest]
    counts = per_year_counts(rows)
    alt = json.loads((site.figures / "missiles_per_year.json").read_text(encoding="utf-8"))["alt"]
    assert f"since {min(counts)} by type" in alt and f"a peak of {max(counts.values())} in" in alt


def test_the_march_2022_naming_caveat_holds():
    """The caveat says the 24 March 2022 ICBM, announced by Pyongyang as a Hwasong-17, is a Hwasong-15 in the
    missile data: both files must still say so."""
    flight = [r for r in read_csv("missile_launches") if r["date"] == "2022-03-24" and r["missile_type"] == "ICBM"]
    assert [r["missile_name"] for r in flight] == ["Hwasong-15"]
    events = [r for r in read_csv("events") if r["date"] == "2022-03-24"]
    assert any("Hwasong-17" in r["title"] and "claimed" in r["title"] for r in events)


def test_record_helpers_on_made_up_flights():
    """A type whose best flight stays below an earlier type's is named; when every type set a record, the
    sentence says so; flights without an apogee and unnamed missiles are left out."""
    import pandas as pd

    from helpers.figures.missiles import apogee_records, icbm_title, new_types_sentence, ordinal

    flights = pd.DataFrame({
        "launch_id": ["a", "b", "c", "d", "e"],
        "date": pd.to_datetime(["2017-07-04", "2017-11-29", "2022-03-16", "2022-11-18", "2023-01-01"]),
        "missile_name": ["A-1", "A-2", "B-1", "B-1", "Unknown"],
        "apogee_km": [2800.0, 4500.0, None, 4000.0, 100.0]})
    assert list(apogee_records(flights)["launch_id"]) == ["a", "b"]
    assert new_types_sentence(flights) == ("Not every new type flew higher: the B-1's best flight (4,000 km, "
                                           "18 November 2022) stayed below the 4,500 km a A-2 reached on "
                                           "29 November 2017.")
    assert icbm_title(flights) == "ICBM test apogees: the record rose from 2,800 km (2017) to 4,500 km (2017)"
    flights.loc[3, "apogee_km"] = 5000.0
    assert new_types_sentence(flights) == "Each named ICBM type set a new apogee record at least once."
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 14, 21, 22, 23, 111)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "14th", "21st", "22nd", "23rd", "111th"]


def test_figure_takeaways(site):
    """Each figure's one-sentence takeaway states numbers recomputed here from the CSV."""
    res = site.results("02-missiles")
    rows = read_csv("missile_launches")
    # missiles_per_year: the peak year, and the years from 2014 above every year before it
    counts = per_year_counts(rows)
    peak = max(counts.values())
    peak_year = min(y for y, n in counts.items() if n == peak)
    before = max(n for y, n in counts.items() if y < 2014)
    since = [n for y, n in counts.items() if y >= 2014]
    assert (f"launched {peak} missiles in {peak_year}, the most of any year; no year before 2014 had more than "
            f"{before}, but {sum(n > before for n in since)} of the {len(since)} years from 2014 did"
            ) in res["takeaway_missiles_per_year"]
    # missiles_icbm_apogees: the flights that set a record, and the named types that never did
    flights = apogee_flights(rows)
    records, best = [], float("-inf")
    for r in flights:
        if float(r["apogee_km"]) > best:
            best = float(r["apogee_km"])
            records.append(r)
    text = res["takeaway_missiles_icbm_apogees"]
    assert f"Over {len(records)} record-setting flights" in text
    assert f"from {float(records[0]['apogee_km']):,.0f} km" in text
    assert f"to {float(records[-1]['apogee_km']):,.0f} km" in text
    setters = {r["missile_name"] for r in records}
    laggards = {r["missile_name"] for r in flights if r["missile_name"] not in setters | {"Unknown"}}
    assert all(name in text for name in laggards) and ("never set one" in text) == bool(laggards)
    # missiles_launch_sites_map: the busiest site with coordinates, and its launches from 2022 on
    located = [r for r in rows if r["lat"] and r["lon"]]
    sites = Counter(r["launch_site"] for r in located)
    top, n = sorted(sites.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    after = [r for r in located if int(r["date"][:4]) >= 2022]
    top_after = sum(r["launch_site"] == top for r in after)
    assert (f"{top} is the busiest of the {len(set((r['launch_site'], r['lat'], r['lon']) for r in located))} "
            f"mapped sites, with {n} of the {len(located)} missiles drawn; {top_after} of them were fired from "
            f"2022 on, {top_after / len(after):.0%} of the mapped missiles since then"
            ) in res["takeaway_missiles_launch_sites_map"]
