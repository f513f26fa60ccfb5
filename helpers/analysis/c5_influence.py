"""C5: Beijing's influence over Pyongyang is waning as Pyongyang turns to Moscow (inference).

The article says Beijing is *concerned* that its influence "may be waning"; the ledger tests the stronger,
implied claim that it *is* waning. Influence is read as leverage: what Pyongyang cannot easily replace (trade
and fuel, the durable indicators) and where its diplomacy turns (senior contact weighted by rank, the cheap
one). Like is compared with like: annual customs totals; crude plus refined fuel in barrels, self-reports with
self-reports and estimates with estimates; published revenue estimates as ranges. A missing figure is never zero."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.series import trade_figure
from .engine import Finding, end_of, fmt, graded, row_refs, thin, visit_weights

TRADE_FALL = -0.10  # a yearly fall of a tenth: beyond the year-to-year noise outside the sanctions and Covid years
# Barrels per tonne (data/README.md, crude_oil.csv): crude by Resolution 2397's own ratio (4m barrels or 525,000 t);
# refined by the rate the 1718 Committee's tables use for China's reported tonnes.
BARRELS_PER_TONNE = {"crude": 4_000_000 / 525_000, "refined": 8.33}
FULL_YEAR_MONTHS = 10  # a supplier's figure covers the year when it spans at least ten months
PAIRS = {"CHN": "CHN-PRK", "RUS": "PRK-RUS"}


# --- trade -------------------------------------------------------------------------------------------------

def customs_totals(data: dict) -> pd.Series:
    """China's own annual customs totals for China–North Korea trade (no other series spliced in)."""
    return trade_figure(data["trade"], "China", order=("china_customs",))["value"]


def trade_change(data: dict) -> tuple[int, float] | None:
    """(year, change on the year before) for the latest year with China customs totals for it and the year before."""
    s = customs_totals(data)
    years = [y for y in s.index if y - 1 in s.index]
    if not years:
        return None
    y = max(years)
    return int(y), float(s[y] / s[y - 1] - 1)


def _trade_rows(data: dict, years) -> list[dict]:
    chosen = trade_figure(data["trade"], "China", order=("china_customs",))
    return [{"dataset": "trade", "id": f"line {int(r['line'])}", "date": str(y),
             "label": f"China–North Korea trade {y}: ${r['value']:,.1f}m (China customs)", "quote": "",
             "url": str(r["source_url"])} for y, r in chosen[chosen.index.isin(years)].iterrows()]


# --- fuel ---------------------------------------------------------------------------------------------------

def _barrels(df: pd.DataFrame, product: str) -> pd.Series:
    return df["quantity"].where(df["unit"] == "barrels", df["quantity"] * BARRELS_PER_TONNE[product])


def _months(df: pd.DataFrame) -> pd.Series:
    start = df["period_start"].fillna(pd.to_datetime(df["year"].astype(str) + "-01-01"))
    end = df["period_end"].fillna(pd.to_datetime(df["year"].astype(str) + "-12-31"))
    return (end.dt.year - start.dt.year) * 12 + end.dt.month - start.dt.month + 1


def fuel_table(data: dict, min_months: int = FULL_YEAR_MONTHS) -> pd.DataFrame:
    """One row per (status class, supplier, year): the highest refined figure and the highest crude figure in
    barrels, each from figures covering most of the year. Status classes: 'self-report' (the supplier's own
    report or statistics) and 'estimate' (anyone else's figure)."""
    parts = []
    for product, df in (("refined", data["petroleum"]), ("crude", data["crude"])):
        df = df[_months(df) >= min_months]
        parts.append(df.assign(product=product, barrels=_barrels(df, product),
                               cls=df["status"].map({"self_reported": "self-report",
                                                     "official_statement": "self-report",
                                                     "estimate": "estimate"}).astype(str)))
    both = pd.concat(parts)
    # an official statement by a third government (e.g. the US on Russia) is an estimate of that supplier
    third = (both["status"] == "official_statement") & ~both["reporter"].str.startswith(
        tuple({"CHN": "China", "RUS": "Russia"}.values()))
    both.loc[third, "cls"] = "estimate"
    table = both.groupby(["cls", "supplier", "year", "product"], observed=True)["barrels"].max().unstack("product")
    return table.reindex(columns=["refined", "crude"])


def fuel_comparison(data: dict, cls: str) -> tuple[int, float, float] | None:
    """(year, Russia, China) barrels for the latest year where both suppliers have `cls` figures; China's total
    counts its crude only where a crude figure of the same class exists (never filled in)."""
    t = fuel_table(data)
    if cls not in t.index.get_level_values(0):
        return None
    t = t.loc[cls]
    years = [y for y in t.index.get_level_values("year").unique()
             if ("RUS", y) in t.index and ("CHN", y) in t.index]
    if not years:
        return None
    y = max(years)
    rus, chn = t.loc[("RUS", y)].sum(min_count=1), t.loc[("CHN", y)].sum(min_count=1)
    return int(y), float(rus), float(chn)


# --- attention ------------------------------------------------------------------------------------------------

