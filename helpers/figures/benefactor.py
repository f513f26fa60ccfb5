"""Charts and small tables for notebook 1 (the benefactor: trade and aid since 1990).

Kept here so the notebook reads as narrative. Every chart takes the frames the notebook computed (chosen
figures from `helpers.series`, and the raw rows shown as dots), so a line never mixes two series.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..data.series import SERIES_LABELS, flagged
from .style import COUNTRY_COLOURS, OKABE_ITO, save_figure

TRADE_SOURCE = ("data/trade.csv: China General Administration of Customs (via Reuters, AFP, Yonhap, KITA and others); "
                "KOTRA, North Korea Foreign Trade Trends; Russian customs and officials; row-level sources in the CSV")
AID_SOURCE = ("data/aid.csv: WFP INTERFAIS, UN OCHA Financial Tracking Service, CRS, AidData, South Korean "
              "ministries, press reports; row-level sources in the CSV")
CHINA = COUNTRY_COLOURS["China"]

# Aid notes begin with a status tag; group the tags so pledges are never added to deliveries.
STATUS_GROUPS = {"delivered": "delivered", "received": "delivered",
                 "pledge": "pledge or commitment", "commitment": "pledge or commitment",
                 "committed": "pledge or commitment", "expected": "pledge or commitment",
                 "cancelled": "pledge or commitment",
                 "estimate": "estimate or claim", "claim": "estimate or claim", "secondary": "estimate or claim",
                 "reported": "reported or official", "official": "reported or official",
                 "allocated": "reported or official", "cumulative": "cumulative"}


def with_status(aid: pd.DataFrame) -> pd.DataFrame:
    """Aid rows with `status_tag` (the first word of the note) and its group `status`."""
    tag = aid["notes"].fillna("").str.extract(r"^\s*([A-Za-z]+)")[0].str.lower()
    return aid.assign(status_tag=tag, status=tag.map(STATUS_GROUPS).fillna("other"))


def gapped(values: pd.Series) -> pd.Series:
    """A chosen series on a full range of years, so a line breaks where years are missing."""
    return values.reindex(range(int(values.index.min()), int(values.index.max()) + 1))


def draw_trade(customs: pd.Series, customs_all, kotra: pd.Series, kotra_all, russia_all, latest_year: int):
    """Static chart: China customs and KOTRA lines (one series each) with every figure as a dot; Russia as dots."""
    events = [(1991, "USSR\ndissolves"), (2017, "UN\nsanctions"), (2020, "border\nshut"), (2023, "border\nreopens")]
    fig, ax = plt.subplots(figsize=(10.5, 5.6))
    ax.plot(gapped(customs).index, gapped(customs), "-", color=CHINA, lw=2, label="China, China customs")
    ax.scatter(customs_all["year"], customs_all["value_usd_m"], s=18, color=CHINA, zorder=3)
    ax.plot(gapped(kotra).index, gapped(kotra), "--", color=OKABE_ITO["orange"], lw=1.6,
            label="China, KOTRA (adds estimated crude oil)")
    ax.scatter(kotra_all["year"], kotra_all["value_usd_m"], s=18, marker="s", facecolors="none",
               edgecolors=OKABE_ITO["orange"], zorder=3)
    markers = {"other": "^", "kotra": "s", "russia_customs": "o", "kita": "D"}
    for rep, group in russia_all.groupby("reporter_series", observed=True):
        ax.scatter(group["year"], group["value_usd_m"], marker=markers.get(rep, "v"), s=26,
                   color=COUNTRY_COLOURS["Russia"], label=f"USSR/Russia, {SERIES_LABELS.get(rep, rep)}", zorder=3)
    top = max(customs_all["value_usd_m"].max(), kotra_all["value_usd_m"].max())
    for year, label in events:
        ax.axvline(year, color="#999999", lw=0.8, ls=":")
        ax.text(year + 0.2, top * 1.02, label, fontsize=8, va="bottom", color="#444444")
    ax.set(ylim=(0, top * 1.18), xlim=(1989, latest_year + 1), xlabel="Year",
           title="North Korea's trade with China and with the USSR/Russia, 1990 to now",
           ylabel="Two-way trade (million current US$)")
    ax.legend(loc="upper left", fontsize=8, ncol=2, bbox_to_anchor=(0, 0.86))
    return fig


def draw_share(share: pd.Series, share_all, computed: pd.Series, first_half: int, first_90: int):
    """KOTRA's stated China share (one line), every stated figure, flagged figures as crosses, computed shares."""
    fig, ax = plt.subplots(figsize=(10, 5.2))
    ax.plot(gapped(share).index, gapped(share), "-", color=CHINA, lw=2, label="KOTRA, share as stated")
    ax.scatter(share_all["year"], share_all["share_pct"], s=20, color=CHINA, zorder=3, label="every stated figure")
    flag = share_all[flagged(share_all)]
    if len(flag):
        ax.scatter(flag["year"], flag["share_pct"], s=60, marker="x", color="#555555", zorder=4,
                   label="flagged doubtful (not on line)")
    ax.scatter(computed.index, computed, s=40, facecolors="none", edgecolors=CHINA, zorder=3,
               label="computed: KOTRA China ÷ KOTRA world")
    ax.axhline(50, color="#999999", lw=0.8, ls=":")
    for year, text, offset in ((first_half, f"over half from {first_half}", (10, -22)),
                               (first_90, f"over 90% from {first_90}", (-90, 12))):
        ax.annotate(text, (year, share[year]), xytext=offset, textcoords="offset points", fontsize=8,
                    arrowprops=dict(arrowstyle="-", lw=0.6))
    ax.set(ylim=(0, 100), xlim=(1990, int(share.index.max()) + 1), xlabel="Year",
           title="China's share of North Korea's foreign trade (KOTRA)",
           ylabel="Share of North Korea's trade, excl. inter-Korean (%)")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def plotly_trade(shown: pd.DataFrame, lines: dict) -> go.Figure:
    """Interactive log chart: every figure as a hoverable dot (`shown` has a `series` label column); `lines` maps
    a name to (chosen values by year, colour, dash). The caller finishes it with finish_plotly."""
    styles = {"China: China customs": (CHINA, "circle"), "China: KOTRA": (OKABE_ITO["orange"], "square")}
    fig = go.Figure()
    for name, group in shown.groupby("series", sort=False):
        colour, symbol = styles.get(name, (COUNTRY_COLOURS["Russia"], "triangle-up"))
        fig.add_trace(go.Scatter(
            x=group["year"], y=group["value_usd_m"], mode="markers", name=name,
            marker=dict(color=colour, symbol=symbol, size=8),
            customdata=np.stack([group["source_name"], group["source_url"], group["notes"].fillna("")], axis=1),
            hovertemplate="<b>%{x}</b>: US$%{y:,.1f}m<br>Source: %{customdata[0]}<br>%{customdata[1]}"
                          "<br>Note: %{customdata[2]}<extra>%{fullData.name}</extra>"))
    for name, (values, colour, dash) in lines.items():
        fig.add_trace(go.Scatter(x=values.index, y=values.values, mode="lines", name=name,
                                 line=dict(color=colour, dash=dash, width=1.5), hoverinfo="skip"))
    fig.update_yaxes(type="log")
    fig.update_layout(hoverlabel=dict(namelength=-1), legend=dict(font=dict(size=11)))
    return fig


