"""C2: Kim Jong Un and Vladimir Putin are forging an alliance (premise).

Read as a formal commitment (a mutual-defence treaty) with the meetings that build it, since 2023."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import HIGH_LEVEL, Finding, fmt, graded, pair, row_refs

SINCE = "2023-01-01"


def _prk_rus(data: dict) -> pd.DataFrame:
    ev = data["events"]
    return ev[pair(ev, "PRK", "RUS") & (ev["date"] >= SINCE)]


def _refs(df: pd.DataFrame) -> list[dict]:
    return row_refs(df.sort_values("date"), "events", "event_id", "date", "title")


def c2_treaty(require_in_force: bool) -> Callable:
    """Indicator: 0 nothing, 0.5 meetings without a treaty, 1 treaty signed, 2 in force. Supported at 1 (at 2
    when the treaty must be in force); meetings without a treaty are partly."""
    def judge(data: dict, when: pd.Timestamp) -> Finding:
        pr = _prk_rus(data)
        summits = pr[pr["event_type"].isin(HIGH_LEVEL)]
        signed, in_force = pr[pr["event_type"] == "treaty_signed"], pr[pr["event_type"] == "treaty_in_force"]
        level = 2 if len(in_force) else 1 if len(signed) else 0
        evidence = f"{len(summits)} North Korea–Russia summits and high-level visits since 2023"
        if len(signed):
            evidence += f"; mutual-defence treaty signed {fmt(signed['date'].min())}"
        evidence += f", in force since {fmt(in_force['date'].min())}." if len(in_force) else (
            ", not yet in force." if len(signed) else "; no treaty.")
        value = level or (0.5 if len(summits) else 0)
        return graded(value, (2, 0.5) if require_in_force else (1, 0.5), (0, 2),
                      "stage (0 nothing, 0.5 meetings, 1 treaty signed, 2 in force)", evidence,
                      _refs(pd.concat([signed, in_force, summits])))
    return judge


def c2_summits(data: dict, when: pd.Timestamp) -> Finding:
    summits = _prk_rus(data)[_prk_rus(data)["event_type"].isin(HIGH_LEVEL)]
    n = len(summits)
    return graded(n, (3, 1), (0, max(12, 2 * n)), "number of summits and high-level visits",
                  f"{n} North Korea–Russia summits and high-level visits since 2023.", _refs(summits))
