"""Notebook 05-network: North Korea's tie split between China and Russia, recomputed from events.csv."""
from __future__ import annotations

import pytest

from conftest import read_csv
from test_trade_figure import chosen as chosen_figure

WEIGHTS = {"summit": 3, "treaty_signed": 3, "treaty_ratified": 3, "treaty_in_force": 3, "treaty_expired": 3,
           "visit": 2}


def period_weights(rows, first, last):
    """Summed event weights of the PRK–CHN and PRK–RUS ties over first..last (USSR = Russia, UN events out)."""
    w = {"CHN": 0, "RUS": 0}
    for row in rows:
        year = int(row["date"][:4])
        actors = {"RUS" if a == "SUN" else a for a in row["actors"].split(";")}
        if not first <= year <= last or "UNO" in actors or "PRK" not in actors:
            continue
        for partner in w:
            if partner in actors:
                w[partner] += WEIGHTS.get(row["event_type"], 1)
    return w


def test_headline_shares(site):
    res = site.results("05-network")
    rows = read_csv("events")
    latest = max(int(r["date"][:4]) for r in rows)
    assert res["latest_year"] == latest
    for key, (first, last) in {"2018_19": (2018, 2019), "2023_24": (2023, 2024),
                               "2025_latest": (2025, latest)}.items():
        w = period_weights(rows, first, last)
        assert (res[f"w_chn_{key}"], res[f"w_rus_{key}"]) == (w["CHN"], w["RUS"]), key
        assert res[f"share_chn_{key}"] == pytest.approx(w["CHN"] / (w["CHN"] + w["RUS"]), abs=1e-4), key


def test_un_events_counted(site):
    res = site.results("05-network")
    rows = read_csv("events")
    assert res["events_excluded_un"] == sum("UNO" in r["actors"].split(";") for r in rows)


def test_trade_layer_minimum(site):
    """China share of (China + Russia) total trade since 2017, each figure by the one rule of helpers/data/series.py."""
    res = site.results("05-network")
    chn, rus = chosen_figure("China"), chosen_figure("Russia")
    shares = [chn[y][0] / (chn[y][0] + rus[y][0]) for y in chn if y in rus and y >= 2017]
    assert res["trade_share_chn_min_since_2017"] == pytest.approx(min(shares), abs=1e-4)


def test_solution_statements(site):
    res = site.results("05-network")
    tables = res["weight_tables"]
    periods = list(tables["as published"])
    for name, share in tables.items():  # "under every table ... highest in 2018–19, lowest in 2023–24"
        assert share[periods[0]] > share[periods[2]] > share[periods[1]], name
    assert len({t[periods[0]] for t in tables.values()}) == 1  # "the 2018–19 share does not move at all"
    assert tables["as published"][periods[2]] < tables["summits 5"][periods[2]] < 0.5  # helps "a little"
    dips = {int(y) for y in res["dips_before_2022"]}
    assert dips and all(2000 <= y <= 2003 or 2010 <= y <= 2014 for y in dips)  # "start of the 2000s", "early 2010s"
    assert all(len(v) == 2 and v[1] >= 0.5 for v in res["split_after_dip_runs"].values())
    before, after = res["w_rus_mean_dips_vs_after_2022"]
    assert after >= 3 * before  # "several times larger"
    assert res["rus_ahead_years_since_2023"] == list(range(2023, res["latest_year"] + 1))  # "year after year"
    moved = res["un_moved_years"]
    assert "2022" in moved and any(a is None for a, _ in moved.values())  # the veto year; "gain one"
    assert all(abs(b - 0.5) < abs(a - 0.5) for a, b in moved.values() if a is not None)  # "towards one half"


