"""The claim rules can come out either way, say "Not enough data" when the data are thin, never read a missing
figure as zero, and count nothing not yet known on the date judged.

Made-up data (typed like the real loaders) drive each main rule to each verdict; the real data drive the
distance-to-flip check: every graded rule's thresholds lie inside the range its indicator can plausibly take,
so every verdict is in reach. Nothing here asserts today's verdicts (the update contract)."""
from __future__ import annotations

import calendar
import datetime as dt

import pandas as pd
import pytest

from conftest import ROOT, read_csv
from helpers.analysis import ledger
from helpers.analysis.engine import ARTICLE_DATE, GRADED, THIN, TREATY_SIGNED, UNTESTABLE, VERDICTS
from helpers.data.load import _frame
from helpers.data.schemas import DATASETS

WHEN = pd.Timestamp("2026-01-01")
NAMES = {"trade": "trade", "events": "events", "troops": "troop_reports", "missiles": "missile_launches",
         "transfers": "transfers", "signals": "china_signals", "trade_monthly": "trade_monthly",
         "petroleum": "refined_petroleum", "crude": "crude_oil", "aid": "aid", "visits": "visits",
         "rok_measures": "rok_measures", "private_views": "china_private_views", "revenue": "revenue_estimates"}
S, P, N = ledger.SUPPORTED, ledger.PARTLY, ledger.NOT
CLAIM = {c.claim_id: c for c in ledger.CLAIMS}


def data(**frames) -> dict:
    """A data dict with every dataset present (empty unless given), typed like the real loaders."""
    return {key: _frame(DATASETS[name], frames.get(key, []), list(range(2, len(frames.get(key, [])) + 2)))
            for key, name in NAMES.items()}


# --- C1 ------------------------------------------------------------------------------------------------------

def partners(china_first_years: int, other_first_years: int) -> list[dict]:
    rows = []
    for i in range(china_first_years + other_first_years):
        china, russia = (100, 50) if i < china_first_years else (50, 100)
        for partner, series, value in (("China", "china_customs", china), ("Russia", "russia_customs", russia)):
            rows.append({"year": 1995 + i, "reporter_series": series, "partner": partner, "flow": "total",
                         "value_usd_m": value})
    return rows


def test_c1_counts_only_years_with_figures_to_compare():
    rule = CLAIM["C1"].main.judge
    assert rule(data(trade=partners(10, 0)), WHEN).verdict == S
    assert rule(data(trade=partners(6, 4)), WHEN).verdict == P
    assert rule(data(trade=partners(3, 7)), WHEN).verdict == N
    assert rule(data(trade=partners(3, 0)), WHEN).verdict == THIN  # three years cannot speak for three decades


# --- C5 ------------------------------------------------------------------------------------------------------

def customs(*values) -> list[dict]:
    return [{"year": 2022 + i, "reporter_series": "china_customs", "partner": "China", "flow": "total",
             "value_usd_m": v} for i, v in enumerate(values)]


def fuel(year, rus, chn, status="estimate") -> list[dict]:
    return [{"year": year, "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "supplier": s,
             "reporter": f"estimate of {name}'s deliveries", "reporter_kind": "research", "status": status,
             "quantity": q, "unit": "barrels"} for s, name, q in (("RUS", "Russia", rus), ("CHN", "China", chn))]


def visits(chn: int, rus: int) -> list[dict]:
    return ([{"start_date": "2025-03-01", "pair": "CHN-PRK", "visitor_rank": "minister"}] * chn
            + [{"start_date": "2025-04-01", "pair": "PRK-RUS", "visitor_rank": "minister"}] * rus)


def test_c5_leverage_goes_either_way():
    rule = CLAIM["C5"].main.judge
    assert rule(data(trade=customs(100, 80), petroleum=fuel(2024, 900, 100), visits=visits(1, 3)), WHEN).verdict == S
    assert rule(data(trade=customs(100, 120), petroleum=fuel(2024, 10, 100), visits=visits(0, 3)), WHEN).verdict == P
    assert rule(data(trade=customs(100, 120), petroleum=fuel(2024, 10, 100), visits=visits(3, 0)), WHEN).verdict == N


