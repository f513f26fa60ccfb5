"""Since-the-article notebook: trade rebound and meeting counts recomputed from the CSVs."""
import re

from conftest import read_csv
from prose import solution_text
from test_trade_figure import chosen as chosen_figure


def test_since_headline(site):
    res = site.results("08-since-the-article")
    china = chosen_figure("China")
    latest = max(china)
    assert res["china_trade_latest_year"] == latest
    low = min((y for y in china if y >= 2020), key=lambda y: china[y][0])
    assert res["china_trade_low_year"] == low
    assert res["china_trade_latest_usd_m"] == china[latest][0]
    assert res["china_trade_rebound_vs_low"] == round(china[latest][0] / china[low][0], 1)
    assert res["treaty_in_force"] == "2024-12-04"


def test_window_solution(site):
    """The solution counts the 2025 visits by half-year and partner, as visits.csv holds them."""
    halves = site.results("08-since-the-article")["meetings_2025_by_half"]
    expected = {}
    for v in read_csv("visits"):
        if v["start_date"].startswith("2025"):
            half = "H2" if int(v["start_date"][5:7]) > 6 else "H1"
            partner = {"CHN-PRK": "China", "PRK-RUS": "Russia"}[v["pair"]]
            expected.setdefault(half, {"China": 0, "Russia": 0})[partner] += 1
    assert halves == expected


def test_trade_stays_overwhelmingly_chinese(site):
    """The 'two readings' prose: North Korea's trade stayed overwhelmingly Chinese."""
    assert site.results("01-benefactor")["kotra_china_share_pct"] > 90
    assert site.results("05-network")["trade_share_chn_min_since_2017"] > 0.9


WEIGHT = {"leader": 3, "head_of_government": 2, "head_of_legislature": 2, "other": 0}  # every other rank 1


def _weighted_visits():
    """(half-year, partner, weight) for every visit in visits.csv, read with the csv module."""
    out = []
    for v in read_csv("visits"):
        partner = {"CHN-PRK": "China", "PRK-RUS": "Russia"}[v["pair"]]
        half = (v["start_date"][:4], 1 + (int(v["start_date"][5:7]) > 6))
        out.append((v["start_date"], half, partner, WEIGHT.get(v["visitor_rank"], 1)))
    return out


def test_meetings_since_article(site):
    res = site.results("08-since-the-article")
    counts = {"China": 0.0, "Russia": 0.0}
    for date, _, partner, weight in _weighted_visits():
        if date > "2024-11-01":
            counts[partner] += weight
    assert res["meetings_since_article"] == counts
    assert res["beijing_summits_sept_2025"] >= 1


def test_two_readings_follow_the_indicators(site):
    """The 'two readings' paragraph is computed from the C5 indicators: its clauses follow them."""
    from helpers.analysis.c5_influence import indicators
    from helpers.analysis import ledger
    import pandas as pd

    points = {n: p for n, p, _, _ in indicators(ledger.data_for(), pd.Timestamp.today())}
    assert site.results("08-since-the-article")["c5_indicator_points"] == points


def test_figure_takeaways_rest_on_the_data(site):
    """The meetings and trade figures' takeaways: their numbers recomputed from the CSVs."""
    res = site.results("08-since-the-article")
    halves, since = {}, {"China": 0.0, "Russia": 0.0}
    for date, half, partner, weight in _weighted_visits():
        halves.setdefault(half, {"China": 0, "Russia": 0})[partner] += weight
        if date > "2024-11-01":
            since[partner] += weight
    last = max(int(y) for y, _ in halves)
    recent = [halves.get((str(y), h), {"China": 0, "Russia": 0}) for y in range(2023, last + 1) for h in (1, 2)]
    ahead = sum(c["Russia"] > c["China"] for c in recent)
    text = res["takeaway_since_meetings"]
    assert f"contact of {since['Russia']:g} with Russia and {since['China']:g} with China" in text, text
    assert f"in {ahead} of the {len(recent)} half-years from 2023" in text, text
    china, russia = chosen_figure("China"), chosen_figure("Russia")
    latest = max(china)
    low = min((y for y in china if y >= 2020), key=lambda y: china[y][0])
    assert china[latest][0] > china[low][0]  # "rose from"
    rus = {y: v for y, (v, _) in russia.items() if y >= 2015}
    text = res["takeaway_since_trade_rebound"]
    assert f"from US${china[low][0]:,.0f} million in {low}" in text, text
    assert f"to US${china[latest][0]:,.0f} million in {latest} ({china[latest][0] / china[low][0]:.1f} times" in text
    assert f"at most US${max(rus.values()):,.0f} million a year since {min(rus)}" in text, text


def test_trade_rebound_says_russias_wartime_flows_are_off_the_chart(site):
    """The customs chart says on its face, in its takeaway and in its alt text that Russia's wartime flows (payments
    for munitions and troops, oil above the UN cap, wages) are not in customs figures and so are not drawn."""
    import json

    res = site.results("08-since-the-article")
    note = res["since_trade_rebound_off_chart"]
    assert all(word in note for word in ("not in customs figures", "munitions", "troops", "oil", "UN cap", "wages"))
    assert res["takeaway_since_trade_rebound"].endswith(note + ".")
    meta = json.loads((site.figures / "since_trade_rebound.json").read_text(encoding="utf-8"))
    assert note in meta["alt"] and meta["takeaway"].endswith(note + ".")
