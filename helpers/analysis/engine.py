"""The engine every claim rule runs on: verdicts, rules, claims, the small tools rules share, and the judging
of a rule on the data known at a date. The rules themselves live in one module per claim (c1_benefactor ...
c7_beijing); helpers/analysis/ledger.py puts the claims in order."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..data import load

# The article discusses the 31 October 2024 ICBM test as recent news; we date it to the next day.
ARTICLE_DATE = dt.date(2024, 11, 1)
TREATY_SIGNED = pd.Timestamp("2024-06-19")  # the date the alignment became a treaty (events data agree)
ICBM_TEST = pd.Timestamp("2024-10-31")
HIGH_LEVEL = ("summit", "visit")
SUPPORTED, PARTLY, NOT, UNTESTABLE = "Supported", "Partly supported", "Not supported", "Not yet testable"
VERDICTS = (SUPPORTED, PARTLY, NOT, UNTESTABLE)
KINDS = {"premise": "Premises: facts the argument rests on",
         "inference": "Inferences: the argument itself"}


@dataclass
class Verdict:
    claim_id: str
    verdict: str
    evidence: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str  # how the verdict is reached, in words a reader can check
    judge: Callable[[dict, pd.Timestamp], tuple[str, str]]  # (data, date judged) -> (verdict, evidence)


@dataclass(frozen=True)
class Claim:
    claim_id: str
    text: str  # the article's claim in our own words
    notebook: str
    kind: str  # premise | inference
    against: str  # what result would count against the claim, stated before the data
    rules: tuple[Rule, ...]  # rules[0] is the main rule; the others are the robustness variants

    @property
    def main(self) -> Rule:
        return self.rules[0]



def _fmt(date) -> str:
    return pd.Timestamp(date).strftime("%-d %b %Y")


def _pair(events: pd.DataFrame, a: str, b: str) -> pd.Series:
    return events["actors"].str.split(";").apply(lambda c: a in c and b in c)


def _end(df: pd.DataFrame, column: str, when: pd.Timestamp) -> pd.Timestamp:
    """A window ends on the date judged or where the data end, whichever is earlier."""
    latest = df[column].max() if len(df) else pd.NaT
    return when if pd.isna(latest) else min(when, pd.Timestamp(latest))


def _window(df: pd.DataFrame, column: str, end: pd.Timestamp, months: int) -> pd.DataFrame:
    return df[(df[column] > end - pd.DateOffset(months=months)) & (df[column] <= end)]


def _grade(value: float, supported: float, partly: float) -> str:
    return SUPPORTED if value >= supported else PARTLY if value >= partly else NOT




