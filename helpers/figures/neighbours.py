"""Charts and tables of the neighbours notebook (06): which rows of the events timeline are security responses by
South Korea, Japan or the United States, the timeline of those responses over North Korean launches, the
per-year counts (partial years marked), and the launches in the window before each response."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from .style import COUNTRY_COLOURS, OKABE_ITO, count_axis, slide_parts

NEIGHBOURS = ("KOR", "JPN", "USA")
NAMES = {"KOR": "South Korea", "JPN": "Japan", "USA": "United States"}
LANES = ["Others' moves (PRK, CHN, RUS, UN)", "Other (incl. Seoul politics)", "Statement",
         "Sanctions", "Summit with PRK or China", "Alliance summit", "Military exercise",
         "Security measure"]
RESP_LANES = ["Security measure", "Military exercise", "Alliance summit"]
KIND_COLOURS = {"Security measure": OKABE_ITO["vermillion"], "Military exercise": OKABE_ITO["orange"],
                "Alliance summit": OKABE_ITO["purple"], "Sanctions": OKABE_ITO["blue"],
                "Statement": OKABE_ITO["sky"], "Summit with PRK or China": OKABE_ITO["green"],
                "Other (incl. Seoul politics)": OKABE_ITO["grey"]}


def mark_responses(events: pd.DataFrame) -> pd.DataFrame:
    """Add initiator (first actor, by the codebook's convention), year and the response flag.

    A security response: a security measure or military exercise initiated by Seoul, Tokyo or Washington,
    or a summit among the three allies only (summits with Pyongyang or Beijing are diplomacy, not deterrence)."""
    codes = events["actors"].str.split(";")
    out = events.assign(initiator=codes.str[0], year=events["date"].dt.year,
                        involves_neighbour=codes.apply(lambda c: any(x in NEIGHBOURS for x in c)),
                        all_neighbours=codes.apply(lambda c: all(x in NEIGHBOURS for x in c)))
    out["by_neighbour"] = out["initiator"].isin(NEIGHBOURS)
    out["response"] = out["by_neighbour"] & (out["event_type"].isin(["security_measure", "military_exercise"])
                                             | ((out["event_type"] == "summit") & out["all_neighbours"]))
    return out


def lane(row) -> str:
    if not row["by_neighbour"]:
        return "Others' moves (PRK, CHN, RUS, UN)"
    kind = row["event_type"]
    if kind == "summit":
        return "Alliance summit" if row["all_neighbours"] else "Summit with PRK or China"
    return {"security_measure": "Security measure", "military_exercise": "Military exercise",
            "statement": "Statement", "sanctions": "Sanctions"}.get(kind, "Other (incl. Seoul politics)")


def responses_timeline(resp: pd.DataFrame, monthly: pd.Series):
    """Responses on one line per kind, numbered and keyed below, over monthly launches."""
    fig = plt.figure(figsize=(10, 7.8))
    grid = fig.add_gridspec(3, 1, height_ratios=[1.3, 1, 0.55])
    ax, key = fig.add_subplot(grid[0]), fig.add_subplot(grid[2])
    ax2 = fig.add_subplot(grid[1], sharex=ax)
    for i, name in enumerate(RESP_LANES):
        for who, grp in resp[resp["lane"] == name].groupby("initiator"):
            ax.scatter(grp["date"], [i] * len(grp), s=90, color=COUNTRY_COLOURS[who], zorder=3,
                       edgecolor="white", label=NAMES[who])
    lines = []
    for k, (_, row) in enumerate(resp.iterrows(), start=1):
        ax.annotate(str(k), (row["date"], RESP_LANES.index(row["lane"])), xytext=(0, 9),
                    textcoords="offset points", ha="center", fontsize=8, fontweight="bold")
        lines.append(f"{k}. {row['date']:%b %Y}: {row['title']}")
    key.axis("off")
    half = (len(lines) + 1) // 2  # the key in two columns
    for column, chunk in enumerate((lines[:half], lines[half:])):
        key.text(0.5 * column, 1, "\n".join(textwrap.fill(t, 62, subsequent_indent="    ") for t in chunk),
                 va="top", ha="left", fontsize=8.5, transform=key.transAxes, linespacing=1.5)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), [f"Initiated by {n}" for n in unique], loc="upper left", fontsize=8)
    ax.set_yticks(range(len(RESP_LANES)), RESP_LANES)
    ax.set_ylim(-0.6, len(RESP_LANES) - 0.1)
    ax.tick_params(labelbottom=False)
    ax.grid(axis="y", visible=False)
    ax2.bar(monthly.index, monthly.values, width=25, color=COUNTRY_COLOURS["PRK"])
    count_axis(ax2.yaxis)
    slide_parts(fig, [0, 2], [0, 1])  # on slides: the responses over the launches, then the responses and their key
    return fig, ax, ax2


def per_year_figure(missiles: pd.Series, by_kind: pd.DataFrame, partial: dict):
    """Missiles per year over neighbour-initiated rows per year by kind; partial years (year -> last day the
    data reach) are drawn lighter and labelled."""
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    alpha = [0.45 if y in partial else 1 for y in missiles.index]
    for x, v, a in zip(missiles.index, missiles.values, alpha):
        ax1.bar(x, v, color=COUNTRY_COLOURS["PRK"], width=0.7, alpha=a)
        ax1.text(x, v, str(v), ha="center", va="bottom", fontsize=8)
    ax1.set_ylim(0, missiles.max() * 1.15)
    bottom = pd.Series(0, index=by_kind.index)
    for k in [k for k in KIND_COLOURS if k in by_kind]:
        for x, v, b, a in zip(by_kind.index, by_kind[k], bottom, alpha):
            ax2.bar(x, v, bottom=b, color=KIND_COLOURS[k], width=0.7, alpha=a,
                    label=k if x == by_kind.index[0] else None,
                    hatch="" if k in RESP_LANES else "//", edgecolor="white", linewidth=0.5)
        bottom += by_kind[k]
    ax2.set_xticks(list(missiles.index), [f"{y}\n(to {partial[y]:%-d %b})" if y in partial else str(y)
                                          for y in missiles.index])
    ax2.legend(fontsize=8, ncol=2, loc="upper left", title="Plain = security response; hatched = other; "
               "pale = partial year", title_fontsize=8)
    ax2.set_ylim(0, bottom.max() * 1.7)
    for ax in (ax1, ax2):
        count_axis(ax.yaxis)
    return fig, (ax1, ax2)


def preceded_table(responses: pd.DataFrame, launches: pd.DataFrame, prk_moves: pd.DataFrame, window: int,
                   launched_before) -> pd.DataFrame:
    """For each response: missiles in the prior window, the last launch and the last North Korean move."""
    rows = []
    for _, r in responses.iterrows():
        prior = launches[launches["date"] < r["date"]].sort_values("date")
        move = prk_moves[prk_moves["date"] < r["date"]]
        last_launch = prior.iloc[-1] if len(prior) else None
        last_move = move.iloc[-1] if len(move) else None
        rows.append({
            "date": r["date"].date(), "response": r["title"], "by": r["initiator"],
            f"missiles in prior {window} d": launched_before(r["date"]),
            "last launch": (f"{last_launch['date']:%-d %b %Y} ({last_launch['missile_type']})"
                            if last_launch is not None else "—"),
            "days since": (r["date"] - last_launch["date"]).days if last_launch is not None else pd.NA,
            "last North Korean move in timeline": (f"{last_move['title']} ({last_move['date']:%-d %b %Y})"
                                                   if last_move is not None else "—"),
        })
    columns = ["date", "response", "by", f"missiles in prior {window} d", "last launch", "days since",
               "last North Korean move in timeline"]
    return pd.DataFrame(rows, columns=columns).set_index("date")


def prior_launches_figure(preceded: pd.DataFrame, col: str, baseline: float, label: str):
    """One bar per response (date order, top to bottom) with the median window as a dashed line."""
    fig, ax = plt.subplots(figsize=(10, 5.4))
    labels = [f"{r['response'][:46]}{'…' if len(r['response']) > 46 else ''} ({d:%b %Y})"
              for d, r in preceded.iterrows()]
    ax.barh(range(len(preceded)), preceded[col], color=[COUNTRY_COLOURS[b] for b in preceded["by"]])
    for i, v in enumerate(preceded[col]):
        ax.text(v + 0.3, i, str(v), va="center", fontsize=8)
    ax.axvline(baseline, color="#333333", ls="--", lw=1)
    ax.text(baseline + 0.3, -0.85, label, fontsize=8, va="center")
    ax.set_yticks(range(len(preceded)), labels, fontsize=8)
    ax.set_ylim(len(preceded) - 0.5, -1.2)  # top to bottom in date order, room for the median's label
    ax.grid(axis="y", visible=False)
    count_axis(ax.xaxis)
    ax.legend(handles=[Patch(color=COUNTRY_COLOURS[w], label=f"Initiated by {NAMES[w]}")
                       for w in preceded["by"].unique()], loc="lower right", fontsize=8)
    return fig, ax


def median_window(launches: pd.DataFrame, start: int, days: int) -> float:
    """The median, over every day from 1 January `start` to the last launch, of missiles launched in the
    `days` before that day (the day itself excluded): the yardstick for a 'busy' window."""
    daily = launches.groupby("date").size()
    span = pd.date_range(f"{start}-01-01", launches["date"].max(), freq="D")
    counts = daily.reindex(span, fill_value=0)
    return float((counts.rolling(days + 1, min_periods=1).sum() - counts).median())
