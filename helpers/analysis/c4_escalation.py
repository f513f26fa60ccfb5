"""C4: the ICBM test signalled escalation (premise): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


def _icbm_record(data: dict) -> tuple[float, float] | None:
    icbm = data["missiles"][data["missiles"]["missile_type"] == "ICBM"].dropna(subset=["apogee_km"])
    test = icbm[icbm["date"] == ICBM_TEST]
    if test.empty:
        return None
    return float(test["apogee_km"].max()), float(icbm[icbm["date"] < ICBM_TEST]["apogee_km"].max())


def _tempo(data: dict, when: pd.Timestamp, types: tuple[str, ...] | None = None) -> tuple[int, int, pd.Timestamp] | None:
    """Missiles launched in the 12 months before the test and in up to 12 months after it (to the data's end).
    None when less than 6 months after the test are covered: too soon to judge the tempo."""
    ml = data["missiles"]
    if types:
        ml = ml[ml["missile_type"].isin(types)]
    end = min(_end(data["missiles"], "date", when), ICBM_TEST + pd.DateOffset(months=12))
    if end < ICBM_TEST + pd.DateOffset(months=6):
        return None
    months = (end.year - ICBM_TEST.year) * 12 + end.month - ICBM_TEST.month
    before = ml[(ml["date"] < ICBM_TEST) & (ml["date"] >= ICBM_TEST - pd.DateOffset(months=months))]
    after = ml[(ml["date"] > ICBM_TEST) & (ml["date"] <= end)]
    return len(before), len(after), end


def c4_capability_and_tempo(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    rec = _icbm_record(data)
    if rec is None:
        return UNTESTABLE, "The 31 October 2024 launch is not in the data."
    apogee, before = rec
    record = apogee > before
    evidence = f"The 31 Oct 2024 ICBM reached {apogee:,.0f} km against a previous record of {before:,.0f} km"
    tempo = _tempo(data, when)
    if tempo is None:
        return (SUPPORTED if record else NOT), evidence + "; too soon after the test to judge the launch tempo."
    n_before, n_after, end = tempo
    kept_up = n_after >= n_before
    evidence += (f"; {n_after} missiles launched in the months to {_fmt(end)} after it, against {n_before} in as "
                 "many months before")
    return (SUPPORTED if record and kept_up else PARTLY if record or kept_up else NOT), evidence + "."


def c4_capability(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    rec = _icbm_record(data)
    if rec is None:
        return UNTESTABLE, "The 31 October 2024 launch is not in the data."
    apogee, before = rec
    return _grade(apogee / before, 1.0 + 1e-9, 0.9), f"Apogee {apogee:,.0f} km against a previous record of {before:,.0f} km."


def c4_tempo(types: tuple[str, ...] | None) -> Callable:
    label = "ICBMs" if types else "missiles"

    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        tempo = _tempo(data, when, types)
        if tempo is None:
            return UNTESTABLE, "Less than six months of data after the test."
        n_before, n_after, end = tempo
        verdict = SUPPORTED if n_after >= max(n_before, 1) else PARTLY if n_after >= n_before / 2 and n_after else NOT
        return verdict, f"{n_after} {label} after the test (to {_fmt(end)}), {n_before} in as many months before."
    return judge

