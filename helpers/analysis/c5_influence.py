"""C5: Beijing's influence is waning (inference): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.series import monthly_totals, trade_figure
from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


def _russia_trade(data: dict) -> pd.Series:
    """Russia–North Korea trade per year, chosen by the collection's one rule (helpers.data.series.trade_figure)."""
    return trade_figure(data["trade"], "Russia")["value"]


def _trade_ratio(data: dict, with_arms: bool = False) -> tuple[int, float] | None:
    """China's trade over Russia's in the latest year both have a figure (each chosen by trade_figure)."""
    china, russia = trade_figure(data["trade"], "China")["value"], _russia_trade(data)
    if with_arms:  # estimated North Korean arms sales to Russia, per year the estimate covers (lowest figure)
        tf = data["transfers"]
        arms = tf[(tf["unit"] == "usd_m") & (tf["from"] == "PRK") & tf["period_start"].notna()
                  & (tf["period_start"].dt.year == tf["period_end"].dt.year)]
        extra = arms.groupby(arms["period_start"].dt.year)["value_low"].min()
        russia = russia.add(extra, fill_value=0)
    common = sorted(set(china.index) & set(russia.index))
    if not common:
        return None
    year = common[-1]
    return year, float(china[year] / russia[year])


def _monthly_change(data: dict, when: pd.Timestamp) -> tuple[float, int, pd.Timestamp] | None:
    """China–North Korea trade in the latest 12 months of monthly data against the 12 months before, over the
    calendar months reported in both windows (never interpolated). None with fewer than 3 such months."""
    month = monthly_totals(data["trade_monthly"])
    if month.empty:
        return None
    end = min(when, month.index.max().end_time.normalize())  # the window ends where the monthly data end
    last = end.to_period("M")
    recent = {m: v for m, v in month.items() if last - 11 <= m <= last}
    earlier = {m: month[m - 12] for m in recent if (m - 12) in month.index}
    both = [m for m in recent if m in earlier]
    if len(both) < 3:
        return None
    change = sum(recent[m] for m in both) / sum(earlier[m] for m in both) - 1
    return change, len(both), end


def _meetings(data: dict, when: pd.Timestamp) -> tuple[int, int, pd.Timestamp]:
    ev = data["events"]
    end = _end(ev, "date", when)
    recent = _window(ev[ev["event_type"].isin(HIGH_LEVEL)], "date", end, 12)
    return int(_pair(recent, "PRK", "CHN").sum()), int(_pair(recent, "PRK", "RUS").sum()), end


def _oil_shift(data: dict) -> tuple[int, float, float] | None:
    """The latest year with a refined-petroleum figure in barrels for both suppliers: the highest figure for
    Russia and for China that year (self-reports and others' estimates alike). A missing figure is not zero."""
    pet = data["petroleum"]
    pet = pet[pet["unit"] == "barrels"]
    both = pet.groupby("year")["supplier"].nunique()
    years = both[both == 2].index
    if not len(years):
        return None
    year = int(max(years))
    this = pet[pet["year"] == year].groupby("supplier", observed=True)["quantity"].max()
    return year, float(this["RUS"]), float(this["CHN"])


def c5_three_indicators(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """Trade, oil and attention: does each point to influence moving from Beijing to Moscow?"""
    signs, parts = [], []
    monthly = _monthly_change(data, when)
    if monthly:
        change, n, end = monthly
        signs.append(change <= -0.10)
        parts.append(f"trade: China–North Korea trade {'fell' if change < 0 else 'rose'} {abs(change):.0%} in the "
                     f"12 months to {_fmt(end)} against a year earlier ({n} months reported in both)")
    oil = _oil_shift(data)
    if oil:
        year, rus, chn = oil
        signs.append(rus > chn)
        parts.append(f"oil: in {year} the highest reported refined-petroleum figure is {rus:,.0f} barrels from "
                     f"Russia against {chn:,.0f} from China")
    chn, rus, end = _meetings(data, when)
    signs.append(rus > chn)
    parts.append(f"attention: {chn} high-level meeting(s) with China against {rus} with Russia in the 12 months "
                 f"to {_fmt(end)}")
    toward = sum(signs)
    evidence = "; ".join(parts) + f". {toward} of {len(signs)} indicators point to waning influence."
    if len(signs) < 2:
        return UNTESTABLE, evidence
    return (SUPPORTED if toward >= 2 else PARTLY if toward == 1 else NOT), evidence


def c5_trade_and_meetings(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    ratio = _trade_ratio(data)
    if ratio is None:
        return UNTESTABLE, "No year with both China and Russia trade figures."
    year, r = ratio
    chn, rus, end = _meetings(data, when)
    evidence = (f"China–North Korea trade {r:,.0f} times Russia's in {year}; {chn} meeting(s) with China, {rus} with "
                f"Russia in the 12 months to {_fmt(end)}.")
    return (SUPPORTED if r < 10 else PARTLY if rus > chn else NOT), evidence


def c5_summits_only(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    chn, rus, end = _meetings(data, when)
    verdict = SUPPORTED if rus > chn else PARTLY if rus == chn and rus else NOT
    return verdict, f"{chn} high-level meeting(s) with China, {rus} with Russia in the 12 months to {_fmt(end)}."


def c5_trade_only(with_arms: bool) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        ratio = _trade_ratio(data, with_arms)
        if ratio is None:
            return UNTESTABLE, "No year with both China and Russia trade figures."
        year, r = ratio
        what = "Russia's trade plus estimated arms sales" if with_arms else "Russia's"
        return (SUPPORTED if r < 10 else PARTLY if r < 20 else NOT), f"China's trade {r:,.1f} times {what} in {year}."
    return judge

