"""One rule to pick a trade figure per year, used by every notebook and by the claims ledger.

Sources often repeat or revise a figure, and several statistical series cover the same partner. Two steps:

1. **Within one series** (`one_per_year`, `trade_series`): rows the curators flagged (the word ``CAUTION`` in
   `notes`, see the codebook) are left out unless asked; then the most precise figure wins (2,180.39 beats a
   later recap's rounded 2,100: a recap never overrides the release it rounds); among equally precise figures
   the most recently published source wins (undated sources rank last, so a revision beats the first release);
   then the earlier CSV line.
2. **Across series** (`trade_figure`): the first series in `PREFERENCE[partner]` that has a figure for the
   year. The codebook says not to splice series, so every chosen figure says which series it came from and
   whether it is a *fallback* (not the partner's first-choice series): a chart draws its line from one series
   only and marks fallback figures as separate points.

Every figure stays in the data; notebooks show the alternatives where they matter.
"""
from __future__ import annotations

import pandas as pd

FLAG = "CAUTION"  # a curator's flag: this word, in capitals, anywhere in `notes` marks a row as doubtful

# Order of preference per partner. The partner's own customs first (the direct record), then KOTRA (one annual
# method for all partners), KITA, then other named producers. CIA Factbook and Comtrade mirror rows are never
# chosen: they state shares of one flow, and the Factbook has known errors.
PREFERENCE = {
    "China": ("china_customs", "kotra", "kita", "other"),
    "Russia": ("russia_customs", "kotra", "kita", "other"),
    "South Korea": ("korea_unification_ministry", "bank_of_korea", "kita", "other"),
    "Japan": ("kotra", "kita", "other"),
    "World": ("kotra", "bank_of_korea", "kita", "other"),
}

SERIES_LABELS = {"china_customs": "China customs", "kotra": "KOTRA", "kita": "KITA",
                 "russia_customs": "Russian customs", "bank_of_korea": "Bank of Korea",
                 "korea_unification_ministry": "Unification Ministry", "un_comtrade_mirror": "UN Comtrade mirror",
                 "cia_factbook": "CIA Factbook", "other": "other producers"}


def flagged(df: pd.DataFrame) -> pd.Series:
    """True for rows the curators flagged as doubtful (the word CAUTION in `notes`)."""
    return df["notes"].astype("string").fillna("").str.contains(FLAG, regex=False).astype(bool)


def sig_digits(value: float) -> int:
    """Significant digits of a figure as printed: 2,700 has 2, 2,789.01 has 6."""
    text = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return max(len(text), 1)


def one_per_year(df: pd.DataFrame, value: str = "value_usd_m", include_flagged: bool = False) -> pd.DataFrame:
    """Rows of `df` (one series) reduced to one per year by the rule above; indexed by CSV line."""
    rows = df[df[value].notna()]
    if not include_flagged:
        rows = rows[~flagged(rows)]
    rows = rows.reset_index()
    ranked = rows.assign(_dated=rows["source_date"].notna(), _date=rows["source_date"],
                         _digits=rows[value].map(sig_digits), _line=-rows["line"])
    ranked = ranked.sort_values(["year", "_digits", "_dated", "_date", "_line"], na_position="first")
    picked = ranked.drop_duplicates("year", keep="last").drop(columns=["_dated", "_date", "_digits", "_line"])
    return picked.set_index("line").sort_values("year")


def trade_series(trade: pd.DataFrame, series: str, partner: str, flow: str = "total",
                 value: str = "value_usd_m", include_flagged: bool = False) -> pd.Series:
    """One value per year for a reporter series, partner and flow, indexed by year (a line never mixes series)."""
    picked = one_per_year(trade[(trade["reporter_series"] == series) & (trade["partner"] == partner)
                                & (trade["flow"] == flow)], value, include_flagged)
    return picked.set_index("year")[value].astype(float)


def trade_figure(trade: pd.DataFrame, partner: str, year: int | None = None, flow: str = "total",
                 value: str = "value_usd_m", order: tuple[str, ...] | None = None,
                 include_flagged: bool = False) -> pd.DataFrame | pd.Series:
    """The figure chosen for each year: the first series of `order` (default `PREFERENCE[partner]`) with a
    figure that year, picked within the series by `one_per_year`.

    Returns a frame indexed by year with columns `value`, `series`, `fallback` (True when the series is not the
    first choice), `line` (the CSV line), `source_name`, `source_url`, `source_date`, `notes`. With `year`,
    returns that year's row (a Series) and raises KeyError if no series has a figure for it."""
    order = tuple(order or PREFERENCE[partner])
    rows = trade[(trade["partner"] == partner) & (trade["flow"] == flow)]
    parts = []
    for rank, series in enumerate(order):
        picked = one_per_year(rows[rows["reporter_series"] == series], value, include_flagged).reset_index()
        parts.append(picked.assign(_rank=rank))
    cols = ["year", "value", "series", "fallback", "line", "source_name", "source_url", "source_date", "notes"]
    if not any(len(p) for p in parts):
        return pd.DataFrame(columns=cols).set_index("year")
    both = pd.concat([p for p in parts if len(p)]).sort_values(["year", "_rank"]).drop_duplicates("year")
    out = both.assign(value=both[value].astype(float), series=both["reporter_series"].astype(str),
                      fallback=both["_rank"] > 0, year=both["year"].astype(int))[cols].set_index("year")
    if year is None:
        return out
    if int(year) not in out.index:
        raise KeyError(f"no {flow} trade figure with {partner} for {year} in series {', '.join(order)}")
    return out.loc[int(year)]


def figure_label(row: pd.Series) -> str:
    """'$2,730m (China customs)': a chosen figure with the series it came from, for prose and hover text."""
    return f"${row['value']:,.0f}m ({SERIES_LABELS.get(row['series'], row['series'])})"


def fallback_note(row: pd.Series, partner: str) -> str:
    """'' for a first-choice figure; otherwise words saying which series it came from instead, for prose:
    'no Russian customs figure; from other producers: figure announced by a Russian trade official ...'."""
    if not row["fallback"]:
        return ""
    note = "" if pd.isna(row["notes"]) else str(row["notes"]).split(";")[0].strip()
    first = SERIES_LABELS.get(PREFERENCE[partner][0], PREFERENCE[partner][0])
    return f"no {first} figure; from {SERIES_LABELS.get(row['series'], row['series'])}: {note or row['source_name']}"


def monthly_totals(trade_monthly: pd.DataFrame) -> pd.Series:
    """One China–North Korea total per calendar month (the median where sources differ), indexed by month;
    months without a reported total are absent, never filled. The ledger and notebook 7 both use it."""
    tm = trade_monthly[(trade_monthly["period"] == "month") & (trade_monthly["flow"] == "total")]
    return tm.groupby(tm["period_start"].dt.to_period("M"))["value_usd_m"].median().sort_index()
