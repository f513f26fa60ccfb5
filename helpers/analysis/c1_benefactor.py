"""C1: since the Soviet collapse, China has been North Korea's primary benefactor (premise).

Read as "the largest trade partner or the largest aid donor" year by year since 1992: primary means first, not
more than half (the majority reading stays as a variant). A year counts only where the data hold a figure for
at least two partners (or two donors); a year without such figures is missing, never a year China lost."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.series import trade_figure, trade_series
from .engine import Finding, graded, row_refs, thin

PARTNERS = ("China", "Russia", "South Korea", "Japan")
# Donors are named as single governments in aid.csv; totals, consortia and NGO rows are not a donor's own aid.
DONORS = ("China", "South Korea", "United States", "Russia", "Japan", "EU", "Switzerland")
FIRST_YEAR = 1992  # the first full year after the Soviet Union's dissolution
CUTS = (0.8, 0.5)  # four years in five for "primary since 1992"; at least half for "partly"


def largest_partner(data: dict) -> pd.Series:
    """Per year since 1992: True where China's trade (each partner's figure chosen by the one rule of
    helpers/data/series.py) is the largest of the partners with a figure, where at least two have one."""
    figures = pd.DataFrame({p: trade_figure(data["trade"], p)["value"] for p in PARTNERS})
    figures = figures[figures.index >= FIRST_YEAR]
    enough = figures.notna().sum(axis=1) >= 2
    return (figures[enough].idxmax(axis=1) == "China").rename("china_first")


def largest_donor(data: dict) -> pd.Series:
    """Per year: True where China's aid in US$ (sum of its rows that year) is the largest of the donors with a
    valued row, where at least two donors have one. Aid rows without a US$ value are not guessed."""
    aid = data["aid"]
    aid = aid[aid["donor"].isin(DONORS) & aid["value_usd_m"].notna() & (aid["year"] >= FIRST_YEAR)]
    by = aid.groupby(["year", "donor"], observed=True)["value_usd_m"].sum().unstack()
    enough = by.notna().sum(axis=1) >= 2
    if "China" not in by:
        return pd.Series(dtype=bool)
    return (by[enough].idxmax(axis=1) == "China").rename("china_first")


MIN_YEARS = 5  # fewer comparable years than this cannot speak for three decades


def _share(years: pd.Series, role: str, what: str, sources: list[dict]) -> Finding:
    if len(years) < MIN_YEARS:
        return thin(f"Only {len(years)} year(s) since {FIRST_YEAR} with {what} for two or more to compare.", sources)
    first = int(years.sum())
    lost = [int(y) for y, v in years.items() if not v]
    evidence = (f"China was {role} in {first} of the {len(years)} years since {FIRST_YEAR} with {what} for two "
                "or more to compare" + (f"; not in {', '.join(map(str, lost))}." if lost else "."))
    return graded(first / len(years), CUTS, (0.0, 1.0), "share of years", evidence, sources)


def c1_partner_or_donor(data: dict, when: pd.Timestamp) -> Finding:
    trade, aid = largest_partner(data), largest_donor(data)
    years = sorted(set(trade.index) | set(aid.index))
    either = pd.Series({y: bool(trade.get(y, False)) or bool(aid.get(y, False)) for y in years}, dtype=bool)
    return _share(either, "the largest trade partner or the largest donor", "trade or aid figures",
                  _chosen_rows(data, years))


def _chosen_rows(data: dict, years) -> list[dict]:
    """The China trade figures the rule compared (one per year, as chosen by the series rule)."""
    chosen = trade_figure(data["trade"], "China")
    chosen = chosen[chosen.index.isin(years)]
    return [{"dataset": "trade", "id": f"line {int(r['line'])}", "date": str(y),
             "label": f"China–North Korea trade {y}: ${r['value']:,.0f}m ({r['series']})",
             "quote": "", "url": str(r["source_url"])} for y, r in chosen.iterrows()]


def c1_trade_only(data: dict, when: pd.Timestamp) -> Finding:
    years = largest_partner(data)
    return _share(years, "the largest trade partner", "trade figures", _chosen_rows(data, years.index))


def c1_aid_only(data: dict, when: pd.Timestamp) -> Finding:
    years = largest_donor(data)
    aid = data["aid"]
    china = aid[(aid["donor"] == "China") & aid["year"].isin(years.index)]
    return _share(years, "the largest donor", "aid figures", row_refs(china, "aid", None, "year",
                                                 lambda r: f"China aid {r['year']}: {r['kind']}"))


def c1_majority_since(by_year: int) -> Callable:
    """The majority reading: China's KOTRA share above half every year since it first was, by `by_year`."""
    def judge(data: dict, when: pd.Timestamp) -> Finding:
        share = trade_series(data["trade"], "kotra", "China", value="share_pct")
        since = share[share.index >= FIRST_YEAR]
        if since.empty:
            return thin("No KOTRA China-share figures in the data.")
        majority = since[since >= 50]
        first = int(majority.index.min()) if len(majority) else None
        held = first is not None and bool((since[since.index >= first] >= 50).all())
        latest_year, latest = int(since.index.max()), float(since.iloc[-1])
        # Indicator: years since 1992 until China first held a lasting majority (0 = from 1992).
        delay = (first - FIRST_YEAR) if held else float(latest_year - FIRST_YEAR + 1)
        evidence = (f"China's share of North Korea's trade (KOTRA) was {latest:.1f}% in {latest_year}; "
                    + (f"above half every year since {first}." if held else "not above half in every year since."))
        span = float(latest_year - FIRST_YEAR + 1)
        return graded(delay, (by_year - FIRST_YEAR, by_year - FIRST_YEAR + 10), (0.0, span),
                      "years before a lasting majority", evidence, higher=False)
    return judge
