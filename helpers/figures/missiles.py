"""Counts, sentences and charts for notebook 2 (missiles): launches per year by type, ICBM apogee records.

Kept here so the notebook reads as narrative; every function takes the loaded launches (or a table made
from them) and returns a frame, a sentence or a figure, so tests can call them on made-up data.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from .style import OKABE_ITO, place_labels

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


STATE_MEDIA = re.compile(r"\bKCNA\b|state media|North Korea said|Pyongyang said", re.I)
HEIGHT_WORDS = re.compile(r"apogee|altitude", re.I)


def apogee_from_state_media(launches: pd.DataFrame) -> pd.Series:
    """True where the row's own words give its apogee as North Korea's state media did: a sentence of the check
    source's quote or of the notes that names KCNA, state media or "North Korea said" and speaks of the apogee
    or altitude ("According to KCNA, the missile travelled at a maximum altitude of ..."; "News check: state
    media named the Hwasong-19, apogee 7687.5 km"). Rows without such a sentence (every CNS row) are False."""
    def says_so(*texts) -> bool:
        sentences = [s for t in texts if isinstance(t, str) for s in re.split(r"(?<=[.;])\s+", t)]
        return any(STATE_MEDIA.search(s) and HEIGHT_WORDS.search(s) for s in sentences)

    columns = [launches.get(c, pd.Series(None, index=launches.index)) for c in ("check_source_quote", "notes")]
    flags = [bool(pd.notna(km)) and says_so(*texts) for km, *texts in zip(launches["apogee_km"], *columns)]
    return pd.Series(flags, index=launches.index, dtype=bool)


OUTCOME_STYLE = {  # how a flight is drawn by the data's `outcome`: filled if it succeeded, hollow if not
    "success": dict(facecolor=OKABE_ITO["vermillion"], label="ICBM flight (outcome: success)"),
    "failure": dict(facecolor="white", label="failed flight (outcome: failure)"),
    "unknown": dict(facecolor="white", hatch="////", label="outcome not stated"),
}


def draw_icbm_apogees(icbm: pd.DataFrame):
    """Each ICBM flight with a known apogee and the record so far as a dashed step. Flights are drawn by the
    data's `outcome` (failed flights hollow), apogees North Korea's state media gave are ringed, and each type
    is labelled at its best flight where the label touches no other point, label or line."""
    fig, ax = plt.subplots(figsize=(10, 5.4))
    known = icbm.dropna(subset=["apogee_km"]).sort_values("date", kind="stable")
    steps = ax.step(known["date"], known["apogee_km"].cummax(), where="post", color="#555555", lw=1, ls="--",
                    label="record so far", zorder=2)[0]
    for outcome, style in OUTCOME_STYLE.items():
        part = known[known["outcome"].astype(str) == outcome]
        if len(part):
            ax.scatter(part["date"], part["apogee_km"], s=40, edgecolor=OKABE_ITO["vermillion"], linewidth=1.2,
                       zorder=3, **style)
    claimed = known[apogee_from_state_media(known)]
    if len(claimed):
        ax.scatter(claimed["date"], claimed["apogee_km"], s=160, facecolor="none", edgecolor="black", lw=1,
                   zorder=4, label="apogee as North Korea's state media (KCNA) gave it")
    ax.legend(loc="upper left", fontsize=8)  # the years before the 2022 flights are empty above 5,000 km
    ax.margins(x=0.08)  # room for the labels of the first and last flights
    ax.set_ylim(0, known["apogee_km"].max() * 1.12)
    ax.set_title(icbm_title(icbm))
    ax.set_ylabel("Apogee (km)")
    ax.set_xlabel("Launch date (Korea local)")
    fig.tight_layout(rect=(0, 0.05, 1, 1))  # as save_figure lays it out, so the labels are placed where they land
    record_ids = set(apogee_records(icbm)["launch_id"])
    best = known.sort_values("apogee_km", ascending=False, kind="stable").drop_duplicates("missile_name")
    labels = [("name unknown" if row["missile_name"] == UNNAMED else row["missile_name"], row["date"],
               row["apogee_km"], row["launch_id"] in record_ids) for _, row in best.sort_values("date").iterrows()]
    place_labels(ax, labels, points=list(zip(known["date"], known["apogee_km"])), lines=[steps])
    return fig


NOT_REPORTED = "not reported"


def _km(values: pd.Series) -> pd.Series:
    """Kilometres as readers read them in a hover: '1,001 km', or 'not reported' (never 0)."""
    return values.map(lambda v: NOT_REPORTED if pd.isna(v) else f"{v:,.0f} km")


def launches_plotly(launches: pd.DataFrame) -> go.Figure:
    """Every launch by date: above, the launches with a reported apogee at that apogee; below, in a strip of
    their own by type, the launches whose apogee is not reported (missing, never drawn at 0 km). One colour per
    type in both; the hover gives name, outcome, apogee and distance ('not reported' where unknown), sources."""
    from plotly.subplots import make_subplots

    known = launches["apogee_km"].notna()
    n_unknown = int((~known).sum())
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.74, 0.26], vertical_spacing=0.05)
    shown = launches.assign(apogee_text=_km(launches["apogee_km"]), distance_text=_km(launches["distance_km"]),
                            check=launches["check_source_name"].fillna("—"),
                            source=launches["source_name"] + " — " + launches["source_url"])
    hover = ("<b>%{customdata[0]}</b> (%{customdata[1]}), %{x|%d %b %Y}<br>outcome: %{customdata[2]}<br>"
             "apogee: %{customdata[3]}, distance: %{customdata[4]}<br>source: %{customdata[5]}<br>"
             "news check: %{customdata[6]}<extra></extra>")
    columns = ["missile_name", "missile_type", "outcome", "apogee_text", "distance_text", "source", "check"]
    for kind, colour in zip(TYPE_ORDER, TYPE_COLOURS):
        of_kind = shown["missile_type"].astype(str) == kind
        for row, part in ((1, shown[of_kind & known]), (2, shown[of_kind & ~known])):
            if len(part):
                fig.add_trace(go.Scatter(
                    x=part["date"], y=part["apogee_km"] if row == 1 else part["missile_type"].astype(str),
                    mode="markers", name=kind, legendgroup=kind, showlegend=row == 1 or not (of_kind & known).any(),
                    marker=dict(color=colour, size=7, opacity=0.8 if row == 1 else 0.6),
                    customdata=part[columns].astype(str).to_numpy(), hovertemplate=hover), row=row, col=1)
    fig.update_yaxes(title="Apogee (km)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title=f"Apogee not<br>reported ({n_unknown})", categoryorder="array",
                     categoryarray=[t for t in reversed(TYPE_ORDER) if t in set(shown.loc[~known, "missile_type"].astype(str))],
                     row=2, col=1)
    fig.update_xaxes(title="Launch date", row=2, col=1)
    fig.update_layout(height=640, legend=dict(title="Type"))
    return fig


