"""C3: troops for Russia (premise): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401

GOVERNMENTS = ("KOR", "USA", "UKR", "GBR", "JPN", "NATO", "MSMT")  # governments and their groups, not the parties


def _deployed(data: dict) -> pd.DataFrame:
    tr = data["troops"]
    return tr[tr["measure"].isin(["deployed", "additional_deployed"]) & (tr["value_high"] > 0)]


def _acknowledged_by(data: dict) -> pd.Series:
    tr = data["troops"]
    acks = tr[(tr["status"] == "acknowledgement") & tr["reporter_country"].isin(["RUS", "PRK"])]
    return acks.groupby("reporter_country", observed=True)["report_date"].min()


def c3_acknowledged(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    deployed, acks = _deployed(data), _acknowledged_by(data)
    top = deployed.loc[deployed["value_high"].idxmax()] if len(deployed) else None
    evidence = (f"Highest estimate of troops sent: {top['value_high']:,.0f} ({top['reporter']}, "
                f"{_fmt(top['report_date'])})" if top is not None else "No estimate of troops sent")
    if len(acks) == 2:
        return SUPPORTED, evidence + f"; acknowledged by Russia and North Korea (by {_fmt(acks.max())})."
    if top is not None:
        return PARTLY, evidence + "; not yet acknowledged by both Moscow and Pyongyang."
    return NOT, evidence + " and no acknowledgement."


def c3_governments(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    deployed = _deployed(data)
    n = int(deployed.loc[deployed["reporter_country"].isin(GOVERNMENTS), "reporter_country"].nunique())
    return _grade(n, 2, 1), f"{n} government(s) or intergovernmental groups gave an estimate of troops sent."


def c3_combat(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    tr = data["troops"]
    losses = tr[tr["measure"].isin(["killed", "wounded", "casualties", "captured"]) & (tr["value_high"] > 0)]
    if len(losses):
        return SUPPORTED, f"{len(losses)} reported figures of North Korean losses (first {_fmt(losses['report_date'].min())})."
    return (PARTLY if len(_deployed(data)) else NOT), "No reported losses yet" + (
        "; troops reported deployed." if len(_deployed(data)) else ".")

