"""The missiles notebook's headline numbers, recomputed independently from the CSV."""
import itertools
import json
import re
from collections import Counter

import matplotlib.dates as mdates
import numpy as np
import matplotlib.text as mtext

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


def _icbm_frame():
    from helpers.data import load

    launches = load.missile_launches()
    return launches, launches[launches["missile_type"] == "ICBM"].sort_values("date")


def test_icbm_chart_marks_outcomes_and_state_media_figures_and_labels_collide_with_nothing():
    """Failed flights (the data's `outcome`) are drawn hollow, apogees whose row credits North Korea's state media
    are ringed, and no type label touches a flight's dot or another label."""
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt

    from helpers.figures.missiles import draw_icbm_apogees

    rows = [r for r in read_csv("missile_launches") if r["missile_type"] == "ICBM" and r["apogee_km"]]
    _, icbm = _icbm_frame()
    fig = draw_icbm_apogees(icbm)
    ax = fig.axes[0]
    fig.canvas.draw()
    hollow = [c for c in ax.collections if len(c.get_offsets()) and c.get_facecolor().size
              and mcolors.same_color(c.get_facecolor()[0], "white")]
    assert sum(len(c.get_offsets()) for c in hollow) == sum(r["outcome"] != "success" for r in rows)
    rings = [c for c in ax.collections if c.get_label().startswith("apogee as North Korea's state media")]
    said = [r for r in rows if any(("KCNA" in s or "state media" in s) and ("altitude" in s or "apogee" in s)
                                   for s in re.split(r"(?<=[.;])\s+", r["check_source_quote"] + " " + r["notes"]))]
    assert sum(len(c.get_offsets()) for c in rings) == len(said)
    assert all(r["check_source_quote"] or "KCNA" in r["notes"] or "state media" in r["notes"] for r in said)
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    names = {r["missile_name"] for r in rows}
    assert len(labels) == len(names), [t.get_text() for t in labels]
    dots = ax.transData.transform([(mdates.date2num(d), km) for d, km in zip(icbm["date"], icbm["apogee_km"])
                                   if km == km])
    boxes = [mtext.Text.get_window_extent(t, renderer) for t in labels]

    def gap(box, point) -> float:  # pixels from a dot's centre to a label's box (0 inside it)
        return float(np.hypot(max(box.x0 - point[0], 0, point[0] - box.x1), max(box.y0 - point[1], 0, point[1] - box.y1)))

    for t, box in zip(labels, boxes):
        own = ax.transData.transform([(mdates.date2num(t.xy[0]) if not isinstance(t.xy[0], float) else t.xy[0],
                                       t.xy[1])])[0]
        others = [p for p in dots if not np.allclose(p, own)]
        assert min(gap(box, p) for p in others) >= 8, f"label {t.get_text()!r} sits on another flight's dot"
        if t.arrow_patch is None:  # a label without a leader line sits by its own flight, nearer it than any other
            assert gap(box, own) <= 16, f"label {t.get_text()!r} is far from its flight"
            assert gap(box, own) * 1.5 < min(gap(box, p) for p in others), \
                f"label {t.get_text()!r} could be read as another flight's"
    for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes), 2):
        assert not box_a.overlaps(box_b), f"labels {a.get_text()!r} and {b.get_text()!r} overlap"
    plt.close(fig)


def test_state_media_rule_on_made_up_rows():
    import pandas as pd

    from helpers.figures.missiles import apogee_from_state_media

    rows = pd.DataFrame({
        "apogee_km": [6000.0, 6000.0, 50.0, None, 7000.0],
        "check_source_quote": ["According to KCNA, the missile reached a maximum altitude of 6,000 km.",
                               "The missile reached about 6,000 km, Japan's ministry said.",
                               "reached an altitude of 50 km, the JCS said.", "KCNA said the altitude was 10 km.",
                               None],
        "notes": [None, "KCNA named it the Hwasong-X.", "Japan said 50 km altitude; KCNA said a new type.", None,
                  "News check: state media named the Hwasong-Y, apogee 7000 km."]})
    assert list(apogee_from_state_media(rows)) == [True, False, False, False, True]


def test_interactive_chart_draws_no_unknown_apogee_at_zero():
    """Launches without a reported apogee are in the strip below, never at 0 km on the apogee axis; the hover says
    'not reported'; the notebook no longer says the chart plots them as 0."""
    from helpers.figures.missiles import launches_plotly

    rows = read_csv("missile_launches")
    launches, _ = _icbm_frame()
    fig = launches_plotly(launches)
    upper = [t for t in fig.data if t.yaxis == "y"]
    lower = [t for t in fig.data if t.yaxis == "y2"]
    assert sum(len(t.x) for t in upper) == sum(bool(r["apogee_km"]) for r in rows)
    assert sum(len(t.x) for t in lower) == sum(not r["apogee_km"] for r in rows)
    assert all(y is not None and y == y for t in upper for y in t.y)
    assert {float(y) for t in upper for y in t.y} <= {float(r["apogee_km"]) for r in rows if r["apogee_km"]}
    hovers = [c for t in fig.data for c in t.customdata]
    assert sum(c[3] == "not reported" for c in hovers) == sum(not r["apogee_km"] for r in rows)
    assert sum(c[4] == "not reported" for c in hovers) == sum(not r["distance_km"] for r in rows)
    text = (ROOT / "notebooks" / "02-missiles.md").read_text(encoding="utf-8")
    assert "as 0" not in text and "0 = not reported" not in text


def test_apogee_chart_text_names_failed_flights_and_state_media_figures(site):
    """The words under the apogee chart name every failed flight drawn and say whose figures the ringed ones are;
    the headline credits the 31 October 2024 apogee to North Korea's state media when its row does."""
    import datetime as dt

    def day(iso: str) -> str:
        d = dt.date.fromisoformat(iso)
        return f"{d.day} {d:%B %Y}"

    rows = apogee_flights(read_csv("missile_launches"))
    text = outputs_text(site)
    failed = [r for r in rows if r["outcome"] == "failure"]
    for r in failed:
        assert f"{float(r['apogee_km']):,.0f} km on {day(r['date'])}" in text
    assert ("Hollow dots are flights the data record as failures" in text) == bool(failed)
    oct31 = [r for r in rows if r["date"] == "2024-10-31"]
    if oct31 and "state media" in oct31[0]["notes"] + oct31[0]["check_source_quote"]:
        assert f"{float(oct31[0]['apogee_km']):,.0f} km (North Korea's own figure, KCNA)" in text
