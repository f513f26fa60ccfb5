"""Beijing's position (notebook 7): its headline counts, gaps and verdicts recomputed from the CSVs."""
from collections import Counter

from conftest import read_csv

ALIGNMENT = {"troops_to_russia", "russia_dprk_treaty", "russia_dprk_ties"}


def treaty_date():
    return next(e["date"] for e in read_csv("events") if e["event_id"] == "EV-2024-csp-treaty-signed")


def alignment_rows():
    return [s for s in read_csv("china_signals") if s["topic"] in ALIGNMENT and s["date"] >= treaty_date()]


def test_signals_dataset_meets_its_brief():
    rows = read_csv("china_signals")
    assert len(rows) >= 100
    assert sum(r["date"] >= "2024-10-01" for r in rows) >= 40
    for i, r in enumerate(rows, start=2):
        assert 0 < len(r["source_quote"]) <= 300, f"china_signals.csv:{i} quote missing or too long"
        assert r["source_kind"] != "encyclopedia", f"china_signals.csv:{i} cites an encyclopedia"


def test_headline_counts(site):
    res = site.results("07-beijing")
    assert res["signals_rows"] == len(read_csv("china_signals"))


def test_period_shares_recomputed(site):
    """The chart of shares by period: each period's counts recomputed from the CSV."""
    from helpers.analysis.engine import BASELINE

    signals = read_csv("china_signals")
    shares = site.results("07-beijing")["period_shares"]
    base = shares["2018 – mid-2023 (baseline)"]
    rows = [s for s in signals if f"{BASELINE[0]:%Y-%m-%d}" <= s["date"] <= f"{BASELINE[1]:%Y-%m-%d}"
            and s["topic"] not in ALIGNMENT]
    assert base == [sum(s["stance"] in ("distancing", "critical") for s in rows), len(rows)]
    assert sum(n for _, n in shares.values()) <= len(signals)


def test_thesis_verdict_is_the_ledgers(site):
    res = site.results("07-beijing")
    assert res["answer_c7"] == site.results("00-claims")["verdicts_now"]["C7"]
    assert len(res["c7_variants"]) >= 3


def test_the_prose_rests_on_rows_that_exist(site):
    # Historical facts the explanations cite: rows that a later update cannot remove without a recorded removal.
    signals = read_csv("china_signals")
    assert any(s["topic"] == "friendship_year" and s["stance"] == "distancing" for s in signals), \
        "the prose cites a quiet close of the Friendship Year"
    assert any(s["topic"] in ALIGNMENT and s["stance"] == "supportive" and s["date"].startswith("2024-08")
               for s in signals), "the prose cites Lin Jian's August 2024 answer"
    assert any(v["reliability"] == "A" and v["view"] == "uneasy" for v in read_csv("china_private_views")), \
        "the prose cites US officials reporting Chinese anxiety"


def test_monthly_gaps_are_the_months_without_a_total(site):
    months = {r["period_start"][:7] for r in read_csv("trade_monthly")
              if r["period"] == "month" and r["flow"] == "total"}
    res = site.results("07-beijing")
    assert res["monthly_months_reported"] == len(months)
    latest = max(months)
    every = [f"{y}-{m:02d}" for y in range(2019, int(latest[:4]) + 1) for m in range(1, 13)
             if f"{y}-{m:02d}" <= latest]
    assert res["monthly_gaps"] == [m for m in every if m not in months]


def test_readout_language_table(site):
    leaders = [s for s in read_csv("china_signals") if s["channel"] in
               ("leader_readout", "leader_message", "joint_statement")
               and s["mentions_denuclearisation"] != "not_applicable"]
    res = site.results("07-beijing")["readout_language"]
    for year in {s["date"][:4] for s in leaders}:
        said = Counter(s["mentions_denuclearisation"] for s in leaders if s["date"][:4] == year)
        assert res[year]["Mentions it"] == said.get("yes", 0)
        assert res[year]["Does not"] == said.get("no", 0)


def test_codebook_types_no_counts_a_row_could_change():
    # Counts follow the data on the Data page; typed in the codebook they go stale with the next row.
    import re

    from conftest import DATA

    text = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    assert not re.search(r"\(\d+ rows, \d+ from October 2024 on\)", text)
    assert not re.search(r"monthly totals for \d+ of the \d+ months", text)


def test_border_map_takeaway_names_the_sourced_trade_share(site):
    crossings = [r for r in read_csv("places") if r["role"] == "china_border"]
    shares = [r for r in crossings if r["trade_share_pct"]]
    lead = max(shares, key=lambda r: float(r["trade_share_pct"]))
    text = site.results("07-beijing")["takeaway_beijing_border_crossings_map"]
    assert text.startswith(f"{len(shares)} of the {len(crossings)} crossings on the map"), text
    assert (f"{lead['name'].split(' (')[0]}, with {float(lead['trade_share_pct']):.0f}% "
            f"({lead['source_date'][:4]})") in text, text