def test_c5_a_missing_figure_is_never_zero():
    # No fuel figure and no trade pair: the durable indicators cannot be judged, so the rule says so.
    assert CLAIM["C5"].main.judge(data(visits=visits(0, 3)), WHEN).verdict == THIN
    # Russia's fuel in a year China reported nothing is not compared with a China of zero.
    only_russia = [r for r in fuel(2024, 900, 100) if r["supplier"] == "RUS"]
    f = CLAIM["C5"].main.judge(data(trade=customs(100, 120), petroleum=only_russia), WHEN)
    assert "no year with outside estimates for both" in f.evidence
    # No revenue estimate covers the year: missing, not zero.
    trade = customs(100, 100) + [{"year": 2023, "reporter_series": "russia_customs", "partner": "Russia",
                                  "flow": "total", "value_usd_m": 5}]
    revenue_rule = next(r for r in CLAIM["C5"].rules if "revenue" in r.name)
    assert revenue_rule.judge(data(trade=trade), WHEN).verdict == THIN


# --- C6 ------------------------------------------------------------------------------------------------------

def measures(*directions, start="2024-03-") -> list[dict]:
    return [{"date": f"{start}{i + 1:02d}", "direction": d, "stage": "implemented", "government": "Lee Jae-myung",
             "title": f"measure {i}", "measure_type": "other"} for i, d in enumerate(directions)]


def test_c6_goes_either_way_and_gates_thin_windows():
    rule = CLAIM["C6"].main.judge
    early = [{"date": "2023-01-01", "direction": "maintain", "stage": "announced", "government": "Yoon Suk Yeol",
              "title": "register starts", "measure_type": "other"}]
    assert rule(data(rok_measures=early + measures(*["strengthen"] * 6)), WHEN).verdict == S
    assert rule(data(rok_measures=early + measures(*["strengthen"] * 3, *["relax"] * 3)), WHEN).verdict == P
    assert rule(data(rok_measures=early + measures(*["relax"] * 5, "strengthen")), WHEN).verdict == N
    assert rule(data(rok_measures=early + measures("strengthen", "strengthen")), WHEN).verdict == THIN
    # A register that starts after the window's start cannot judge it.
    assert rule(data(rok_measures=measures(*["strengthen"] * 6)), WHEN).verdict == THIN


def test_c6_window_ends_where_the_register_ends_and_never_after_the_article():
    early = [{"date": "2023-01-01", "direction": "maintain", "stage": "announced", "government": "Yoon Suk Yeol",
              "title": "register starts", "measure_type": "other"}]
    f = CLAIM["C6"].main.judge(data(rok_measures=early + measures(*["strengthen"] * 6)), pd.Timestamp("2027-06-01"))
    assert f.verdict == S and "6 Mar 2024" in f.evidence


# --- C7 and C8 -----------------------------------------------------------------------------------------------

def signals(start: str, *stances, topic="bilateral_ties", flag="not_applicable", every=30) -> list[dict]:
    day = pd.Timestamp(start)
    return [{"date": (day + pd.Timedelta(days=every * i)).date().isoformat(), "topic": topic, "stance": s,
             "mentions_denuclearisation": flag, "speaker": "spokesperson", "channel": "mfa_briefing"}
            for i, s in enumerate(stances)]


BASE = signals("2019-01-01", *["supportive"] * 9, "distancing")  # a 10 % baseline share


def accounts(*views) -> list[dict]:
    return [{"date_said": "2024-09-01", "reliability": "A", "view": v, "reporter": "official"} for v in views]


def test_c7_bundle_goes_either_way():
    rule = CLAIM["C7"].main.judge
    cold = signals("2024-07-01", *["distancing"] * 4, *["supportive"] * 6)
    warm = signals("2024-07-01", *["supportive"] * 10)
    contact_before = [{"start_date": "2024-01-10", "pair": "CHN-PRK", "visitor_rank": "leader"},
                      {"start_date": "2025-06-01", "pair": "PRK-RUS", "visitor_rank": "minister"}]
    contact_kept = contact_before + [{"start_date": "2024-12-01", "pair": "CHN-PRK", "visitor_rank": "leader"}] * 2
    assert rule(data(signals=BASE + cold, visits=contact_before, private_views=accounts("uneasy", "uneasy")),
                WHEN).verdict == S
    assert rule(data(signals=BASE + warm, visits=contact_before, private_views=accounts("comfortable", "comfortable")),
                WHEN).verdict == P
    assert rule(data(signals=BASE + warm, visits=contact_kept, private_views=accounts("comfortable", "comfortable")),
                WHEN).verdict == N
    assert rule(data(signals=BASE[:3] + warm[:3]), WHEN).verdict == THIN


def test_c8_uniform_answers_are_not_varied():
    rule = CLAIM["C8"].main.judge
    assert rule(data(signals=signals("2024-01-01", *["neutral"] * 9, topic="troops_to_russia")), WHEN).verdict == N
    mixed = signals("2024-01-01", *["neutral"] * 5, *["supportive"] * 3, "distancing", "critical",
                    topic="russia_dprk_ties")
    assert rule(data(signals=mixed), WHEN).verdict == S


