"""Every rule of every claim can come out for and against its claim: made-up data must give "Supported",
"Partly supported" and "Not supported" for each rule (main rules and robustness variants alike)."""
from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis import ledger
from helpers.data.load import _frame
from helpers.data.schemas import DATASETS

WHEN = pd.Timestamp("2026-01-01")
NAMES = {"trade": "trade", "events": "events", "troops": "troop_reports", "missiles": "missile_launches",
         "transfers": "transfers", "signals": "china_signals", "trade_monthly": "trade_monthly",
         "petroleum": "refined_petroleum"}


def data(**frames) -> dict:
    """A data dict with every dataset present (empty unless given), typed like the real loaders."""
    out = {}
    for key, name in NAMES.items():
        rows = frames.get(key, [])
        out[key] = _frame(DATASETS[name], rows, list(range(2, len(rows) + 2)))
    return out


def share(years: dict) -> dict:
    return data(trade=[{"year": y, "reporter_series": "kotra", "partner": "China", "flow": "total", "share_pct": s}
                       for y, s in years.items()])


def event(date, kind, actors, title="made-up event"):
    return {"date": date, "event_type": kind, "actors": actors, "title": title}


FILLER = event("2025-12-31", "other", "USA", "data run to the end of 2025")


def pr_events(*kinds) -> dict:
    return data(events=[event(f"2024-0{i + 1}-10", k, "PRK;RUS") for i, k in enumerate(kinds)] + [FILLER])


def troops(*rows) -> dict:
    return data(troops=[{"report_date": "2025-01-10", "reporter": r, "reporter_country": c, "measure": m,
                         "value_low": v, "value_high": v, "status": s} for r, c, m, v, s in rows])


DEPLOYED_KOR = ("NIS", "KOR", "deployed", 11000, "estimate")
DEPLOYED_USA = ("Pentagon", "USA", "deployed", 12000, "estimate")
ACKS = (("Kremlin", "RUS", "other", None, "acknowledgement"), ("KCNA", "PRK", "other", None, "acknowledgement"))
KILLED = ("NIS", "KOR", "killed", 600, "estimate")


def missiles(test_apogee, after, before, kind="SRBM") -> dict:
    rows = [{"date": "2023-07-12", "missile_type": "ICBM", "apogee_km": 6000},
            {"date": "2024-10-31", "missile_type": "ICBM", "apogee_km": test_apogee}]
    rows += [{"date": f"2024-0{1 + i % 9}-05", "missile_type": kind} for i in range(before)]
    rows += [{"date": f"2025-0{1 + i % 9}-05", "missile_type": kind} for i in range(after)]
    rows += [{"date": "2025-12-20", "missile_type": "SRBM"}]  # the data reach beyond the 12-month window
    return data(missiles=rows)


def meetings(chn: int, rus: int) -> list[dict]:
    return ([event("2025-06-01", "visit", "PRK;CHN")] * chn + [event("2025-07-01", "summit", "PRK;RUS")] * rus
            + [FILLER])


def monthly(fall: float) -> list[dict]:
    rows = []
    for year, factor in ((2024, 1.0), (2025, 1.0 - fall)):
        for m in (1, 2, 3):
            end = pd.Timestamp(year, m, 1) + pd.offsets.MonthEnd(0)
            rows.append({"period_start": f"{year}-0{m}-01", "period_end": end.date().isoformat(), "period": "month",
                         "flow": "total", "value_usd_m": 100 * factor, "reporter_series": "china_customs"})
    return rows


def oil(rus: float, chn: float) -> list[dict]:
    return [{"year": 2025, "supplier": s, "quantity": q, "unit": "barrels"} for s, q in (("RUS", rus), ("CHN", chn))]


def ratio(china: float, russia: float, arms: float | None = None) -> dict:
    rows = [{"year": 2024, "reporter_series": "china_customs", "partner": "China", "flow": "total",
             "value_usd_m": china},
            {"year": 2024, "reporter_series": "russia_customs", "partner": "Russia", "flow": "total",
             "value_usd_m": russia}]
    tf = [] if arms is None else [{"from": "PRK", "to": "RUS", "unit": "usd_m", "value_low": arms, "value_high": arms,
                                   "period_start": "2024-01-01", "period_end": "2024-12-31"}]
    return {"trade": rows, "transfers": tf}


def seoul(n: int, kind: str, actors: str = "KOR;PRK") -> dict:
    return data(events=[event(f"2025-0{i + 3}-01", kind, actors) for i in range(n)] + [FILLER])


def signals(*stances, topic="troops_to_russia") -> dict:
    return data(signals=[{"date": f"2024-11-{i + 1:02d}", "topic": topic, "stance": s} for i, s in enumerate(stances)])


def engagement(before: int, after: int) -> dict:
    return data(events=[event("2024-03-01", "visit", "CHN;PRK")] * before
                + [event("2024-12-01", "visit", "CHN;PRK")] * after + [FILLER])