DONOR_COLOURS = {"China": CHINA, "Russia": COUNTRY_COLOURS["Russia"], "South Korea": COUNTRY_COLOURS["KOR"],
                 "Japan": COUNTRY_COLOURS["JPN"], "United States": COUNTRY_COLOURS["USA"]}
STATUS_MARKERS = {"delivered": ("o", True), "pledge or commitment": ("o", False),
                  "estimate or claim": ("X", True), "reported or official": ("D", False), "other": ("v", False)}


def _food_panel(ax, food_yearly: pd.DataFrame) -> None:
    donors = food_yearly["donor"].where(food_yearly["donor"].isin(DONOR_COLOURS), "others")
    for donor, group in food_yearly.groupby(donors):
        colour = DONOR_COLOURS.get(donor, OKABE_ITO["grey"])
        for status, rows in group.groupby("status"):
            marker, filled = STATUS_MARKERS[status]
            ax.scatter(rows["year"], rows["quantity"], marker=marker, s=40, edgecolors=colour,
                       facecolors=colour if filled else "none", linewidths=1.3, zorder=3)
    ax.set(yscale="log", title="Food aid to North Korea by donor and status", ylabel="Food (tonnes, log scale)",
           xlabel="Year")
    handles = [Line2D([], [], ls="", marker="o", color=c, label=d) for d, c in DONOR_COLOURS.items()]
    handles += [Line2D([], [], ls="", marker="o", color=OKABE_ITO["grey"], label="others (EU, WFP...)")]
    handles += [Line2D([], [], ls="", marker=m, markerfacecolor="#555555" if f else "none",
                       markeredgecolor="#555555", label=s) for s, (m, f) in STATUS_MARKERS.items()
                if s in set(food_yearly["status"])]
    ax.legend(handles=handles, fontsize=7.5, ncol=2, loc="lower left")