def partner_weights(rows, first, last):
    """Summed event weights of every PRK tie over first..last (USSR = Russia, UN events out)."""
    w = {}
    for row in rows:
        actors = {"RUS" if a == "SUN" else a for a in row["actors"].split(";")}
        if first <= int(row["date"][:4]) <= last and "UNO" not in actors and "PRK" in actors:
            for partner in actors - {"PRK"}:
                w[partner] = w.get(partner, 0) + WEIGHTS.get(row["event_type"], 1)
    return w


def test_figure_takeaways(site):
    """Each figure's one-sentence takeaway states numbers recomputed here from the CSVs."""
    res = site.results("05-network")
    rows = read_csv("events")
    latest = max(int(r["date"][:4]) for r in rows)
    names = {"CHN": "China", "RUS": "Russia", "KOR": "South Korea", "USA": "the United States"}
    # network_two_periods: North Korea's strongest tie in each drawn period
    text = res["takeaway_network_two_periods"]
    for label, first, last in (("2018–19", 2018, 2019), (f"2023–{latest}", 2023, latest)):
        w = partner_weights(rows, first, last)
        top = max(w, key=w.get)
        assert list(w.values()).count(w[top]) == 1, (label, w)  # a single strongest tie
        assert f"with {names.get(top, top)} in {label} (weight {w[top]}" in text, (label, top, w[top])
        if top != "CHN":
            assert f"{label} (weight {w[top]}, against {w['CHN']} with China)" in text
    # network_tie_split: the event-tie shares of the periods and the lowest trade share since 2017
    shares = []
    for first, last in ((2018, 2019), (2023, 2024), (2025, latest)):
        w = period_weights(rows, first, last)
        shares.append(w["CHN"] / (w["CHN"] + w["RUS"]))
    chn, rus = chosen_figure("China"), chosen_figure("Russia")
    trade = {y: chn[y][0] / (chn[y][0] + rus[y][0]) for y in chn if y in rus and y >= 2017}
    low = min(trade, key=trade.get)
    text = res["takeaway_network_tie_split"]
    verb = "fell" if shares[1] < shares[0] else "went"
    assert (f"{verb} from {shares[0]:.0%} in 2018–19 to {shares[1]:.0%} in 2023–24 and was {shares[2]:.0%} in "
            f"2025–{latest}") in text
    assert f"its lowest share in a year since 2017 was {trade[low]:.0%} ({low})" in text


def test_tie_split_draws_a_partial_last_year_hollow_and_unjoined(site):
    """The last year of the events is partial unless they reach its 31 December; the notebook says which, and the
    chart keeps that year's point off the line (hollow, unjoined) and labels how far it runs."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from helpers.figures.network import draw_tie_split, partial_years

    last = max(r["date"] for r in read_csv("events"))
    expected = {} if last[5:] == "12-31" else {last[:4]: last}  # year keys as the results file stores them
    assert site.results("05-network")["tie_split_partial_years"] == expected
    # The drawing, on made-up years: 2024 and 2025 full, 2026 partial.
    shown = pd.DataFrame({"split": [0.2, 0.4, 0.0], "w_chn": [1, 2, 0], "w_rus": [4, 3, 1]}, index=[2024, 2025, 2026])
    partial = partial_years(pd.Series(pd.to_datetime(["2025-06-01", "2026-02-25"])))
    assert partial == {2026: pd.Timestamp("2026-02-25")}
    assert partial_years(pd.Series(pd.to_datetime(["2025-12-31"]))) == {}
    empty = pd.Series(dtype=float)
    fig = draw_tie_split(shown, empty, empty, partial)
    ax = fig.axes[0]
    events_line = ax.lines[0]
    joined = [(x, y) for x, y in zip(events_line.get_xdata(), events_line.get_ydata()) if y == y]
    assert [x for x, _ in joined] == [2024, 2025], "a partial year is joined to the line"
    hollow = [c for c in ax.collections if "partial year" in c.get_label()]
    assert len(hollow) == 1 and list(hollow[0].get_offsets()[:, 0]) == [2026]
    assert any("to 25 Feb" in t.get_text() for t in ax.texts)
    plt.close(fig)
