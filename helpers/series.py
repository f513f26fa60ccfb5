"""Pick one value per year from a statistical series that several sources report.

Sources often repeat or revise a series' figure for the same year. The rule used everywhere: the figure
from the most recently published source wins (undated sources rank last; then the earlier CSV line).
Every figure stays in the data; notebooks show the alternatives where they matter.
"""
from __future__ import annotations

import pandas as pd


def one_per_year(df: pd.DataFrame, value: str = "value_usd_m") -> pd.DataFrame:
    """Rows of `df` (one series) reduced to one per year by the most-recent-source rule."""
    rows = df.dropna(subset=[value]).reset_index()
    rows = rows.sort_values(["year", "source_date", "line"], ascending=[True, False, True], na_position="last")
    return rows.drop_duplicates("year").set_index("line").sort_values("year")


def trade_series(trade: pd.DataFrame, series: str, partner: str, flow: str = "total",
                 value: str = "value_usd_m") -> pd.Series:
    """One value per year for a reporter series, partner and flow, indexed by year."""
    picked = one_per_year(trade[(trade["reporter_series"] == series) & (trade["partner"] == partner)
                                & (trade["flow"] == flow)], value)
    return picked.set_index("year")[value].astype(float)
