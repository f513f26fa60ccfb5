"""The events network of notebook 5: weighted ties between countries, and the charts that draw them.

Each event adds weight to the tie between every pair of its actors; the weight depends only on the event's
kind (the table below). Kept here so the notebook reads as narrative and its exercises can change a parameter.
"""
from __future__ import annotations

from itertools import combinations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import plotly.express as px

from .style import COUNTRY_COLOURS, OKABE_ITO

# How much one event adds to the tie between each pair of its actors.
WEIGHTS = {"summit": 3, "treaty_signed": 3, "treaty_ratified": 3, "treaty_in_force": 3, "treaty_expired": 3,
           "visit": 2}
DEFAULT_WEIGHT = 1          # every other event type
RENAME = {"SUN": "RUS"}     # the USSR counts as Russia, as in the trade data
EXCLUDE_UN = True           # leave out events in which the UN (UNO) is an actor
POS = {"PRK": (0, 0), "CHN": (-1.1, -0.2), "RUS": (0.2, 1.1), "UKR": (-1.3, 0.9), "USA": (1.4, 0.5),
       "KOR": (0.45, -0.95), "JPN": (1.15, -0.6)}  # loosely geographic, fixed so panels compare
EDGE_COLUMNS = ["line", "event_id", "date", "year", "a", "b", "event_type", "weight", "title", "source_name",
                "source_url"]


def ties(events, weights=WEIGHTS, default=DEFAULT_WEIGHT, exclude_un=EXCLUDE_UN):
    """One row per (event, pair of its actors): the edges behind every yearly graph."""
    rows = []
    for line, ev in events.iterrows():
        actors = sorted({RENAME.get(a, a) for a in ev["actors"].split(";")})
        if exclude_un and "UNO" in actors:
            continue
        for a, b in combinations(actors, 2):
            rows.append({"line": line, "event_id": ev["event_id"], "date": ev["date"], "year": ev["year"],
                         "a": a, "b": b, "event_type": ev["event_type"],
                         "weight": weights.get(ev["event_type"], default), "title": ev["title"],
                         "source_name": ev["source_name"], "source_url": ev["source_url"]})
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def graph(edges):
    """A weighted networkx graph: weight = sum of event weights, events = number of events on the edge."""
    g = nx.Graph()
    agg = edges.groupby(["a", "b"]).agg(weight=("weight", "sum"), events=("event_id", "nunique"))
    for (a, b), row in agg.iterrows():
        g.add_edge(a, b, weight=int(row["weight"]), events=int(row["events"]))
    return g


def tie(g, a, b):
    return g[a][b]["weight"] if g.has_edge(a, b) else 0


def yearly_split(edges):
    """Per year: PRK–CHN and PRK–RUS weights, the China share, and PRK's weighted degree."""
    out = []
    for year in sorted(edges["year"].unique()):
        g = graph(edges[edges["year"] == year])
        w_chn, w_rus = tie(g, "PRK", "CHN"), tie(g, "PRK", "RUS")
        out.append({"year": int(year), "w_chn": w_chn, "w_rus": w_rus,
                    "split": w_chn / (w_chn + w_rus) if w_chn + w_rus else float("nan"),
                    "prk_degree": g.degree("PRK", weight="weight") if "PRK" in g else 0})
    return pd.DataFrame(out).set_index("year")


def period_split(edges, first, last):
    """China share of PRK's (CHN + RUS) weight, pooled over the years first..last (None if no such ties)."""
    g = graph(edges[edges["year"].between(first, last)])
    w_chn, w_rus = tie(g, "PRK", "CHN"), tie(g, "PRK", "RUS")
    return (w_chn / (w_chn + w_rus) if w_chn + w_rus else None), w_chn, w_rus, g


def pct(share):
    return "no recorded tie" if share is None or pd.isna(share) else f"{share:.0%}"


def strongest(g, node="PRK", n=3):
    """The node's n heaviest ties as [(neighbour, weight)], heaviest first."""
    return sorted(((m, d["weight"]) for m, d in g[node].items()), key=lambda kv: -kv[1])[:n] if node in g else []