# --- every rule, on the real data ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tables():
    return {"article": ledger.robustness(ARTICLE_DATE), "all": ledger.robustness()}


def test_every_claim_has_a_plan_and_rules(tables):
    for c in ledger.CLAIMS:
        assert c.words and c.reading and c.baseline and c.datasets and c.against, c.claim_id
        assert c.main.against, f"{c.claim_id}: the main rule must say what would count against it"
        assert set(c.datasets) <= set(DATASETS)


def test_every_verdict_is_a_known_verdict_with_its_flip(tables):
    for table in tables.values():
        assert set(table["verdict"]) <= set(VERDICTS)
        assert table["evidence"].str.len().gt(10).all() and table["flip"].str.len().gt(10).all()


def test_every_graded_rule_can_reach_every_verdict_on_plausible_data(tables):
    """The distance to flip is within reach: each threshold lies inside the indicator's plausible range."""
    for label, table in tables.items():
        for _, r in table[table["verdict"].isin(GRADED)].iterrows():
            assert r["cuts"] is not None and r["plausible"] is not None, f"{r['claim_id']} {r['rule']}: not graded"
            lo, hi = r["plausible"]
            for cut in r["cuts"]:
                assert lo <= cut <= hi, (f"{label}: {r['claim_id']} / {r['rule']}: threshold {cut} outside the "
                                         f"plausible range {lo}–{hi}, so a verdict is out of reach")
            assert lo <= r["value"] <= hi, f"{r['claim_id']} / {r['rule']}: value outside its own plausible range"


def _end_of_period(date: str, precision: str) -> dt.date:
    d = dt.date.fromisoformat(date)
    if precision == "month":
        return d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if precision == "year":
        return d.replace(month=12, day=31)
    return d


ID_COLUMNS = {"china_signals": "signal_id", "visits": "visit_id", "rok_measures": "measure_id",
              "china_private_views": "view_id", "events": "event_id", "troop_reports": "report_id",
              "missile_launches": "launch_id", "revenue_estimates": "estimate_id"}


def test_no_row_known_later_counts_on_the_article_date():
    """A row counts as known from the later of its source's date and the end of its date's precision period
    (a month-precision row dated 1 Nov 2024 is not known on 1 Nov 2024)."""
    for c, v in ledger.evaluate(ARTICLE_DATE).items():
        for ref in v.rows:
            if ref["dataset"] not in ID_COLUMNS:
                continue
            idcol = ID_COLUMNS[ref["dataset"]]
            row = next(r for r in read_csv(ref["dataset"]) if r[idcol] == ref["id"])
            date_col = DATASETS[ref["dataset"]].known_date
            precision = row.get("date_precision") or row.get("date_said_precision") or "day"
            if row.get(date_col):
                assert _end_of_period(row[date_col], precision) <= ARTICLE_DATE, f"{c} counts {ref['id']} ({row[date_col]}, {precision})"
            if row.get("source_date"):
                assert dt.date.fromisoformat(row["source_date"]) <= ARTICLE_DATE, f"{c} counts {ref['id']}, published {row['source_date']}"


def test_the_treaty_window_starts_at_the_treaty():
    assert TREATY_SIGNED == pd.Timestamp("2024-06-19")
    treaty = [e for e in read_csv("events") if e["event_type"] == "treaty_signed" and "RUS" in e["actors"]
              and "PRK" in e["actors"] and e["date"] >= "2024"]
    assert treaty and treaty[0]["date"] == "2024-06-19"


def test_untestable_before_the_test_and_judged_after():
    f = CLAIM["C4"].main.judge(data(), pd.Timestamp("2024-11-01"))
    assert f.verdict == UNTESTABLE


def test_readme_counts_the_claims_as_the_ledger_does():
    words = {5: "five", 2: "two", 7: "seven", 6: "six", 3: "three", 4: "four", 8: "eight", 9: "nine"}
    kinds = [c.kind for c in ledger.CLAIMS]
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (f"{words[len(kinds)]} claims in our words ({words[kinds.count('premise')]} premises, "
            f"{words[kinds.count('inference')]} inferences") in text


def test_no_window_ends_before_it_starts():
    """Judged before the treaty, the thesis rules say so instead of printing an impossible window."""
    import re

    for v in ledger.robustness(dt.date(2024, 6, 1)).itertuples():
        for start, end in re.findall(r"from (\d{1,2} \w{3} \d{4}) to (\d{1,2} \w{3} \d{4})", v.evidence):
            assert pd.Timestamp(start) <= pd.Timestamp(end), f"{v.claim_id} / {v.rule}: {v.evidence}"
