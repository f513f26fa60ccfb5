"""Counts, sentences and charts for notebook 2 (missiles): launches per year by type, ICBM apogee records.

Kept here so the notebook reads as narrative; every function takes the loaded launches (or a table made
from them) and returns a frame, a sentence or a figure, so tests can call them on made-up data.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .style import OKABE_ITO

TYPE_ORDER = ["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "HGV", "unknown"]
TYPE_COLOURS = [OKABE_ITO[c] for c in ("sky", "green", "orange", "vermillion", "blue", "purple", "yellow", "grey")]
UNNAMED = "Unknown"  # the database's name for a missile it could not identify: not a type of its own


def per_year_by_type(launches: pd.DataFrame) -> pd.DataFrame:
    """Missiles per calendar year (rows, every year from the first to the last) and type (columns)."""
    years = launches["date"].dt.year
    return (launches.groupby([years.rename("year"), "missile_type"], observed=True).size().unstack(fill_value=0)
            .reindex(columns=TYPE_ORDER, fill_value=0)
            .reindex(range(years.min(), years.max() + 1), fill_value=0))


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def day(date) -> str:
    """4 July 2017 (no leading zero)."""
    return f"{date.day} {date:%B %Y}"


def year_list(years) -> str:
    """2018 / 2018 and 2021 / 2014, 2018 and 2021."""
    years = [str(y) for y in years]
    return " and ".join(years) if len(years) < 3 else ", ".join(years[:-1]) + " and " + years[-1]


def draw_per_year(table: pd.DataFrame, marks: dict[int, str]):
    """Stacked bars of missiles per year by type, with a short label above each year in `marks` (clear of the
    bars on either side, which a centred label overhangs)."""
    fig, ax = plt.subplots(figsize=(10, 5.2))
    bottom = pd.Series(0, index=table.index)
    for kind, colour in zip(TYPE_ORDER, TYPE_COLOURS):
        if table[kind].sum():
            ax.bar(table.index, table[kind], bottom=bottom, color=colour, label=kind, width=0.8)
            bottom += table[kind]
    ax.set_title("North Korean ballistic missile and space launches per year, by type")
    ax.set_ylabel("Missiles launched (count)")
    ax.set_xlabel("Year (Korea local date)")
    ax.legend(ncol=4, loc="upper left")
    totals = table.sum(axis="columns")
    for year, label in sorted(marks.items()):
        if year in table.index:
            ax.annotate(label, (year, totals.loc[year - 1:year + 1].max()), xytext=(0, 6),
                        textcoords="offset points", ha="center", fontsize=8)
    return fig


def apogee_records(icbm: pd.DataFrame) -> pd.DataFrame:
    """The flights that set a new apogee record, in date order (flights without an apogee are skipped)."""
    known = icbm.dropna(subset=["apogee_km"]).sort_values("date", kind="stable")
    before = known["apogee_km"].cummax().shift(fill_value=float("-inf"))
    return known[known["apogee_km"] > before]


def types_without_record(icbm: pd.DataFrame) -> list[dict]:
    """Named types none of whose flights set an apogee record, each with its best flight and the record it
    stayed below (the highest flight before that best one)."""
    known = icbm.dropna(subset=["apogee_km"]).sort_values("date", kind="stable").reset_index(drop=True)
    record_ids = set(apogee_records(icbm)["launch_id"])
    out = []
    for name, flights in known[known["missile_name"] != UNNAMED].groupby("missile_name", sort=False):
        if record_ids & set(flights["launch_id"]):
            continue
        best_at = flights["apogee_km"].idxmax()  # first of equal bests
        best, earlier = known.loc[best_at], known.loc[:best_at - 1].sort_values("apogee_km", kind="stable").iloc[-1]
        out.append({"name": name, "best_km": float(best["apogee_km"]), "best_date": best["date"],
                    "record_name": earlier["missile_name"], "record_km": float(earlier["apogee_km"]),
                    "record_date": earlier["date"]})
    return out


def new_types_sentence(icbm: pd.DataFrame) -> str:
    """Whether each new ICBM type flew higher than every flight before it, in words from the data."""
    laggards = types_without_record(icbm)
    if not laggards:
        return "Each named ICBM type set a new apogee record at least once."
    parts = [f"the {t['name']}'s best flight ({t['best_km']:,.0f} km, {day(t['best_date'])}) stayed below "
             f"the {t['record_km']:,.0f} km a {t['record_name']} reached on {day(t['record_date'])}"
             for t in laggards]
    return "Not every new type flew higher: " + "; ".join(parts) + "."


def icbm_title(icbm: pd.DataFrame) -> str:
    """The apogee chart's title: how far the record rose, from the data."""
    records = apogee_records(icbm)
    if len(records) < 2:
        return "ICBM test apogees"
    first, last = records.iloc[0], records.iloc[-1]
    return (f"ICBM test apogees: the record rose from {first['apogee_km']:,.0f} km ({first['date']:%Y}) "
            f"to {last['apogee_km']:,.0f} km ({last['date']:%Y})")


def draw_icbm_apogees(icbm: pd.DataFrame):
    """Each ICBM flight with a known apogee and the record so far as a dashed step. Each type is labelled at
    its best flight: above it if that flight set a record, below the record line if it did not."""
    fig, ax = plt.subplots(figsize=(10, 5))
    known = icbm.dropna(subset=["apogee_km"]).sort_values("date", kind="stable")
    ax.scatter(known["date"], known["apogee_km"], color=OKABE_ITO["vermillion"], zorder=3, label="ICBM flight")
    ax.step(known["date"], known["apogee_km"].cummax(), where="post", color="#555555", lw=1, ls="--",
            label="record so far")
    ax.legend(loc="lower right")
    record_ids = set(apogee_records(icbm)["launch_id"])
    best = known.sort_values("apogee_km", ascending=False, kind="stable").drop_duplicates("missile_name")
    for _, row in best.iterrows():
        label = "name unknown" if row["missile_name"] == UNNAMED else row["missile_name"]
        above = row["launch_id"] in record_ids
        ax.annotate(label, (row["date"], row["apogee_km"]), xytext=(0, 7) if above else (-5, -9),
                    textcoords="offset points", fontsize=8, ha="center" if above else "right",
                    va="bottom" if above else "top")
    ax.margins(x=0.08)  # room for the labels of the first and last flights
    ax.set_ylim(0, known["apogee_km"].max() * 1.1)
    ax.set_title(icbm_title(icbm))
    ax.set_ylabel("Apogee (km)")
    ax.set_xlabel("Launch date (Korea local)")
    return fig