def draw_two_periods(edges, drawn):
    """Side-by-side network drawings, one per (label, first, last) in `drawn`; returns (figure, hidden nodes)."""
    fig, axes = plt.subplots(1, len(drawn), figsize=(12, 6.2))
    hidden = set()
    for ax, (label, first, last) in zip(axes, drawn):
        share, _, _, g_full = period_split(edges, first, last)
        hidden |= set(g_full) - set(POS)
        g = g_full.copy()  # not .subgraph(): its node order follows a set, so drawings changed with the hash seed
        g.remove_nodes_from(hidden)
        deg = dict(g_full.degree(weight="weight"))
        nx.draw_networkx_edges(g, POS, ax=ax, width=[0.6 + g[a][b]["weight"] / 4 for a, b in g.edges],
                               edge_color="#888888", alpha=0.8)
        nx.draw_networkx_nodes(g, POS, ax=ax, node_color=[COUNTRY_COLOURS.get(n, OKABE_ITO["grey"]) for n in g],
                               node_size=[700 + 22 * deg.get(n, 0) for n in g], edgecolors="white")
        nx.draw_networkx_labels(g, POS, ax=ax, font_size=10, font_weight="bold",
                                font_color={n: ("white" if n in ("PRK", "RUS", "CHN") else "black") for n in g})
        nx.draw_networkx_edge_labels(g, POS, ax=ax, edge_labels={e: g.edges[e]["weight"] for e in g.edges},
                                     font_size=9, bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"))
        ax.set_title(f"{label}: China share of PRK's CHN+RUS ties {pct(share)}", fontsize=11)
        ax.set(xlim=(-1.6, 1.7), ylim=(-1.5, 1.4))
        ax.set_axis_off()
    fig.suptitle("North Korea's recorded ties: the 2018–19 summit season vs. the Russia alignment",
                 x=0.01, ha="left", fontweight="bold", fontsize=13)
    if hidden:
        fig.text(0.01, 0.06, f"Not drawn (their ties count in node size): {', '.join(sorted(hidden))}.",
                 fontsize=8, color="#555555")
    return fig


def partial_years(dates: pd.Series) -> dict:
    """{year: last day} for the last year of `dates` if the data end before its 31 December (a partial year)."""
    last = dates.max()
    return {} if pd.isna(last) or (last.month, last.day) == (12, 31) else {int(last.year): last}


def draw_tie_split(shown, trade_line, trade_stand_in, partial: dict | None = None):
    """Upper panel: the events split by year, and the trade split (a line where both partners' figures come from
    their first-choice series; hollow, unjoined markers where a stand-in series was used). Lower: the weights.
    `partial` ({year: last day of the data}, see partial_years): years drawn hollow, unjoined, labelled with how
    far they run, their bars pale."""
    partial = {y: d for y, d in (partial or {}).items() if y in shown.index}
    fig, (ax, ax2) = plt.subplots(2, 1, figsize=(10, 6.8), sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
    full = shown["split"].where(~shown.index.isin(list(partial)))
    ax.plot(shown.index, full * 100, "o-", color=COUNTRY_COLOURS["CHN"], lw=1.8,
            label="Events layer: China share of PRK's CHN+RUS event weight")
    part = shown.loc[list(partial), "split"].dropna()
    if len(part):
        ax.scatter(part.index, part * 100, s=40, facecolors="white", edgecolors=COUNTRY_COLOURS["CHN"], lw=1.6,
                   zorder=3, label="Events layer, a partial year (not joined): "
                   + ", ".join(f"{y} to {d:%-d %b}" for y, d in partial.items()))
    ax.plot(trade_line.index, trade_line * 100, "s--", color=OKABE_ITO["grey"], lw=1.2, ms=4,
            label="Trade layer: China share of PRK's CHN+RUS trade value (customs of each)")
    if len(trade_stand_in):
        ax.scatter(trade_stand_in.index, trade_stand_in * 100, marker="s", s=22, facecolors="none",
                   edgecolors=OKABE_ITO["grey"], label="Trade layer, a stand-in series for one partner (not joined)")
    ax.axhline(50, color="#555555", lw=0.8, ls=":")
    ax.set(ylim=(-5, 140), yticks=range(0, 101, 20), ylabel="China share (%)",
           title="North Korea's tie split between China and Russia, by year")
    ax.legend(loc="upper left", fontsize=8.5)
    for year, text in ((2018, "Kim–Xi\nsummits"), (2019, "Kim–Putin\nVladivostok"), (2024, "Russia\ntreaty")):
        if year in shown.index and pd.notna(shown.loc[year, "split"]):
            ax.annotate(text, (year, shown.loc[year, "split"] * 100), xytext=(0, 8 if year != 2019 else -26),
                        textcoords="offset points", ha="center", fontsize=8)
    alpha = [0.4 if y in partial else 1 for y in shown.index]  # a partial year's weight is not a year's
    for offset, col, country, label in ((-0.2, "w_chn", "CHN", "PRK–CHN"), (0.2, "w_rus", "RUS", "PRK–RUS")):
        bars = ax2.bar(shown.index + offset, shown[col].fillna(0), width=0.4, color=COUNTRY_COLOURS[country],
                       label=label)
        for bar, a in zip(bars, alpha):
            bar.set_alpha(a)
    ax2.set(ylabel="Tie weight\n(weighted events)", xlabel="Year of the event" + (
        " (pale: a partial year)" if partial else ""))
    for year, value in part.items():
        ax.annotate(f"{year}:\nto {partial[year]:%-d %b}", (year, value * 100), xytext=(0, 8 if value < 0.5 else -10),
                    textcoords="offset points", ha="center", va="bottom" if value < 0.5 else "top", fontsize=7.5)
    ax2.legend(loc="upper left", fontsize=9)
    return fig


def event_bars(edges, start):
    """Plotly bars, one segment per event, for the PRK–CHN and PRK–RUS ties since `start` (caller finishes it)."""
    pair = edges[(edges["a"] < edges["b"]) & (edges["year"] >= start)].copy()
    pair["pair"] = (pair["a"] + "–" + pair["b"]).map({"CHN–PRK": "North Korea–China", "PRK–RUS": "North Korea–Russia"})
    pair = pair.dropna(subset=["pair"]).sort_values("date")
    pair = pair.assign(year_total=pair.groupby(["year", "pair"])["weight"].transform("sum"),
                       when=pair["date"].dt.strftime("%d %b %Y"))
    fig = px.bar(pair, x="year", y="weight", color="pair", facet_row="pair",
                 color_discrete_map={"North Korea–China": COUNTRY_COLOURS["CHN"],
                                     "North Korea–Russia": COUNTRY_COLOURS["RUS"]},
                 category_orders={"pair": ["North Korea–China", "North Korea–Russia"]},
                 hover_data={"when": True, "title": True, "event_type": True, "weight": True, "year_total": True,
                             "source_name": True, "source_url": True, "pair": False, "year": False},
                 labels={"when": "Date", "title": "Event", "event_type": "Type", "weight": "Weight",
                         "year_total": "Tie weight that year", "source_name": "Source", "source_url": "URL",
                         "year": "Year", "pair": "Tie"}, height=620)
    fig.update_traces(marker_line_color="white", marker_line_width=0.8)
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.update_layout(showlegend=False, bargap=0.25)
    return fig
