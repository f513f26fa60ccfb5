"""Charts of the troops notebook (03): published troop figures by date, each body's spread of figures, and the
casualty panels, all coloured by the kind of reporter (helpers.figures.style)."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from .style import (KIND_COLOURS, OKABE_ITO, count_axis, date_axis, edge, kind_handles, kinds_in, place_labels,
                     slide_parts)

NAMES = {"RUS": "Russia", "PRK": "North Korea"}


def first_acknowledgements(acks: pd.DataFrame) -> pd.Series:
    """The first admission of the deployment by each party (reporter country -> date), earliest first."""
    return acks.groupby("reporter_country")["report_date"].min().sort_values()


def ack_label(ack_first: pd.Series) -> str:
    parts = [f"{NAMES.get(c, c)} {d:%-d %b}" for c, d in ack_first.items()]
    return "Acknowledged:\n" + "\n".join(parts) + f" {ack_first.max():%Y}"


def mark_acks(ax, ack_first: pd.Series, label: bool = True, where: str = "top") -> None:
    """Dashed lines at the acknowledgement dates, one label for the group (they fall days apart)."""
    for d in ack_first:
        ax.axvline(d, color=OKABE_ITO["black"], ls="--", lw=0.9)
    if len(ack_first) and label:
        top = where == "top"
        ax.annotate(ack_label(ack_first), (ack_first.max(), 1 if top else 0), xycoords=("data", "axes fraction"),
                    xytext=(4, -4 if top else 4), textcoords="offset points", va="top" if top else "bottom",
                    fontsize=8)


PUBLISHED = ("acknowledgement", "official_statement")  # North Korea on the record, through its own channels


def published_by_prk(rows: pd.DataFrame) -> pd.Series:
    """North Korea's own published figures: a North Korean reporter on the record (`status` acknowledgement or
    official statement: KCNA, state TV, Kim Jong Un's speeches). A North Korean row of another status (a `claim`
    such as "DPRK (as reported by Yonhap)") is a figure others attribute to North Korea, not one it published."""
    return (rows["reporter_country"] == "PRK") & rows["status"].astype(str).isin(PUBLISHED)


def prk_label(row) -> str:
    """'DPRK's own: 101' for a figure North Korea published; 'attributed to DPRK: 350\n(as reported by Yonhap)'
    for one others attribute to it (the relay from the reporter's brackets)."""
    if published_by_prk(pd.DataFrame([row])).iloc[0]:
        return f"DPRK's own: {row['value_high']:,.0f}"
    relay = row["reporter"].partition(" (")[2].rstrip(")")
    return f"attributed to DPRK: {row['value_high']:,.0f}" + (f"\n({relay})" if relay else "")


def draw_figures(ax, rows: pd.DataFrame, marker: str = "o", filled: bool = True, size: float = 42) -> None:
    """One marker per figure at value_high, coloured by kind of reporter; a range is a vertical segment."""
    for kind in kinds_in(rows):
        sub = rows[rows["reporter_kind"] == kind]
        colour = KIND_COLOURS[kind]
        ranged = sub[sub["value_low"] < sub["value_high"]]
        ax.vlines(ranged["report_date"], ranged["value_low"], ranged["value_high"], color=colour, lw=3,
                  alpha=0.8)
        ax.scatter(sub["report_date"], sub["value_high"], marker=marker, s=size, zorder=3,
                   color=colour if filled else "white", edgecolor=edge(kind), linewidth=1.3)


def estimates_figure(deployed: pd.DataFrame, planned: pd.DataFrame, additional: pd.DataFrame, ack_first: pd.Series,
                     top: pd.Series):
    """Every troop estimate by date: deployed (filled), planned (hollow) and additional waves (triangles), coloured
    by kind of reporter, with the acknowledgements dashed and the highest deployed figure (`top`) labelled."""
    fig, ax = plt.subplots(figsize=(10, 5.8))
    draw_figures(ax, planned, marker="o", filled=False, size=48)
    draw_figures(ax, additional, marker="^", size=48)
    draw_figures(ax, deployed, marker="o", size=48)
    handles = kind_handles(kinds_in(deployed, planned, additional))
    handles += [plt.Line2D([], [], marker="o", ls="", mfc="white", mec="#555555", label="planned / expected"),
                plt.Line2D([], [], marker="^", ls="", color="#555555", label="additional wave")]
    ax.legend(handles=handles, loc="upper right", fontsize=8, title="Kind of reporter", title_fontsize=8)
    mark_acks(ax, ack_first)
    ax.annotate(f"highest: {top['value_high']:,.0f}\n({top['body']})", (top["report_date"], top["value_high"]),
                xytext=(8, 6), textcoords="offset points", fontsize=8)
    highest = pd.concat([deployed, planned, additional])["value_high"].max()
    ax.set_ylim(0, max(highest * 1.45, 1))  # headroom for the legend
    count_axis(ax.yaxis)
    date_axis(ax)
    return fig, ax


def spread_chart(by_body: pd.DataFrame):
    """Each body's lowest-to-highest deployed figure as a line, its latest as a dot, the latest's date beside."""
    fig, ax = plt.subplots(figsize=(10, 5.8))
    for i, (body, row) in enumerate(by_body.iterrows()):
        colour = KIND_COLOURS[row["reporter_kind"]]
        ax.hlines(i, row["low"], row["high"], color=colour, lw=4, alpha=0.55)
        ax.scatter(row["latest"], i, color=colour, s=60, zorder=3, edgecolor=edge(row["reporter_kind"]))
        ax.annotate(f"{row['latest_date']:%b %Y}", (max(row["latest"], row["high"]), i), xytext=(7, -3),
                    textcoords="offset points", fontsize=7.5, color="#444444")
    ax.set_yticks(range(len(by_body)), [f"{b} ({n})" for b, n in zip(by_body.index, by_body["figures"])],
                  fontsize=8.5)
    ax.set_xlim(0, by_body["high"].max() * 1.12 if len(by_body) else 1)
    count_axis(ax.xaxis)
    ax.legend(handles=kind_handles(kinds_in(by_body)),
              loc="upper left", fontsize=8, title="Kind of reporter", title_fontsize=8, frameon=True,
              facecolor="white", edgecolor="white", framealpha=1)
    ax.grid(axis="y", visible=False)
    return fig, ax


def casualty_panels(numeric: pd.DataFrame, ack_first: pd.Series, panels):
    """One panel per measure on a shared y-scale; hollow markers are single-episode figures."""
    fig, axes = plt.subplots(1, len(panels), figsize=(11, 5.4), sharex=True, sharey=True)
    for n, (ax, (measure, label)) in enumerate(zip(axes, panels)):
        rows = numeric[numeric["measure"] == measure]
        draw_figures(ax, rows[~rows["episode"]])
        draw_figures(ax, rows[rows["episode"]], filled=False)
        for _, r in rows[rows["doubtful"]].iterrows():
            ax.annotate("doubtful: likely\nthe UK's casualty\nfigure restated", (r["report_date"], r["value_high"]),
                        xytext=(-8, -6), textcoords="offset points", ha="right", va="top", fontsize=7.5)
        mark_acks(ax, ack_first, label=n == 0, where="bottom")
        ax.set_title(label, fontsize=11)
        date_axis(ax)
        ax.tick_params(axis="x", labelsize=8)
    axes[0].set_ylim(0, None)
    count_axis(axes[0].yaxis)
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))  # about as save_figure lays it out, so labels land where placed
    for ax, (measure, _) in zip(axes, panels):  # North Korea's figures labelled clear of every other figure
        rows = numeric[numeric["measure"] == measure]
        own = rows[rows["reporter_country"] == "PRK"].sort_values("report_date")
        points = list(zip(rows["report_date"], rows["value_high"])) + list(zip(rows["report_date"], rows["value_low"]))
        place_labels(ax, [(prk_label(r), r["report_date"], r["value_high"], True) for _, r in own.iterrows()],
                     points=[p for p in points if pd.notna(p[1])], lines=ax.lines, fontsize=7.5)
    shown = numeric[numeric["measure"].isin([m for m, _ in panels])]
    handles = kind_handles(kinds_in(shown))
    handles.append(plt.Line2D([], [], marker="o", ls="", mfc="white", mec="#555555", label="one episode only"))
    if len(panels) > 2:  # too dense for one slide: the running totals, then the rest
        slide_parts(fig, [0], list(range(1, len(panels))))
    return fig, axes, handles
