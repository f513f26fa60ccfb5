"""Tables and charts for notebook 7 (Beijing's position): China's signals, monthly trade, oil against the cap.

Kept here so the notebook reads as narrative; every function takes the loaded frames and returns a frame or a
figure, so tests can call them on made-up data.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go

from ..data.load import as_of
from ..data.schemas import ALIGNMENT_TOPICS, STANCES
from .style import OKABE_ITO

STANCE_COLOURS = {"supportive": OKABE_ITO["blue"], "neutral": OKABE_ITO["grey"],
                  "distancing": OKABE_ITO["orange"], "critical": OKABE_ITO["vermillion"]}
STANCE_SYMBOLS = {"supportive": "circle", "neutral": "square", "distancing": "diamond", "critical": "x"}
UN_CAP_BARRELS = 500_000  # Security Council resolution 2397 (Dec 2017): refined products, a year, from 2018
# The moments the notebook looks around, as events.csv ids (dates are read from the data, not typed here).
KEY_EVENTS = {
    "Treaty signed": "EV-2024-csp-treaty-signed",
    "Troops reported (NIS)": "EV-2024-nis-troop-disclosure",
    "ICBM test": "EV-2024-hwasong19-test",
    "Treaty in force": "EV-2024-csp-treaty-in-force",
    "Troops acknowledged": "EV-2025-dprk-acknowledges-troops",
    "Beijing parade": "EV-2025-beijing-victory-parade",
    "Li Qiang in Pyongyang": "EV-2025-li-qiang-pyongyang",
}
TOPIC_GROUPS = {  # rows of the timeline
    "Russia–North Korea alignment": ALIGNMENT_TOPICS,
    "Missiles, nuclear, sanctions": ("missile_test", "nuclear_test", "sanctions", "denuclearisation",
                                     "peninsula_security"),
    "China–North Korea ties": ("friendship_year", "high_level_visit", "bilateral_ties", "border_trade", "tourism"),
    "Other": ("ukraine_war", "other"),
}


def key_dates(events: pd.DataFrame) -> pd.Series:
    """Label -> date of each key event; a missing id is an error that names it. In an as-of build the events
    not yet known on its date are left out (not_yet_known names them), so the series may be shorter."""
    found = events.set_index("event_id")["date"]
    missing = [eid for eid in KEY_EVENTS.values() if eid not in found.index]
    if missing and as_of() is None:
        raise KeyError(f"events.csv lacks the key event(s) {', '.join(missing)} used by notebook 7")
    return pd.Series({label: found[eid] for label, eid in KEY_EVENTS.items() if eid in found.index},
                     dtype="datetime64[ns]")


def key_events_not_yet_known(events: pd.DataFrame) -> list[str]:
    """The key moments (labels) an as-of build does not know yet."""
    return [label for label, eid in KEY_EVENTS.items() if eid not in set(events["event_id"])]


def topic_group(topic: str) -> str:
    return next(g for g, topics in TOPIC_GROUPS.items() if topic in topics)


def stance_counts(signals: pd.DataFrame, freq: str = "Y") -> pd.DataFrame:
    """Signals per period and stance (columns in the codebook's order)."""
    period = signals["date"].dt.to_period(freq).astype(str)
    table = pd.crosstab(period, signals["stance"].astype(str))
    return table.reindex(columns=list(STANCES), fill_value=0)


def around(signals: pd.DataFrame, dates: pd.Series, days: int = 30) -> pd.DataFrame:
    """For each key date, the signals within `days` after it, by stance, with one example quote."""
    rows = []
    for label, day in dates.items():
        near = signals[(signals["date"] >= day) & (signals["date"] <= day + pd.Timedelta(days=days))]
        counts = near["stance"].value_counts()
        example = near.iloc[0] if len(near) else None
        rows.append({"Moment": label, "Date": day.strftime("%-d %b %Y"), "Signals": len(near),
                     **{s.capitalize(): int(counts.get(s, 0)) for s in STANCES},
                     "First signal after it": "" if example is None else
                     f"{example['date']:%-d %b %Y}, {example['speaker']}: “{example['source_quote'][:140]}”"})
    columns = ["Moment", "Date", "Signals", *(s.capitalize() for s in STANCES), "First signal after it"]
    return pd.DataFrame(rows, columns=columns)  # the columns even when no key date is known yet (as-of builds)


def readout_language(signals: pd.DataFrame) -> pd.DataFrame:
    """Leader readouts, messages and joint statements touching the peninsula, by year and by whether they
    mention denuclearisation (unknown = only an excerpt was read)."""
    leaders = signals[signals["channel"].isin(["leader_readout", "leader_message", "joint_statement"])
                      & (signals["mentions_denuclearisation"] != "not_applicable")]
    table = pd.crosstab(leaders["date"].dt.year, leaders["mentions_denuclearisation"].astype(str))
    table = table.reindex(columns=["yes", "no", "unknown"], fill_value=0)
    table.index.name = "Year"
    return table.rename(columns={"yes": "Mentions it", "no": "Does not", "unknown": "Not known (excerpt)"})


def month_gaps(totals: pd.Series, start: str = "2019-01") -> list[pd.Period]:
    """Months from `start` to the latest reported month with no reported total."""
    if totals.empty:
        return []
    every = pd.period_range(pd.Period(start, "M"), totals.index.max(), freq="M")
    return [m for m in every if m not in totals.index]


def gap_runs(gaps: list[pd.Period]) -> list[str]:
    """Consecutive missing months as readable ranges: 'Feb 2019–Apr 2019', 'Jun 2020'."""
    runs, start, prev = [], None, None
    for m in gaps + [None]:
        if m is not None and prev is not None and m == prev + 1:
            prev = m
            continue
        if start is not None:
            runs.append(start.strftime("%b %Y") + ("" if prev == start else "–" + prev.strftime("%b %Y")))
        start = prev = m
    return runs


def draw_monthly_trade(totals: pd.Series, dates: pd.Series, start: str = "2019-01"):
    """Bars for reported months from `start`; missing months shaded, never filled; key dates as dashed lines
    numbered at the top and named in a key under the chart (moments in the same month share a line)."""
    fig, ax = plt.subplots(figsize=(11, 5.4))
    every = pd.period_range(pd.Period(start, "M"), totals.index.max(), freq="M")
    x = {m: i for i, m in enumerate(every)}
    ax.bar([x[m] for m in totals.index if m in x], [v for m, v in totals.items() if m in x], width=0.8,
           color=OKABE_ITO["vermillion"], label="Reported month (Chinese customs)")
    for m in month_gaps(totals, start):
        ax.axvspan(x[m] - 0.5, x[m] + 0.5, color="#e8e8e8", zorder=0, lw=0)
    top = totals.max() * 1.12
    by_month: dict[pd.Period, list[int]] = {}
    for number, day in enumerate(dates.values, start=1):
        by_month.setdefault(pd.Timestamp(day).to_period("M"), []).append(number)
    for month, numbers in by_month.items():
        if month in x:
            ax.axvline(x[month], color="#333333", ls="--", lw=0.8)
            ax.text(x[month], top, ",".join(map(str, numbers)), ha="center", va="bottom", fontsize=8,
                    fontweight="bold")
    key = "   ".join(f"{n} {label} ({pd.Timestamp(day):%b %Y})" for n, (label, day) in enumerate(dates.items(), 1))
    ax.text(0, -0.2, "\n".join(textwrap.wrap("Key moments: " + key, 150)), transform=ax.transAxes, fontsize=7.5,
            va="top")
    years = [m for m in every if m.month == 1]
    ax.set_xticks([x[m] for m in years], [str(m.year) for m in years])
    ax.set_ylim(0, top * 1.06)
    ax.set_ylabel("Two-way trade in the month (US$ million)")
    ax.set_xlabel("Month (grey band: no reported figure found, not zero)")
    ax.legend(loc="upper left", fontsize=8)
    return fig, ax


def oil_by_year(petroleum: pd.DataFrame) -> pd.DataFrame:
    """Per year and supplier, the largest reported figure in barrels, split into the supplier's own report to
    the UN and others' estimates; tonnes figures are counted apart, never converted."""
    bbl = petroleum[petroleum["unit"] == "barrels"]
    own = bbl[bbl["status"] == "self_reported"].groupby(["year", "supplier"], observed=True)["quantity"].max()
    other = bbl[bbl["status"] != "self_reported"].groupby(["year", "supplier"], observed=True)["quantity"].max()
    tonnes = petroleum[petroleum["unit"] == "tonnes"].groupby(["year", "supplier"], observed=True).size()
    table = pd.DataFrame({"self_reported_bbl": own, "others_estimate_bbl": other, "tonnes_rows": tonnes})
    return table.fillna({"tonnes_rows": 0}).astype({"tonnes_rows": int})


def draw_oil(table: pd.DataFrame):
    fig, ax = plt.subplots(figsize=(11, 5))
    years = sorted({y for y, _ in table.index})
    for offset, supplier, colour in ((-0.2, "CHN", OKABE_ITO["vermillion"]), (0.2, "RUS", OKABE_ITO["blue"])):
        own = [table["self_reported_bbl"].get((y, supplier), float("nan")) for y in years]
        est = [table["others_estimate_bbl"].get((y, supplier), float("nan")) for y in years]
        name = "China" if supplier == "CHN" else "Russia"
        ax.bar([y + offset for y in years], own, width=0.38, color=colour, label=f"{name}: own report to the UN")
        if any(v == v for v in est):  # NaN != NaN: draw estimates only where there are some
            ax.scatter([y + offset for y in years], est, marker="D", s=45, color="white", edgecolor=colour, zorder=3,
                       label=f"{name}: others' estimate")
        for y, v in zip(years, own):
            if v != v and table["tonnes_rows"].get((y, supplier), 0):
                ax.text(y + offset, 8000, "tonnes\nonly", ha="center", va="bottom", fontsize=7, color=colour)
    ax.axhline(UN_CAP_BARRELS, color="#333333", ls="--", lw=1)
    ax.text(years[0] - 0.45, UN_CAP_BARRELS * 1.04, "UN cap, all suppliers: 500,000 barrels a year", fontsize=8)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("Refined petroleum (barrels; largest figure reported for the year)")
    ax.set_xlabel("Year (a missing bar: no figure in barrels found; several years are partial)")
    ax.ticklabel_format(axis="y", style="plain")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.legend(fontsize=8, loc="upper left")
    return fig, ax


def signals_timeline(signals: pd.DataFrame) -> go.Figure:
    """Interactive: one marker per signal, row by topic group, colour and symbol by stance, hover = quote."""
    groups = list(TOPIC_GROUPS)
    fig = go.Figure()
    sig = signals.assign(group=signals["topic"].astype(str).map(topic_group))
    for stance in STANCES:
        part = sig[sig["stance"] == stance]
        quote = part["source_quote"].str.slice(0, 200).str.replace(r"(.{60,80}?)\s", r"\1<br>", regex=True)
        fig.add_trace(go.Scatter(
            x=part["date"], y=[groups.index(g) + (STANCES.index(stance) - 1.5) * 0.12 for g in part["group"]],
            mode="markers", name=stance.capitalize(),
            marker=dict(size=10, color=STANCE_COLOURS[stance], symbol=STANCE_SYMBOLS[stance],
                        line=dict(width=1, color="white")),
            customdata=pd.concat([part[["speaker", "topic", "source_name", "source_url"]], quote], axis=1).to_numpy(),
            hovertemplate="<b>%{x|%d %b %Y}</b> · %{customdata[0]}<br>topic: %{customdata[1]}<br>“%{customdata[4]}”"
                          "<br>Source: %{customdata[2]}<br>%{customdata[3]}<extra></extra>"))
    fig.update_yaxes(tickvals=list(range(len(groups))), ticktext=groups, range=[-0.6, len(groups) - 0.4])
    return fig


# --- Shares by period, contact by rank, Pyongyang's tone (the thesis's indicators, notebook 7) ----------------

def period_shares(signals: pd.DataFrame, periods: list[tuple[str, pd.Timestamp, pd.Timestamp]],
                  cool=("distancing", "critical")) -> pd.DataFrame:
    """Per period: signals, how many distance or criticise, the share and its 95 % Wilson interval."""
    from ..data.stats import wilson

    rows = []
    for label, start, end in periods:
        part = signals[(signals["date"] >= start) & (signals["date"] <= end)]
        k, n = int(part["stance"].isin(cool).sum()), len(part)
        lo, hi = wilson(k, n)
        rows.append({"Period": label, "From": start, "To": end, "Signals": n, "Distancing or critical": k,
                     "Share": k / n if n else float("nan"), "Low": lo, "High": hi})
    return pd.DataFrame(rows)


def draw_period_shares(shares: pd.DataFrame):
    fig, ax = plt.subplots(figsize=(10, 4.6))
    x = range(len(shares))
    ax.bar(x, shares["Share"], color=STANCE_COLOURS["distancing"], alpha=0.85, width=0.6)
    ax.errorbar(x, shares["Share"], yerr=[shares["Share"] - shares["Low"], shares["High"] - shares["Share"]],
                fmt="none", ecolor="#333333", capsize=5, lw=1.2)
    for i, r in shares.iterrows():
        ax.text(i, r["High"] + 0.02, f"{r['Distancing or critical']} of {r['Signals']}", ha="center", va="bottom",
                fontsize=9)
    ax.set_xticks(list(x), [textwrap.fill(p, 18) for p in shares["Period"]], fontsize=9)
    ax.set_ylabel("Share distancing or critical")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_ylim(0, min(1.0, float(shares["High"].max()) + 0.12))
    return fig, ax


def contact_by_half_year(visits: pd.DataFrame, weights: dict[str, int]) -> pd.DataFrame:
    """Rank-weighted senior contact with Pyongyang per half-year, China and Russia side by side."""
    v = visits.assign(weight=visits["visitor_rank"].astype(str).map(weights).fillna(0),
                      half=visits["start_date"].dt.year.astype(str) + "-H"
                      + ((visits["start_date"].dt.month > 6) + 1).astype(str))
    table = v.pivot_table(index="half", columns="pair", values="weight", aggfunc="sum", fill_value=0, observed=True)
    if len(table):  # every half-year the register spans, a half-year with no visit found drawn as zero
        years = range(int(table.index.min()[:4]), int(table.index.max()[:4]) + 1)
        halves = [f"{y}-H{h}" for y in years for h in (1, 2)]
        halves = [h for h in halves if table.index.min() <= h <= table.index.max()]
        table = table.reindex(halves, fill_value=0)
    return table.reindex(columns=["CHN-PRK", "PRK-RUS"], fill_value=0)


def tone_by_year(dprk: pd.DataFrame) -> pd.DataFrame:
    """Pyongyang's signals toward Beijing per year, by tone."""
    table = dprk.groupby([dprk["date"].dt.year, "tone"], observed=True).size().unstack(fill_value=0)
    return table.reindex(columns=["warm", "routine", "cool"], fill_value=0)


def draw_contact(table: pd.DataFrame, mark: str | None = None, mark_label: str = "article"):
    """Paired bars per half-year of rank-weighted contact with North Korea: China, then Russia; integer ticks."""
    fig, ax = plt.subplots(figsize=(10, 4.6))
    x = range(len(table))
    ax.bar([i - 0.2 for i in x], table["CHN-PRK"], width=0.4, color=STANCE_COLOURS["supportive"], label="China")
    ax.bar([i + 0.2 for i in x], table["PRK-RUS"], width=0.4, color=STANCE_COLOURS["critical"], label="Russia")
    ax.set_xticks(list(x), table.index, rotation=45, ha="right", fontsize=8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("Rank-weighted visits")
    if mark in table.index:
        i = list(table.index).index(mark)
        ax.axvline(i, color="#333333", ls="--", lw=1)
        ax.text(i + 0.1, ax.get_ylim()[1] * 0.92, mark_label, fontsize=8)
    ax.legend()
    return fig, ax
