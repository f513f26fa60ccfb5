"""C6: South Korea is weighing stronger security measures (premise).

Judged on the register of Seoul's own security measures (rok_measures.csv), not on the events timeline, which
was never meant to register them. The article's claim is about late 2024; the ledger judges it at the article's
date and, on the data to their end, reports 2025–26 under the new government as its own variant."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import ARTICLE_DATE, Finding, between, end_of, fmt, graded, row_refs, thin

MIN_MEASURES = 5  # fewer measures than this in a window cannot show a direction
CUTS = (0.75, 0.5)  # three in four measures strengthening: Seoul's net direction is up; half: mixed
LEE_TOOK_OFFICE = pd.Timestamp("2025-06-04")
STAGES_DECIDED = ("decided", "implemented")


def _refs(df: pd.DataFrame) -> list[dict]:
    return row_refs(df.sort_values("date"), "rok_measures", "measure_id", "date",
                    lambda r: f"{r['title']} ({r['direction']}, {r['stage']}; {r['government']})")


def _share(measures: pd.DataFrame, start, end, what: str) -> Finding:
    rows = between(measures, "date", start, end)
    if len(rows) < MIN_MEASURES:
        return thin(f"{len(rows)} South Korean measure(s) {what} from {fmt(start)} to {fmt(end)}; at least "
                    f"{MIN_MEASURES} are needed to show a direction.", _refs(rows), end)
    up = int((rows["direction"] == "strengthen").sum())
    down = int((rows["direction"] == "relax").sum())
    evidence = (f"{up} of {len(rows)} South Korean security measures {what} from {fmt(start)} to {fmt(end)} "
                f"strengthened Seoul's posture, {down} relaxed it")
    latest = rows[rows["direction"] == "strengthen"].sort_values("date").tail(1)
    if len(latest):
        evidence += f"; latest strengthening: {latest.iloc[0]['title']} ({fmt(latest.iloc[0]['date'])})"
    return graded(up / len(rows), CUTS, (0.0, 1.0), "share of measures that strengthen", evidence + ".",
                  _refs(rows), end=end)


def _register(data: dict, when: pd.Timestamp) -> tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp | None]:
    m = data["rok_measures"]
    return m, end_of(m, "date", when), (m["date"].min() if len(m) else None)


def c6_share(months: int, stages: tuple[str, ...] | None = None) -> Callable:
    """Share of Seoul's measures in the `months` to the article's date (or the date judged, if earlier) that
    strengthen its posture: the claim is about late 2024, so later measures never change it (they are the new
    government's variant)."""
    def judge(data: dict, when: pd.Timestamp) -> Finding:
        m, end, first = _register(data, min(when, pd.Timestamp(ARTICLE_DATE)))
        if stages:
            m = m[m["stage"].isin(stages)]
        start = end - pd.DateOffset(months=months) + pd.Timedelta(days=1)
        if first is None or first > start:
            return thin(f"The register of Seoul's measures starts {fmt(first) if first is not None else 'nowhere'}, "
                        f"after the window's start ({fmt(start)}).", end=end)
        what = "decided or carried out" if stages else "considered, announced, decided or carried out"
        return _share(m, start, end, what)
    return judge


def c6_new_government(data: dict, when: pd.Timestamp) -> Finding:
    """Under Lee Jae-myung (from 4 June 2025) to the register's end: did Seoul follow through?"""
    m, end, _ = _register(data, when)
    if end < LEE_TOOK_OFFICE:
        return thin(f"The data known on {fmt(when)} end before the new government took office (4 Jun 2025).",
                    end=end)
    return _share(m, LEE_TOOK_OFFICE, end, "under the new government")
