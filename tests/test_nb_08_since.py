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
    """'Russia still leads in 2025 ... the gap narrows sharply in the second half.'"""
    halves = site.results("08-since-the-article")["meetings_2025_by_half"]
    total = {p: sum(h[p] for h in halves.values()) for p in ("China", "Russia")}
    assert total["Russia"] > total["China"]
    gap = {h: v["Russia"] - v["China"] for h, v in halves.items()}
    assert gap["H2"] < gap["H1"] and halves["H2"]["China"] > halves["H1"]["China"]
    assert "Russia still leads in 2025" in solution_text("08-since-the-article", "ex-since-window")


def test_trade_stays_overwhelmingly_chinese(site):
    """The 'two readings' prose: North Korea's trade stayed overwhelmingly Chinese."""
    assert site.results("01-benefactor")["kotra_china_share_pct"] > 90
    assert site.results("05-network")["trade_share_chn_min_since_2017"] > 0.9


def test_meetings_since_article(site):
    res = site.results("08-since-the-article")
    counts = {"China": 0, "Russia": 0}
    for e in read_csv("events"):
        codes = e["actors"].split(";")
        if e["event_type"] in ("summit", "visit") and "PRK" in codes and e["date"] > "2024-11-01":
            if "RUS" in codes and "CHN" not in codes:
                counts["Russia"] += 1
            elif "CHN" in codes and "RUS" not in codes:
                counts["China"] += 1
    assert res["meetings_since_article"] == counts
    assert res["beijing_summits_sept_2025"] >= 1


def test_two_readings_still_match_the_verdicts(site):
    # The conclusion's prose says trade alone rejects "waning influence" while oil and attention support it;
    # if new data change either, this fails so the prose is rewritten.
    rows = {r["rule"]: r["verdict"] for r in site.results("00-claims")["robustness"] if r["claim_id"] == "C5"}
    assert rows["Trade alone"] == "Not supported"
    evidence = site.results("00-claims")["evidence_now"]["C5"]
    assert "from Russia against" in evidence and "indicators point to waning influence" in evidence
    oil = re.search(r"([\d,]+) barrels from Russia against ([\d,]+)", evidence)
    rus, chn = (float(x.replace(",", "")) for x in oil.groups())
    assert rus > chn
    att = evidence.split("attention: ")[1]
    assert int(att.split(" high-level")[0]) < int(att.split("against ")[1].split(" with Russia")[0])


def test_figure_takeaways_rest_on_the_data(site):
    """The meetings and trade figures' takeaways: their numbers recomputed from the CSVs."""
    res = site.results("08-since-the-article")
    halves, since = {}, {"China": 0, "Russia": 0}
    for e in read_csv("events"):
        codes = e["actors"].split(";")
        if e["event_type"] not in ("summit", "visit") or "PRK" not in codes or e["date"] < "2018-01-01":
            continue
        partner = ("Russia" if "RUS" in codes and "CHN" not in codes else
                   "China" if "CHN" in codes and "RUS" not in codes else None)
        half = halves.setdefault((e["date"][:4], 1 + (int(e["date"][5:7]) > 6)), {"China": 0, "Russia": 0, None: 0})
        half[partner] += 1
        if partner and e["date"] > "2024-11-01":
            since[partner] += 1
    last = max(int(y) for y, _ in halves)
    recent = [halves.get((str(y), h), {"China": 0, "Russia": 0}) for y in range(2023, last + 1) for h in (1, 2)]
    ahead = sum(c["Russia"] > c["China"] for c in recent)
    text = res["takeaway_since_meetings"]
    assert f"holds {since['Russia']} summits and high-level visits" in text, text
    assert f"and {since['China']} with China" in text, text
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