def weighted_contact(data: dict, start, end) -> dict[str, float]:
    """Senior contact with Pyongyang, weighted by the visiting side's rank (leader 3, head of government or
    legislature 2, other senior ranks 1), from start to end inclusive."""
    v = data["visits"]
    v = v[(v["start_date"] >= pd.Timestamp(start)) & (v["start_date"] <= pd.Timestamp(end))]
    w = visit_weights(v)
    return {k: float(w[v["pair"] == p].sum()) for k, p in PAIRS.items()}


def _visit_rows(data: dict, start, end) -> list[dict]:
    v = data["visits"]
    v = v[(v["start_date"] >= pd.Timestamp(start)) & (v["start_date"] <= pd.Timestamp(end))]
    return row_refs(v.sort_values("start_date"), "visits", "visit_id", "start_date",
                    lambda r: f"{r['visitor']} ({r['visitor_rank']}) to {r['host_country']}")


# --- the indicators, each None when the data cannot say ------------------------------------------------------

def indicators(data: dict, when: pd.Timestamp) -> list[tuple[str, bool | None, str, list[dict]]]:
    """(name, points to waning?, evidence, rows) for trade, fuel and attention."""
    out = []
    change = trade_change(data)
    if change is None:
        out.append(("trade", None, "trade: no two consecutive years of China customs totals", []))
    else:
        year, c = change
        out.append(("trade", c <= TRADE_FALL, f"trade: China–North Korea trade {'fell' if c < 0 else 'rose'} "
                    f"{abs(c):.0%} in {year} on {year - 1} (China customs, annual totals)",
                    _trade_rows(data, [year - 1, year])))
    # Outside estimates only: the suppliers' own reports are not comparable (Russia's fell far below what
    # others estimate it shipped; China reports refined products only, never its pipeline crude).
    ests = fuel_comparison(data, "estimate")
    parts, points = [], []
    if ests:
        y, rus, chn = ests
        points.append(rus > chn)
        parts.append(f"outside estimates for {y}: Russia {rus:,.0f} barrels against China {chn:,.0f}")
    else:
        parts.append("no year with outside estimates for both suppliers (their own reports are not comparable; "
                     "a missing figure is not zero)")
    fuel_rows = row_refs(data["crude"].tail(3), "crude_oil", None, "year",
                         lambda r: f"{r['supplier']} crude {r['year']}: {r['quantity']:,.0f} {r['unit']} ({r['reporter']})")
    out.append(("fuel", points[0] if points else None, "fuel (all products each estimate covers, full years): "
                + "; ".join(parts), fuel_rows))
    v = data["visits"]
    end = end_of(v, "start_date", when)  # the window ends where the visits register ends
    start = end - pd.DateOffset(months=12)
    if len(v) == 0:
        out.append(("attention", None, "attention: no visits in the register", []))
    else:
        w = weighted_contact(data, start + pd.Timedelta(days=1), end)
        out.append(("attention", w["RUS"] > w["CHN"], f"attention: rank-weighted senior contact {w['CHN']:g} with "
                    f"China against {w['RUS']:g} with Russia in the 12 months to {fmt(end)}",
                    _visit_rows(data, start + pd.Timedelta(days=1), end)))
    return out


def c5_leverage(data: dict, when: pd.Timestamp) -> Finding:
    """Both durable indicators (trade, fuel) toward waning: supported; one of them, or attention alone: partly;
    none: not supported. Not enough data when neither durable indicator can be computed."""
    ind = {n: (p, e, r) for n, p, e, r in indicators(data, when)}
    durable = [ind[n][0] for n in ("trade", "fuel") if ind[n][0] is not None]
    evidence = "; ".join(e for _, e, _ in ind.values()) + "."
    rows = [row for _, _, r in ind.values() for row in r]
    if not durable:
        return thin(evidence + " Neither trade nor fuel can be judged.", rows)
    score = sum(durable) + 0.5 * bool(ind["attention"][0])
    return graded(score, (2, 0.5), (0, 2.5), "score (trade and fuel 1 each, attention 0.5)", evidence, rows)


def c5_attention(data: dict, when: pd.Timestamp) -> Finding:
    name, points, evidence, rows = next(i for i in indicators(data, when) if i[0] == "attention")
    if points is None:
        return thin(evidence + ".")
    v = data["visits"]
    end = end_of(v, "start_date", when)
    w = weighted_contact(data, end - pd.DateOffset(months=12) + pd.Timedelta(days=1), end)
    share = w["RUS"] / (w["RUS"] + w["CHN"]) if w["RUS"] + w["CHN"] else 0.5
    return graded(share, (0.6, 0.5), (0.0, 1.0), "share of rank-weighted contact that is Russia's", evidence + ".", rows)


def _russia_trade(data: dict) -> pd.Series:
    """Russia–North Korea trade per year, chosen by the collection's one rule (helpers.data.series.trade_figure)."""
    return trade_figure(data["trade"], "Russia")["value"]


def _trade_ratio(data: dict) -> tuple[int, float] | None:
    """China's trade over Russia's in the latest year both have a figure (each chosen by trade_figure)."""
    china, russia = trade_figure(data["trade"], "China")["value"], _russia_trade(data)
    common = sorted(set(china.index) & set(russia.index))
    if not common:
        return None
    year = common[-1]
    return year, float(china[year] / russia[year])


