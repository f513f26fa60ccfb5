"""C7: Beijing is uneasy about the alignment (inference: the article's thesis): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.schemas import ALIGNMENT_TOPICS
from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


def _alignment_signals(data: dict, when: pd.Timestamp) -> tuple[pd.DataFrame, pd.Timestamp]:
    sig = data["signals"]
    end = _end(sig, "date", when)
    return sig[sig["topic"].isin(ALIGNMENT_TOPICS) & (sig["date"] >= TREATY_SIGNED) & (sig["date"] <= end)], end


def c7_stance_share(uneasy: tuple[str, ...], label: str) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        sig, end = _alignment_signals(data, when)
        if len(sig) < 3:
            return UNTESTABLE, f"{len(sig)} Chinese signal(s) on the alignment from {_fmt(TREATY_SIGNED)} to {_fmt(end)}."
        counts = sig["stance"].value_counts()
        share = float(sig["stance"].isin(uneasy).mean())
        tally = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("supportive", "neutral", "distancing", "critical"))
        return (_grade(share, 0.5, 0.2),
                f"{share:.0%} of {len(sig)} Chinese signals on the Russia–North Korea alignment from "
                f"{_fmt(TREATY_SIGNED)} to {_fmt(end)} were {label} ({tally}).")
    return judge


def c7_cooling(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """All of China's signals on North Korea (any topic) in the year after the treaty: a cooling shows as
    distancing or critical words and acts, whatever their subject."""
    sig = data["signals"]
    end = min(_end(sig, "date", when), TREATY_SIGNED + pd.DateOffset(months=12))
    year = sig[(sig["date"] >= TREATY_SIGNED) & (sig["date"] <= end)]
    if len(year) < 3:
        return UNTESTABLE, f"{len(year)} Chinese signal(s) from {_fmt(TREATY_SIGNED)} to {_fmt(end)}."
    share = float(year["stance"].isin(("distancing", "critical")).mean())
    return _grade(share, 0.5, 0.2), (f"{share:.0%} of {len(year)} Chinese signals on North Korea (any topic) from "
                                     f"{_fmt(TREATY_SIGNED)} to {_fmt(end)} were distancing or critical.")


def c7_engagement(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """Behaviour: did Beijing's high-level contact with Pyongyang fall in the year after the treaty?"""
    ev = data["events"]
    meet = ev[ev["event_type"].isin(HIGH_LEVEL) & _pair(ev, "PRK", "CHN")]
    end = min(_end(ev, "date", when), TREATY_SIGNED + pd.DateOffset(months=12))
    if end < TREATY_SIGNED + pd.DateOffset(months=3):
        return UNTESTABLE, "Less than three months of events after the treaty."
    span = (end - TREATY_SIGNED).days
    before = int(((meet["date"] < TREATY_SIGNED) & (meet["date"] >= TREATY_SIGNED - pd.Timedelta(days=span))).sum())
    after = int(((meet["date"] >= TREATY_SIGNED) & (meet["date"] <= end)).sum())
    verdict = SUPPORTED if after < before else PARTLY if after == before else NOT
    return verdict, (f"{after} China–North Korea high-level meeting(s) in the {span} days after the treaty "
                     f"(to {_fmt(end)}) against {before} in as many days before.")