def draw_aid(food_yearly: pd.DataFrame, fts: pd.Series, fts_all: pd.DataFrame, marked: tuple[int, str] | None):
    """Left: food aid by donor and status; right: UN-tracked funding (chosen line, every figure as a dot)."""
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 5.4), gridspec_kw={"width_ratios": [1.6, 1]})
    _food_panel(ax1, food_yearly)
    ax2.plot(gapped(fts).index, gapped(fts).values, "-", color=OKABE_ITO["green"], lw=1.8)
    ax2.scatter(fts_all["year"], fts_all["value_usd_m"], s=22, color=OKABE_ITO["green"], zorder=3)
    ax2.set(yscale="log", title="UN-tracked humanitarian funding", xlabel="Year",
            ylabel="Funding, all donors (million US$, log scale)")
    ax2.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    if marked and marked[0] in fts.index:
        ax2.annotate(marked[1], (marked[0], fts[marked[0]]), xytext=(-70, -30), textcoords="offset points",
                     fontsize=8, arrowprops=dict(arrowstyle="-", lw=0.6))
    return fig


def first_clause(note: str, width: int = 70) -> str:
    """The detail of an aid note after its status tag, shortened for a table cell."""
    parts = re.split(r"[:;]", note, maxsplit=1)  # drop the status tag at the start
    text = (parts[1] if len(parts) > 1 else note).split(";")[0].strip()
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"



# What customs figures leave out of North Korea's trade with Russia since 2022 (said on the rebound chart).
OFF_CUSTOMS = ("Russia's wartime flows are not in customs figures, so not on this chart: payments for munitions "
               "and troops, oil delivered above the UN cap, wages of soldiers and workers")


def draw_rebound(chn: pd.DataFrame, rus: pd.DataFrame, latest_year: int, first_year: int = 2015):
    """North Korea's trade with China and Russia by year (one figure per partner and year: a line through each
    partner's first-choice series, hollow unjoined markers for a stand-in), the border closure and the article
    marked, and a note under the title and by the Russia line that wartime flows are not in customs figures."""
    fig, ax = plt.subplots(figsize=(10, 4.8))
    for frame, colour, marker, name in ((chn, COUNTRY_COLOURS["CHN"], "o", "China"),
                                        (rus, COUNTRY_COLOURS["RUS"], "s", "Russia")):
        first = frame["value"].where(~frame["fallback"]).reindex(range(first_year, latest_year + 1))
        series = frame.loc[~frame["fallback"], "series"].map(SERIES_LABELS).iloc[0]
        ax.plot(first.index, first, marker + "-", color=colour, label=f"{name} ({series})")
        stand = frame[frame["fallback"]]
        if len(stand):
            ax.scatter(stand.index, stand["value"], marker=marker, s=40, facecolors="none", edgecolors=colour,
                       label=f"{name}, stand-in series (not joined): " + ", ".join(map(str, stand.index)))
    ax.axvspan(2020, 2022.9, color="#eeeeee", zorder=0)
    ax.text(2020.1, ax.get_ylim()[1] * 0.9, "border closed\n(COVID-19)", fontsize=8, va="top")
    ax.axvline(2024.83, color="#333333", ls="--", lw=1)
    ax.text(2024.9, ax.get_ylim()[1] * 0.9, "article", fontsize=8)
    ax.set_title("North Korea's trade with China and Russia", pad=30)  # room for the note under it
    ax.set(ylabel="Two-way trade (US$ million, current)", xlabel="Year")
    ax.legend(loc="upper center", bbox_to_anchor=(0.55, 0.8), fontsize=8)
    ax.text(0, 1.015, OFF_CUSTOMS.replace(" so not on this chart:", "\nso not on this chart:") + ".",
            transform=ax.transAxes, fontsize=8.5, color=COUNTRY_COLOURS["RUS"], va="bottom")
    last = rus.index.max()
    ax.annotate("customs trade only:\nwartime flows not drawn", (last, rus.loc[last, "value"]), xytext=(6, 14),
                textcoords="offset points", ha="right", va="bottom", fontsize=8, color=COUNTRY_COLOURS["RUS"])
    return fig