def c5_trade_ratio(data: dict, when: pd.Timestamp) -> Finding:
    ratio = _trade_ratio(data)
    if ratio is None:
        return thin("No year with both China and Russia trade figures.")
    year, r = ratio
    china, russia = trade_figure(data["trade"], "China")["value"], _russia_trade(data)
    history = (china / russia).dropna()
    history = history[history.index >= 2000]
    return graded(r, (10, 20), (float(min(history.min(), 5)), float(max(history.max(), 30))),
                  "ratio of China's trade to Russia's", f"China's trade {r:,.1f} times Russia's in {year}.",
                  higher=False)


def revenue_range(data: dict, year: int) -> tuple[float, float, list[dict]] | None:
    """Annualised range (US$ m) of the published arms or total estimates whose stated period covers `year`
    (each spread evenly over its period); estimates are never summed across authors."""
    rev = data["revenue"]
    rev = rev[rev["stream"].isin(["arms", "total"]) & rev["period_start"].notna() & rev["period_end"].notna()]
    rev = rev[(rev["period_start"].dt.year <= year) & (rev["period_end"].dt.year >= year)]
    if rev.empty:
        return None
    years = (rev["period_end"] - rev["period_start"]).dt.days / 365.25
    low = rev["low_usd_m"].fillna(rev["point_usd_m"]).fillna(rev["high_usd_m"]) / years
    high = rev["high_usd_m"].fillna(rev["point_usd_m"]).fillna(rev["low_usd_m"]) / years
    rows = row_refs(rev, "revenue_estimates", "estimate_id", "source_date",
                    lambda r: f"{r['author']}: {r['stream']} {r['period_start']:%b %Y}–{r['period_end']:%b %Y}")
    return float(low.min()), float(high.max()), rows


def c5_with_revenue(data: dict, when: pd.Timestamp) -> Finding:
    """Russia's trade plus the annualised published revenue estimates for arms (a range), against China's trade
    (China customs) in the latest year both have figures and an estimate covers."""
    china, russia = customs_totals(data), _russia_trade(data)
    for year in sorted(set(china.index) & set(russia.index), reverse=True):
        rng = revenue_range(data, year)
        if rng:
            low, high, rows = rng
            mid = (low + high) / 2
            ratio = (russia[year] + mid) / china[year]
            evidence = (f"In {year} Russia's trade (${russia[year]:,.0f}m) plus published revenue estimates for arms "
                        f"(${low:,.0f}m to ${high:,.0f}m a year, annualised) against China's trade "
                        f"(${china[year]:,.0f}m): {(russia[year] + low) / china[year]:.1f} to "
                        f"{(russia[year] + high) / china[year]:.1f} times.")
            return graded(ratio, (1.0, 0.25), (0.0, 10.0), "ratio of Russia's trade and revenue (midpoint) to "
                          "China's trade", evidence, rows)
    return thin("No year with trade figures for both and a revenue estimate covering it (a year no estimate "
                "covers is missing, not zero).")


def c5_fuel_carried_forward(data: dict, when: pd.Timestamp) -> Finding:
    """Estimates only: Russia's highest estimated refined deliveries in its latest estimated year against China's
    latest crude estimate carried forward (KOTRA's standing figure) plus China's own refined report that year.
    Partial-year figures count here (Russia's estimates cover March to November 2024), so it is a variant."""
    t = fuel_table(data, min_months=0)
    if "estimate" not in t.index.get_level_values(0) or ("RUS",) not in {(i[0],) for i in t.loc["estimate"].index}:
        return thin("No outside estimate of Russia's fuel deliveries.")
    est = t.loc["estimate"]
    rus_years = [y for s, y in est.index if s == "RUS"]
    year = max(rus_years)
    rus = float(est.loc[("RUS", year)].sum(min_count=1))
    crude = data["crude"][(data["crude"]["supplier"] == "CHN") & (data["crude"]["year"] <= year)]
    if crude.empty:
        return thin("No estimate of China's pipeline crude to carry forward.")
    last = crude.sort_values("year").iloc[-1]
    chn_crude = float(_barrels(crude.sort_values("year").tail(1), "crude").iloc[0])
    own = t.loc["self-report"] if "self-report" in t.index.get_level_values(0) else pd.DataFrame()
    chn_refined = float(own.loc[("CHN", year), "refined"]) if ("CHN", year) in own.index else 0.0
    chn = chn_crude + chn_refined
    share = rus / (rus + chn)
    evidence = (f"{year}: Russia's highest estimated deliveries {rus:,.0f} barrels against China's {chn:,.0f} "
                f"(crude {chn_crude:,.0f}, carried forward from the {int(last['year'])} estimate by "
                f"{last['reporter']}, plus {chn_refined:,.0f} refined as China reported it).")
    return graded(share, (0.5, 0.33), (0.0, 1.0), "share of fuel that is Russia's", evidence,
                  row_refs(crude.tail(1), "crude_oil", None, "year", lambda r: f"{r['reporter']} {r['year']}"))
