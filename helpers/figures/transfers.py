"""Charts of the arms-for-oil notebook (04): container running totals, shell estimates, missile counts, and oil
put on a yearly footing against the UN cap. Reporters are coloured by kind (helpers.figures.style); rows with no
report date sit in a narrow side panel instead of on the time axis."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.transforms import offset_copy

from .style import KIND_COLOURS, OKABE_ITO, count_axis, date_axis, edge, kind_handles, kinds_in

DAYS_PER_MONTH = 365.25 / 12


def with_undated_panel(figsize=(10, 5.4)):
    """A time axis plus a narrow panel on the right for rows with no report date."""
    fig, (ax, side) = plt.subplots(1, 2, figsize=figsize, sharey=True, gridspec_kw={"width_ratios": [7, 1]})
    side.set_xticks([0], ["no report\ndate"])
    side.set_xlim(-1, 1)
    side.tick_params(axis="y", left=False)
    side.spines["left"].set_visible(False)
    date_axis(ax)
    return fig, ax, side


def containers_chart(cont: pd.DataFrame):
    """Running totals: one line per reporting body (only a body's own figures show growth), coloured by kind;
    hollow markers where the start of the count was not stated."""
    fig, ax, side = with_undated_panel()
    for body, sub in cont.groupby("body", sort=False):
        kind = sub["reporter_kind"].iloc[0]
        colour = KIND_COLOURS[kind]
        dated = sub[sub["dated"]]
        ax.plot(dated["report_date"], dated["value_high"], color=colour, lw=1.5, zorder=2)
        for target, part in ((ax, dated), (side, sub[~sub["dated"]])):
            for known, face in ((True, colour), (False, "white")):
                pts = part[part["start_known"] == known]
                x = pts["report_date"] if target is ax else [0] * len(pts)
                target.scatter(x, pts["value_high"], s=50, zorder=3, color=face, edgecolor=edge(kind), lw=1.8)
    handles = kind_handles(kinds_in(cont), marker=None, ls="-", lw=2)
    handles += [plt.Line2D([], [], marker="o", ls="", color="#555555", label="start of count stated"),
                plt.Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                           label="start not stated")]
    ax.legend(handles=handles, loc="upper left", title="Kind of reporter (a line joins one body's figures)",
              fontsize=8, title_fontsize=8)
    count_axis(ax.yaxis)
    ax.set_ylim(0, cont["value_high"].max() * 1.1)
    return fig, ax


def shells_chart(shells: pd.DataFrame, scale: float = 1e6):
    """Counts (filled), capacity conversions (open) and rates (triangles), with range bars, by kind."""
    fig, ax, side = with_undated_panel()
    styles = (("count", "o", True), ("capacity", "o", False), ("rate", "^", True))
    for kind in kinds_in(shells):
        colour = KIND_COLOURS[kind]
        for what, marker, filled in styles:
            sel = shells[(shells["reporter_kind"] == kind) & (shells["shell_figure"] == what)]
            for target, part in ((ax, sel[sel["dated"]]), (side, sel[~sel["dated"]])):
                if len(part):
                    xs = part["report_date"] if target is ax else [0] * len(part)
                    low = part["value_low"].fillna(part["value_high"])
                    target.vlines(xs, low / scale, part["value_high"] / scale, color=colour, lw=2.5, alpha=0.6)
                    target.scatter(xs, part["value_high"] / scale, marker=marker, s=45, zorder=3, lw=1.5,
                                   color=colour if filled else "white", edgecolor=edge(kind))
    handles = kind_handles(kinds_in(shells), marker="s", ms=9)
    handles += [plt.Line2D([], [], marker="o", ls="", color="#555555", label="shells sent"),
                plt.Line2D([], [], marker="o", ls="", markerfacecolor="white", color="#555555",
                           label="capacity of containers"),
                plt.Line2D([], [], marker="^", ls="", color="#555555", label="rate (per year / month)")]
    ax.legend(handles=handles, loc="upper left", ncol=2, fontsize=8, title="Kind of reporter", title_fontsize=8)
    ax.set_ylim(0, shells["value_high"].max() / scale * 1.1)
    return fig, ax


def missiles_chart(num: pd.DataFrame):
    """Missiles delivered and missiles identified in strikes on Ukraine, kept apart; labels name the reporter."""
    fig, ax, side = with_undated_panel(figsize=(10, 5))
    styles = {False: ("delivered or transferred", OKABE_ITO["black"], "o"),
              True: ("launched at Ukraine (identified)", OKABE_ITO["vermillion"], "s")}
    for use, (label, colour, marker) in styles.items():
        sel = num[num["missile_use"] == use]
        d, u = sel[sel["dated"]], sel[~sel["dated"]]
        ax.vlines(d["report_date"], d["value_low"].fillna(0), d["value_high"], color=colour, lw=2.5, alpha=0.5)
        ax.scatter(d["report_date"], d["value_high"], color=colour, marker=marker, s=45, zorder=3, label=label)
        side.scatter([0] * len(u), u["value_high"], color=colour, marker=marker, s=45, zorder=3)
    for _, row in num[num["dated"]].iterrows():
        ax.annotate(row["body"].replace("Multilateral Sanctions Monitoring Team", "MSMT"),
                    (row["report_date"], row["value_high"]), xytext=(5, 3), textcoords="offset points",
                    fontsize=7, color="#444444")
    ax.legend(loc="upper left")
    ax.set_ylim(0, num["value_high"].max() * 1.15)
    count_axis(ax.yaxis)
    return fig, ax


def per_year(oil: pd.DataFrame) -> pd.DataFrame:
    """Oil figures with a whole stated period, put on a yearly footing: barrels / months covered * 12."""
    spans = oil.dropna(subset=["period_start", "period_end"])
    months = ((spans["period_end"] - spans["period_start"]).dt.days + 1) / DAYS_PER_MONTH
    return spans.assign(months=months, per_year=spans["value_high"] / months * 12)


def oil_chart(spans: pd.DataFrame, cap: float):
    """Each figure as a bar across the period it covers, at its yearly rate, against the yearly cap. Bars at the
    same rate over overlapping periods are stacked a few points apart so none hides another; each label sits
    above its bar, or below it when another bar lies just above."""
    fig, ax = plt.subplots(figsize=(10, 6.2))
    ymax = spans["per_year"].max() * 1.15
    bars = spans.sort_values(["per_year", "period_start"]).reset_index(drop=True)

    def overlaps(a, b):
        return a["period_start"] <= b["period_end"] and b["period_start"] <= a["period_end"]
    near = [sum(1 for j in range(i) if abs(bars.loc[j, "per_year"] - r["per_year"]) < 0.02 * ymax
                and overlaps(bars.loc[j], r)) for i, r in bars.iterrows()]
    for i, r in bars.iterrows():
        line, = ax.plot([r["period_start"], r["period_end"]], [r["per_year"]] * 2, lw=4.5, solid_capstyle="butt",
                        color=KIND_COLOURS[r["reporter_kind"]])
        line.set_transform(offset_copy(ax.transData, fig=fig, y=-6 * near[i], units="points"))
        crowded = near[i] > 0 or any(0.02 * ymax <= bars.loc[j, "per_year"] - r["per_year"] < 0.06 * ymax
                                     and overlaps(bars.loc[j], r) for j in range(len(bars)))
        months = round(r["months"])
        ax.annotate(f"{r['body']}: {r['value_high']:,.0f} bbl in {months} month{'s' if months > 1 else ''}",
                    (r["period_start"], r["per_year"]), xytext=(0, -6 * near[i] + (-6 if crowded else 5)),
                    textcoords="offset points", va="top" if crowded else "bottom", fontsize=7.5, color="#333333")
    ax.axhline(cap, color=OKABE_ITO["black"], lw=1.5, ls="--")
    ax.annotate(f"UN cap: {cap:,.0f} barrels a year (all suppliers)", (1, cap), xycoords=("axes fraction", "data"),
                xytext=(-4, 5), textcoords="offset points", ha="right", fontsize=9)
    ax.legend(handles=kind_handles(kinds_in(spans), marker=None, ls="-", lw=4.5), loc="upper left",
              title="Kind of reporter", fontsize=8, title_fontsize=8)
    ax.set_ylim(0, ymax)
    ax.set_xlim(None, spans["period_end"].max() + pd.DateOffset(months=5))  # room for the labels
    count_axis(ax.yaxis)
    date_axis(ax)
    return fig, ax
