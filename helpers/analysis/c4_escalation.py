"""C4: North Korea's ICBM test of 31 October 2024 signalled an escalation (premise).

The article's words ("signaling a possible escalation in their military engagement") allow two readings: an
escalation of North Korea's missile programme, and an escalation of the North Korea–Russia military
engagement. The main rule takes the second, the more natural reading of "their"; the missile reading stays as
variants. Apogees are the figures in the launch data, which for the 2023–24 ICBMs are North Korea's own (KCNA)."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import ICBM_TEST, Finding, end_of, figure_label, fmt, graded, row_refs, thin, untestable

AFTER_MONTHS = 6  # how long after the test an escalation still reads as "signalled" by it


def _icbms(data: dict) -> pd.DataFrame:
    return data["missiles"][data["missiles"]["missile_type"] == "ICBM"].dropna(subset=["apogee_km"])


def _launch_refs(df: pd.DataFrame) -> list[dict]:
    return row_refs(df, "missile_launches", "launch_id", "date",
                    lambda r: f"{r['missile_name']} ({r['missile_type']}), apogee {r['apogee_km']:,.1f} km"
                    if pd.notna(r["apogee_km"]) else f"{r['missile_name']} ({r['missile_type']})")


def c4_engagement(data: dict, when: pd.Timestamp) -> Finding:
    """Steps up in the North Korea–Russia military engagement in the six months after the test: (a) the first
    reported North Korean combat losses, (b) a deployment estimate above any made before the test, (c) the
    mutual-defence treaty entering into force. Indicator: the number of these steps (0–3)."""
    tr, ev = data["troops"], data["events"]
    end = min(end_of(tr, "report_date", when), ICBM_TEST + pd.DateOffset(months=AFTER_MONTHS))
    if end < ICBM_TEST + pd.DateOffset(months=1):
        return untestable("Less than a month of troop reports after the 31 Oct 2024 test.")
    before, after = tr[tr["report_date"] <= ICBM_TEST], tr[(tr["report_date"] > ICBM_TEST) & (tr["report_date"] <= end)]
    lossy = ["killed", "wounded", "casualties", "captured"]
    deployed = ["deployed", "additional_deployed"]
    first_losses = after[after["measure"].isin(lossy) & (after["value_high"] > 0)]
    first_losses = first_losses if not (before["measure"].isin(lossy) & (before["value_high"] > 0)).any() else first_losses.head(0)
    top_before = before.loc[before["measure"].isin(deployed), "value_high"].max()
    higher = after[after["measure"].isin(deployed) & (after["value_high"] > (0 if pd.isna(top_before) else top_before))]
    in_force = ev[(ev["event_type"] == "treaty_in_force") & ev["actors"].str.contains("RUS")
                  & ev["actors"].str.contains("PRK") & (ev["date"] > ICBM_TEST) & (ev["date"] <= end)]
    steps = [s for s, hit in (("first reported combat losses", len(first_losses)),
                              ("a deployment estimate above any before the test", len(higher)),
                              ("the treaty in force", len(in_force))) if hit]
    rows = row_refs(pd.concat([first_losses.head(1), higher.nlargest(1, "value_high")]), "troop_reports",
                    "report_id", "report_date", figure_label)
    rows += row_refs(in_force, "events", "event_id", "date", "title")
    evidence = (f"In the {AFTER_MONTHS} months after the test (to {fmt(end)}) the engagement stepped up "
                f"{len(steps)} way(s)" + (f": {'; '.join(steps)}." if steps else "."))
    return graded(len(steps), (2, 1), (0, 3), "number of steps up in the engagement", evidence, rows, end=end)


def _tempo(data: dict, when: pd.Timestamp, types: tuple[str, ...] | None = None):
    """Missiles launched in up to 12 months after the test and in as many months before. None when less than six
    months after the test are covered. Counts after 2024 from the open extension are floors ("several" = 2)."""
    ml = data["missiles"]
    if types:
        ml = ml[ml["missile_type"].isin(types)]
    end = min(end_of(data["missiles"], "date", when), ICBM_TEST + pd.DateOffset(months=12))
    if end < ICBM_TEST + pd.DateOffset(months=6):
        return None
    months = (end.year - ICBM_TEST.year) * 12 + end.month - ICBM_TEST.month
    before = ml[(ml["date"] < ICBM_TEST) & (ml["date"] >= ICBM_TEST - pd.DateOffset(months=months))]
    after = ml[(ml["date"] > ICBM_TEST) & (ml["date"] <= end)]
    return before, after, end


def _record_flights(data: dict):
    """(every ICBM flight with an apogee, the test's apogee, the previous record, the rows to cite), or None
    when the 31 October 2024 launch or any earlier ICBM apogee is missing."""
    icbm = _icbms(data)
    test, earlier = icbm[icbm["date"] == ICBM_TEST], icbm[icbm["date"] < ICBM_TEST]
    if test.empty or earlier.empty:
        return None
    refs = _launch_refs(pd.concat([test, earlier.nlargest(1, "apogee_km")]))
    return icbm, float(test["apogee_km"].max()), float(earlier["apogee_km"].max()), refs


NO_TEST = "The 31 October 2024 launch is not in the data."


def c4_missiles(data: dict, when: pd.Timestamp) -> Finding:
    """The missile reading: a record apogee, and no fall in launches after the test (0–2 signs)."""
    flights = _record_flights(data)
    if flights is None:
        return untestable(NO_TEST)
    _, apogee, record, refs = flights
    signs = int(apogee > record)
    evidence = (f"The 31 Oct 2024 ICBM reached {apogee:,.1f} km against a previous record of {record:,.1f} km "
                "(both North Korea's announced figures)")
    tempo = _tempo(data, when)
    if tempo is not None:
        before, after, end = tempo
        signs += int(len(after) >= len(before))
        evidence += (f"; {len(after)} missiles in the months to {fmt(end)} after it (a floor: some 2025 salvos "
                     f"are counted as two), against {len(before)} in as many months before")
        return graded(signs, (2, 1), (0, 2), "number of signs (record, tempo)", evidence + ".", refs, end=end)
    return graded(signs, (1, 0.5), (0, 1), "record apogee (1 yes, 0 no)",
                  evidence + "; too soon after the test to judge the tempo.", refs)


def c4_capability(data: dict, when: pd.Timestamp) -> Finding:
    flights = _record_flights(data)
    if flights is None:
        return untestable(NO_TEST)
    icbm, apogee, record, refs = flights
    span = (float(icbm["apogee_km"].min()) / record, float(icbm["apogee_km"].max()) / record)
    return graded(apogee / record, (1.0 + 1e-9, 0.9), (min(span[0], 0.5), max(span[1], 1.5)),
                  "apogee as a ratio of the previous record",
                  f"Apogee {apogee:,.1f} km against a previous record of {record:,.1f} km (North Korea's figures).",
                  refs)


def c4_tempo(types: tuple[str, ...] | None) -> Callable:
    label = "ICBMs" if types else "missiles"

    def judge(data: dict, when: pd.Timestamp) -> Finding:
        tempo = _tempo(data, when, types)
        if tempo is None:
            return untestable("Less than six months of launch data after the test.")
        before, after, end = tempo
        if len(before) == 0 and len(after) == 0:
            return thin(f"No {label} in the months before or after the test.", end=end)
        ratio = len(after) / max(len(before), 1)
        return graded(ratio, (1.0, 0.5), (0.0, 3.0), f"ratio of {label} after the test to before",
                      f"{len(after)} {label} after the test (to {fmt(end)}; a floor), {len(before)} in as many "
                      "months before.", end=end)
    return judge
