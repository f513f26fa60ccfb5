"""The claims ledger as readers see it (notebook 0): HTML cells for a verdict with its flip and the rows it rests
on, the measurement plan of a claim, and the grid of verdicts. Takes claims and verdicts as given (any object
with the ledger's attributes), so it imports nothing from the analysis room."""
from __future__ import annotations

import html

import matplotlib.pyplot as plt

from .style import OKABE_ITO

COLOURS = {"Supported": OKABE_ITO["green"], "Partly supported": OKABE_ITO["orange"],
           "Not supported": OKABE_ITO["vermillion"], "Not yet testable": OKABE_ITO["grey"],
           "Not enough data": "#bbbbbb"}
DARK_TEXT = ("Partly supported", "Not enough data")


def rows_list(v) -> str:
    """A folded list of the rows a verdict rests on: id, date, label, the source's words, a link."""
    if not v.rows:
        return ""
    items = "".join(
        f"<li>{html.escape(r['id'])} ({html.escape(r['date'])}): {html.escape(r['label'])}"
        + (f" — <q>{html.escape(r['quote'][:160])}{'…' if len(r['quote']) > 160 else ''}</q>" if r["quote"] else "")
        + (f" <a href='{html.escape(r['url'])}'>source</a>" if r["url"] else "") + "</li>" for r in v.rows)
    return (f"<details><summary>The {len(v.rows)} row(s) it rests on</summary><ul class='verdict-rows'>{items}"
            "</ul></details>")


def verdict_cell(v) -> str:
    return (f"<strong>{v.verdict}</strong><br><small>{html.escape(v.evidence)}</small>"
            f"<br><small><em>Would flip:</em> {html.escape(v.flip)}</small>{rows_list(v)}")


def plan(c, reach: str) -> str:
    """The claim's measurement plan, folded: the article's words, our reading, rule, baseline, what counts against."""
    return (f"<details><summary>Measurement plan</summary><small><em>The article:</em> {html.escape(c.words)}<br>"
            f"<em>Our reading:</em> {html.escape(c.reading)}<br><em>Rule:</em> {html.escape(c.main.description)}<br>"
            f"<em>Baseline and thresholds:</em> {html.escape(c.baseline)}<br>"
            f"<em>Would count against it:</em> {html.escape(c.main.against or c.against)}<br>"
            f"<em>Data to:</em> {html.escape(reach)}</small></details>")


def verdict_grid(groups: dict[str, list], then: dict, now: dict, then_label: str, now_label: str):
    """Claims in groups (title -> claims), each with a coloured verdict on two dates. Returns (fig, ax)."""
    n = sum(len(cs) for cs in groups.values())
    fig, ax = plt.subplots(figsize=(11, 6))
    y = n + 0.4
    for title, claims in groups.items():
        y -= 0.6
        ax.text(-1.43, y, title, ha="left", va="center", fontsize=9.5, fontweight="bold")
        for c in claims:
            y -= 1
            ax.text(-0.02, y, f"{c.claim_id}  {c.text[:70]}{'…' if len(c.text) > 70 else ''}", ha="right",
                    va="center", fontsize=9)
            for x, verdicts in ((0, then), (1, now)):
                v = verdicts[c.claim_id].verdict
                ax.add_patch(plt.Rectangle((x * 0.5 + 0.01, y - 0.4), 0.47, 0.8, color=COLOURS[v]))
                ax.text(x * 0.5 + 0.245, y, v, ha="center", va="center", fontsize=9,
                        color="black" if v in DARK_TEXT else "white", fontweight="bold")
    top = n + 0.5
    ax.text(0.245, top, then_label, ha="center", va="bottom", fontsize=9)
    ax.text(0.745, top, now_label, ha="center", va="bottom", fontsize=9)
    ax.set_xlim(-1.45, 1.0)
    ax.set_ylim(y - 0.6, top + 0.9)
    ax.axis("off")
    return fig, ax
