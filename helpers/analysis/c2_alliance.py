"""C2: a Kim–Putin alliance (premise): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


def _prk_rus(data: dict) -> pd.DataFrame:
    ev = data["events"]
    return ev[_pair(ev, "PRK", "RUS") & (ev["date"] >= "2023-01-01")]


def c2_treaty(require_in_force: bool) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        pr = _prk_rus(data)
        summits = pr[pr["event_type"].isin(HIGH_LEVEL)]
        signed = pr[pr["event_type"] == "treaty_signed"]
        in_force = pr[pr["event_type"] == "treaty_in_force"]
        evidence = f"{len(summits)} North Korea–Russia summits and high-level visits since 2023"
        if len(in_force):
            return SUPPORTED, evidence + (f"; mutual-defence treaty signed {_fmt(signed['date'].min())} and"
                                          if len(signed) else ";") + f" in force since {_fmt(in_force['date'].min())}."
        if len(signed):
            verdict = PARTLY if require_in_force else SUPPORTED
            return verdict, evidence + f"; mutual-defence treaty signed {_fmt(signed['date'].min())}, not yet in force."
        return (PARTLY if len(summits) else NOT), evidence + "; no treaty."
    return judge


def c2_summits(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    n = int(_prk_rus(data)["event_type"].isin(HIGH_LEVEL).sum())
    return _grade(n, 3, 1), f"{n} North Korea–Russia summits and high-level visits since 2023."

