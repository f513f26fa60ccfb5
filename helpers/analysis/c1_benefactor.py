"""C1: China, the benefactor (premise): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.series import trade_series
from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


def _china_share(data: dict) -> pd.Series:
    share = trade_series(data["trade"], "kotra", "China", value="share_pct")
    return share[share.index >= 1992]


def c1_majority_since(by_year: int) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        since = _china_share(data)
        if since.empty:
            return UNTESTABLE, "No KOTRA China-share figures in the data."
        latest_year, latest = int(since.index.max()), float(since.iloc[-1])
        majority = since[since >= 50]
        first = int(majority.index.min()) if len(majority) else None
        held = first is not None and bool((since[since.index >= first] >= 50).all())
        evidence = f"China's share of North Korea's trade (KOTRA) was {latest:.1f}% in {latest_year}"
        if latest < 50:
            return NOT, evidence + ", under half."
        if held and first <= by_year:
            return SUPPORTED, evidence + f"; above half every year since {first}."
        return PARTLY, evidence + (f"; China became the majority partner only in {first}." if held else
                                   "; above half now, but not in every year since it first was.")
    return judge


def c1_latest_share(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    since = _china_share(data)
    if since.empty:
        return UNTESTABLE, "No KOTRA China-share figures in the data."
    latest = float(since.iloc[-1])
    return _grade(latest, 50, 33), f"China's share was {latest:.1f}% in {int(since.index.max())}."

