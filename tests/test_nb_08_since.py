"""Since-the-article notebook: trade rebound and meeting counts recomputed from the CSVs."""
from conftest import read_csv


def most_recent(rows):
    # the collection's rule: most recently published source wins; undated sources rank last
    return sorted(rows, key=lambda r: (r["source_date"] == "", "" if not r["source_date"] else
                                       "".join(chr(255 - ord(ch)) for ch in r["source_date"])))[0]


def test_since_headline(site):
    res = site.results("08-since-the-article")
    china = [r for r in read_csv("trade") if r["reporter_series"] == "china_customs" and r["partner"] == "China"
             and r["flow"] == "total" and r["value_usd_m"]]
    latest = max(int(r["year"]) for r in china)
    assert res["china_trade_latest_year"] == latest
    value = float(most_recent([r for r in china if int(r["year"]) == latest])["value_usd_m"])
    low = float(most_recent([r for r in china if r["year"] == "2021"])["value_usd_m"])
    assert res["china_trade_latest_usd_m"] == value
    assert res["china_trade_rebound_vs_2021"] == round(value / low, 1)
    assert res["treaty_in_force"] == "2024-12-04"


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
    oil = evidence.split("oil: ")[1].split(";")[0]
    rus, chn = (float(x.split(" barrels")[0].replace(",", "").split()[-1]) for x in oil.split(" against "))
    assert rus > chn
    att = evidence.split("attention: ")[1]
    assert int(att.split(" high-level")[0]) < int(att.split("against ")[1].split(" with Russia")[0])