def state_media_records(icbm: pd.DataFrame) -> str:
    """'; the records of 12 July 2023 and 31 October 2024 are North Korea's own figures (KCNA)', or ''."""
    records = apogee_records(icbm)
    claimed = records[apogee_from_state_media(records)]
    if not len(claimed):
        return ""
    which = "record" if len(claimed) == 1 else "records"
    return (f"; the {which} of {year_list(day(d) for d in claimed['date'])} "
            f"{'is' if len(claimed) == 1 else 'are'} North Korea's own {'figure' if len(claimed) == 1 else 'figures'}"
            " (KCNA)")


def apogee_notes(icbm: pd.DataFrame) -> str:
    """What the apogee chart's hollow and ringed dots are, flight by flight, from the rows' outcome and words."""
    known = icbm.dropna(subset=["apogee_km"]).sort_values("date", kind="stable")
    def flights(part) -> str:
        return year_list(f"{km:,.0f} km on {day(d)}" for d, km in zip(part["date"], part["apogee_km"]))

    parts = []
    failed = known[known["outcome"].astype(str) == "failure"]
    if len(failed):
        parts.append(f"Hollow dots are flights the data record as failures ({flights(failed)}): the height a failed "
                     "flight reached, not what the missile was built to reach.")
    unstated = known[~known["outcome"].astype(str).isin(["success", "failure"])]
    if len(unstated):
        parts.append(f"The data state no outcome for {flights(unstated)} (hatched).")
    claimed = known[apogee_from_state_media(known)]
    if len(claimed):
        parts.append(f"Ringed dots are apogees as North Korea's state media (KCNA) gave them, as the rows' news "
                     f"checks say ({flights(claimed)}).")
    others = known[~apogee_from_state_media(known)]
    if len(others) and (others["data_origin"].astype(str) == "cns").all():
        parts.append(f"The other {len(others)} apogees come from the CNS database, whose rows do not say whose "
                     "measurement each is.")
    return " ".join(parts)
