"""The engine every claim rule runs on: verdicts, findings, rules, claims, gates, distance to flip, and the rows a
verdict rests on. The rules live in one module per claim (c1_benefactor ... c7_beijing); ledger.py puts the
claims in order and judges them.

A rule is a function `(data, when) -> Finding`. `data` holds every dataset loaded with only the rows known on
the date judged (helpers/data/load.py `known_on`: the later of a row's source date and the end of its date's
precision period); `when` is that date. A rule's windows end where its data end, never at today's date.

Every graded rule measures one **indicator** (a number), compares it with **cuts** fixed in advance and tied
to a baseline or the indicator's own history, and states the indicator's **plausible range** (the range it
has taken in the data, or its natural bounds). From these the engine derives the verdict and the distance to
flip ("the share would have to reach 30 % for Supported"); tests/test_claim_rules.py checks that every cut
lies inside the plausible range, so every verdict can be reached on plausible data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..data.stats import wilson  # noqa: F401  (re-exported for the claim modules)

# The article discusses the 31 October 2024 ICBM test as recent news; we date it to the next day.
ARTICLE_DATE = dt.date(2024, 11, 1)
TREATY_SIGNED = pd.Timestamp("2024-06-19")  # the date the alignment became a treaty (events data agree)
ICBM_TEST = pd.Timestamp("2024-10-31")
# Before the alignment: from the 2018 summit season to mid-2023, before Shoigu's July 2023 visit to Pyongyang
# opened the Russia–North Korea military relationship.
BASELINE = (pd.Timestamp("2018-01-01"), pd.Timestamp("2023-06-30"))
HIGH_LEVEL = ("summit", "visit")
# Senior contact weighted by the visiting side's rank (visits.csv; data/README.md states the weights).
RANK_WEIGHT = {"leader": 3, "head_of_government": 2, "head_of_legislature": 2, "deputy_head_of_government": 1,
               "party_secretary": 1, "minister": 1, "vice_minister": 1, "military_chief": 1, "other": 0}
SUPPORTED, PARTLY, NOT = "Supported", "Partly supported", "Not supported"
THIN, UNTESTABLE = "Not enough data", "Not yet testable"
VERDICTS = (SUPPORTED, PARTLY, NOT, THIN, UNTESTABLE)
GRADED = (SUPPORTED, PARTLY, NOT)
KINDS = {"premise": "Premises: facts the argument rests on",
         "inference": "Inferences: the argument itself"}


@dataclass
class Finding:
    """What a rule returns. `value`, `cuts` and `plausible` are None for a rule that is not graded on a number
    (then `flip` says in words what would change the verdict)."""
    verdict: str
    evidence: str
    rows: list[dict] = field(default_factory=list)  # the rows the verdict rests on (row_refs)
    value: float | None = None
    cuts: tuple[float, float] | None = None  # (supported at or above, partly at or above); reversed if not higher
    higher: bool = True  # True: a higher value supports the claim
    plausible: tuple[float, float] | None = None
    unit: str = ""  # how to name the indicator in the flip sentence
    flip: str = ""
    window_end: pd.Timestamp | None = None


@dataclass
class Verdict:
    claim_id: str
    verdict: str
    evidence: str
    flip: str = ""
    rows: list[dict] = field(default_factory=list)
    value: float | None = None
    cuts: tuple[float, float] | None = None
    plausible: tuple[float, float] | None = None
    window_end: str = ""


@dataclass(frozen=True)
class Rule:
    name: str
    description: str  # how the verdict is reached, in words a reader can check
    judge: Callable[[dict, pd.Timestamp], Finding]
    against: str = ""  # what result of this rule would count against the claim


@dataclass(frozen=True)
class Claim:
    claim_id: str
    text: str  # the article's claim in our own words
    notebook: str
    kind: str  # premise | inference
    against: str  # what result would count against the claim, at claim level
    rules: tuple[Rule, ...]  # rules[0] is the main rule; the others are the robustness variants
    words: str = ""  # the article's own words (a short quote)
    reading: str = ""  # how we read them, and the other readings the words allow
    baseline: str = ""  # what each indicator is compared with, and why the thresholds are where they are
    datasets: tuple[str, ...] = ()  # the datasets the claim's rules read (for the "data to" column)

    @property
    def main(self) -> Rule:
        return self.rules[0]


# ---------------------------------------------------------------------------------------------------------
# Small tools shared by the rules


def visit_weights(visits: pd.DataFrame) -> pd.Series:
    """Each visit's weight by the visiting side's rank (RANK_WEIGHT); an unknown rank weighs 0."""
    return visits["visitor_rank"].astype(str).map(RANK_WEIGHT).fillna(0)


def fmt(date) -> str:
    return pd.Timestamp(date).strftime("%-d %b %Y")


def pair(events: pd.DataFrame, a: str, b: str) -> pd.Series:
    return events["actors"].str.split(";").apply(lambda c: a in c and b in c)


def end_of(df: pd.DataFrame, column: str, when: pd.Timestamp) -> pd.Timestamp:
    """A window ends on the date judged or where the data end, whichever is earlier."""
    latest = df[column].max() if len(df) else pd.NaT
    return when if pd.isna(latest) else min(when, pd.Timestamp(latest))


def window(df: pd.DataFrame, column: str, end: pd.Timestamp, months: int) -> pd.DataFrame:
    return df[(df[column] > end - pd.DateOffset(months=months)) & (df[column] <= end)]


def between(df: pd.DataFrame, column: str, start, end) -> pd.DataFrame:
    return df[(df[column] >= pd.Timestamp(start)) & (df[column] <= pd.Timestamp(end))]


def grade(value: float, cuts: tuple[float, float], higher: bool = True) -> str:
    supported, partly = cuts
    if higher:
        return SUPPORTED if value >= supported else PARTLY if value >= partly else NOT
    return SUPPORTED if value <= supported else PARTLY if value <= partly else NOT


def _num(x: float, unit: str) -> str:
    if unit.startswith("share"):
        return f"{x:.0%}"
    return f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 100 else f"{x:,.0f}"


def flip_sentence(value: float, cuts: tuple[float, float], higher: bool, unit: str) -> str:
    """What change in the indicator would change the verdict, in words."""
    supported, partly = cuts
    now = grade(value, cuts, higher)
    up, down = ("at least", "below") if higher else ("at most", "above")
    if now == SUPPORTED:
        return f"Partly supported if the {unit} went {down} {_num(supported, unit)} (now {_num(value, unit)})."
    if now == PARTLY:
        return (f"Supported if the {unit} reached {up} {_num(supported, unit)}; not supported {down} "
                f"{_num(partly, unit)} (now {_num(value, unit)}).")
    return f"Partly supported if the {unit} reached {up} {_num(partly, unit)} (now {_num(value, unit)})."


def graded(value: float, cuts: tuple[float, float], plausible: tuple[float, float], unit: str, evidence: str,
           rows: list[dict] | None = None, higher: bool = True, end=None) -> Finding:
    return Finding(grade(value, cuts, higher), evidence, rows or [], value, cuts, higher, plausible, unit,
                   flip_sentence(value, cuts, higher, unit), end)


def thin(evidence: str, rows: list[dict] | None = None, end=None) -> Finding:
    """The gate: too few rows in the window, or a dataset that does not cover it."""
    return Finding(THIN, evidence, rows or [], flip="More rows in the window would let the rule judge.",
                   window_end=end)


def untestable(evidence: str) -> Finding:
    return Finding(UNTESTABLE, evidence, flip="Judged once the data reach the period the claim is about.")


def row_refs(df: pd.DataFrame, dataset: str, id_col: str | None, date_col: str, label) -> list[dict]:
    """The rows a verdict rests on: dataset, id, date, a short label, the source's words and its link."""
    refs = []
    for line, r in df.iterrows():
        quote = r.get("source_quote") if "source_quote" in r else r.get("check_source_quote")
        url = r.get("source_url") if "source_url" in r else r.get("check_source_url")
        date = r.get(date_col)
        refs.append({"dataset": dataset, "id": str(r[id_col]) if id_col else f"line {line}",
                     "date": "" if pd.isna(date) else (str(int(date)) if isinstance(date, (int, float)) or
                                                       str(date).isdigit() else fmt(date)),
                     "label": label(r) if callable(label) else str(r[label]),
                     "quote": "" if quote is None or pd.isna(quote) else str(quote),
                     "url": "" if url is None or pd.isna(url) else str(url)})
    return refs


def figure_label(r) -> str:
    """'NIS: deployed 11,000' for a troop or transfer row; the measure alone when the row has no figure."""
    value = r.get("value_high")
    return f"{r['reporter']}: {r['measure']}" + ("" if value is None or pd.isna(value) else f" {value:,.0f}")


def judge(claim: Claim, rule: Rule, data: dict, when: pd.Timestamp) -> Verdict:
    f = rule.judge(data, when)
    return Verdict(claim.claim_id, f.verdict, f.evidence, f.flip, f.rows, f.value, f.cuts, f.plausible,
                   "" if f.window_end is None or pd.isna(f.window_end) else fmt(f.window_end))