S, P, N = ledger.SUPPORTED, ledger.PARTLY, ledger.NOT
CASES = {
    ("C1", 0): {S: share({1992: 60, 2023: 90}), P: share({1992: 30, 2000: 60, 2023: 90}), N: share({1992: 60, 2023: 40})},
    ("C1", 1): {S: share({1992: 30, 2000: 60, 2023: 90}), P: share({1992: 30, 2010: 60, 2023: 90}), N: share({2023: 40})},
    ("C1", 2): {S: share({2023: 90}), P: share({2023: 40}), N: share({2023: 10})},
    ("C2", 0): {S: pr_events("treaty_signed"), P: pr_events("visit"), N: pr_events("other")},
    ("C2", 1): {S: pr_events("treaty_signed", "treaty_in_force"), P: pr_events("treaty_signed"), N: pr_events()},
    ("C2", 2): {S: pr_events("visit", "summit", "visit"), P: pr_events("visit"), N: pr_events("other")},
    ("C3", 0): {S: troops(DEPLOYED_KOR, *ACKS), P: troops(DEPLOYED_KOR), N: troops()},
    ("C3", 1): {S: troops(DEPLOYED_KOR, DEPLOYED_USA), P: troops(DEPLOYED_KOR), N: troops(ACKS[0])},
    ("C3", 2): {S: troops(DEPLOYED_KOR, KILLED), P: troops(DEPLOYED_KOR), N: troops()},
    ("C4", 0): {S: missiles(8000, 6, 4), P: missiles(8000, 1, 6), N: missiles(5000, 1, 6)},
    ("C4", 1): {S: missiles(8000, 1, 1), P: missiles(5800, 1, 1), N: missiles(3000, 1, 1)},
    ("C4", 2): {S: missiles(8000, 6, 4), P: missiles(8000, 3, 6), N: missiles(8000, 0, 6)},
    ("C4", 3): {S: missiles(8000, 2, 1, kind="ICBM"), P: missiles(8000, 2, 4, kind="ICBM"),
                N: missiles(8000, 0, 3, kind="ICBM")},
    ("C5", 0): {S: data(trade_monthly=monthly(0.3), petroleum=oil(900000, 50000), events=meetings(0, 2)),
                P: data(trade_monthly=monthly(0.0), petroleum=oil(10000, 50000), events=meetings(0, 2)),
                N: data(trade_monthly=monthly(-0.2), petroleum=oil(10000, 50000), events=meetings(2, 0))},
    ("C5", 1): {S: data(**ratio(50, 10), events=meetings(2, 0)), P: data(**ratio(500, 10), events=meetings(0, 2)),
                N: data(**ratio(500, 10), events=meetings(2, 0))},
    ("C5", 2): {S: data(events=meetings(1, 2)), P: data(events=meetings(2, 2)), N: data(events=meetings(2, 1))},
    ("C5", 3): {S: data(**ratio(50, 10)), P: data(**ratio(150, 10)), N: data(**ratio(500, 10))},
    ("C5", 4): {S: data(**ratio(100, 10, arms=10)), P: data(**ratio(150, 1, arms=9)), N: data(**ratio(500, 10))},
    ("C6", 0): {S: seoul(2, "statement"), P: seoul(1, "security_measure"), N: seoul(0, "statement")},
    ("C6", 1): {S: seoul(2, "security_measure"), P: seoul(1, "security_measure"), N: seoul(3, "statement")},
    ("C6", 2): {S: seoul(2, "military_exercise", "USA;KOR"), P: seoul(1, "military_exercise", "USA;KOR"),
                N: seoul(2, "military_exercise", "PRK;KOR")},
    ("C7", 0): {S: signals("distancing", "critical", "neutral"), P: signals("distancing", "neutral", "neutral", "neutral"),
                N: signals("neutral", "neutral", "supportive")},
    ("C7", 1): {S: signals("neutral", "neutral", "supportive"), P: signals("neutral", "supportive", "supportive", "supportive"),
                N: signals("supportive", "supportive", "supportive")},
    ("C7", 2): {S: signals("distancing", "critical", "supportive", topic="bilateral_ties"),
                P: signals("distancing", "supportive", "supportive", "neutral", topic="friendship_year"),
                N: signals("supportive", "neutral", "supportive", topic="bilateral_ties")},
    ("C7", 3): {S: engagement(2, 1), P: engagement(1, 1), N: engagement(0, 1)},
}


def test_every_rule_has_cases():
    rules = {(c.claim_id, i) for c in ledger.CLAIMS for i in range(len(c.rules))}
    assert rules == set(CASES), f"rules without made-up cases: {rules - set(CASES)}"
    assert all(2 <= len(c.rules) - 1 <= 4 for c in ledger.CLAIMS), "each claim needs two to four variants"
    assert all(c.against.strip() and c.kind in ledger.KINDS for c in ledger.CLAIMS)


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: f"{k[0]}-rule{k[1]}")
def test_rule_returns_every_verdict(key):
    claim = next(c for c in ledger.CLAIMS if c.claim_id == key[0])
    rule = claim.rules[key[1]]
    for expected, made_up in CASES[key].items():
        verdict, evidence = rule.judge(made_up, WHEN)
        assert verdict == expected, f"{key[0]} / {rule.name}: expected {expected}, got {verdict} ({evidence})"
        assert evidence.strip()


def test_windows_end_where_the_data_end():
    # Seoul's two moves in early 2025 fall inside 12 months of the data's end (Dec 2025), even judged in 2027.
    verdict, evidence = ledger.CLAIMS[5].main.judge(seoul(2, "statement"), pd.Timestamp("2027-06-01"))
    assert verdict == S and "31 Dec 2025" in evidence


def test_readme_counts_the_claims_as_the_ledger_does():
    from conftest import ROOT

    words = {5: "five", 2: "two", 7: "seven", 6: "six", 3: "three", 4: "four", 8: "eight"}
    kinds = [c.kind for c in ledger.CLAIMS]
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert (f"{words[len(kinds)]} claims in our words ({words[kinds.count('premise')]} premises, "
            f"{words[kinds.count('inference')]} inferences") in text
