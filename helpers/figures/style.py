"""The house chart style (matplotlib and plotly), figure saving, and the plotly renderer for the site.

- Okabe–Ito colours (safe for the common forms of colour blindness), one colour per country everywhere.
- `save_figure` writes figures/NAME.png and .svg byte-for-byte reproducibly (no dates, fixed SVG hash salt)
  with a source line and how far the datasets it draws reach on the figure, NAME.csv (the values drawn), and a
  NAME.json sidecar (caption, alt text, source, datasets drawn, notebook) from which the figure pack
  (figures/README.md) is generated. Run by hand, outside the
  build, a notebook writes its figures to _build/figures-by-hand/ instead.
- Plotly figures are shown as HTML that relies on one local copy of plotly.js per site (no CDN), plus the
  plotly JSON so JupyterLab still renders them interactively.
"""
from __future__ import annotations

import base64
import io
import itertools
import json
import os
import sys
import textwrap
import warnings

# In a notebook kernel, plotly's renderers import nbformat, whose validator imports jsonschema, which compiles a
# URI grammar at import (rfc3987_syntax, installed for JupyterLab's server) for its "iri" format check: about
# 2.5 s at every kernel start, for a check no notebook makes. Marked absent in kernels only, jsonschema skips that
# one check (it imports the module under `suppress(ImportError)`), and every notebook starts that much sooner.
if "ipykernel" in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
import plotly.io as pio  # noqa: E402
from IPython.display import HTML, display  # noqa: E402

from ..data import paths  # noqa: E402
from ..data.load import as_of  # noqa: E402
from ..data.meta import coverage_label  # noqa: E402
from ..data.schemas import DATASETS, REPORTER_KINDS  # noqa: E402

# Okabe & Ito (2008) palette.
OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000", "grey": "#999999",
}
COUNTRY_COLOURS = {
    "CHN": OKABE_ITO["vermillion"], "China": OKABE_ITO["vermillion"],
    "RUS": OKABE_ITO["blue"], "Russia": OKABE_ITO["blue"],
    "PRK": OKABE_ITO["black"], "North Korea": OKABE_ITO["black"],
    "KOR": OKABE_ITO["sky"], "South Korea": OKABE_ITO["sky"],
    "USA": OKABE_ITO["purple"], "United States": OKABE_ITO["purple"],
    "JPN": OKABE_ITO["orange"], "Japan": OKABE_ITO["orange"],
    "UKR": OKABE_ITO["yellow"], "World": OKABE_ITO["grey"],
}
CYCLE = [OKABE_ITO[k] for k in ("blue", "vermillion", "green", "orange", "sky", "purple", "yellow", "black",
                                 "grey")]

FONT = "DejaVu Sans"  # ships with matplotlib, so figures look the same on every machine


def use_house_style() -> None:
    plt.rcParams.update({
        "figure.figsize": (9, 5), "figure.dpi": 100, "savefig.dpi": 150,
        "font.family": FONT, "font.size": 10, "axes.titlesize": 13, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.6, "axes.axisbelow": True,
        "axes.prop_cycle": matplotlib.cycler(color=CYCLE), "legend.frameon": False,
        "svg.hashsalt": "triangle", "svg.fonttype": "path", "path.simplify": True,
    })
    template = go.layout.Template(pio.templates["simple_white"])
    template.layout.colorway = CYCLE
    template.layout.font = dict(family=f"{FONT}, Arial, sans-serif", size=13)
    template.layout.title = dict(x=0.0, xanchor="left", font=dict(size=17))
    template.layout.hoverlabel = dict(align="left")
    template.layout.margin = dict(l=60, r=30, t=80, b=120)
    pio.templates["triangle"] = template
    pio.templates.default = "triangle"
    pio.renderers["triangle"] = SiteRenderer()
    pio.renderers.default = "triangle"


def source_line(source: str, data) -> str:
    """The source, then how far the data drawn reach (`data`: the names of the datasets the chart draws)."""
    return f"Source: {source}. {coverage_label(_names(data))}."


def _names(data) -> tuple[str, ...]:
    """The dataset names a chart draws, checked: a footer names only datasets that exist, at least one."""
    names = (data,) if isinstance(data, str) else tuple(data or ())
    unknown = [n for n in names if n not in DATASETS]
    if not names or unknown:
        raise ValueError(f"data: found {unknown or 'nothing'}, expected the names of the datasets the chart draws "
                         f"(of {', '.join(DATASETS)})")
    return names


def chart_data(frame) -> str:
    """The values a chart draws as CSV text: a DataFrame or Series (its index kept unless it is the default
    0, 1, 2 ...), a list of row dicts, or a dict of those (one per panel or layer, stacked with a first column
    `part`).
    Dates are written as YYYY-MM-DD and the text is the same on every build."""
    import pandas as pd

    if isinstance(frame, dict):
        tables = {k: _as_frame(f) for k, f in frame.items()}
        parts = [t.reset_index(drop=_default_index(t)).assign(part=str(k)) for k, t in tables.items()]
        table = pd.concat(parts, ignore_index=True)
        table = table[["part", *[c for c in table.columns if c != "part"]]].convert_dtypes()  # counts stay whole
        return table.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    table = _as_frame(frame).convert_dtypes()  # whole numbers are written without '.0'
    return table.to_csv(index=not _default_index(table), lineterminator="\n", date_format="%Y-%m-%d")


def _as_frame(frame):
    import pandas as pd

    if isinstance(frame, pd.Series):
        return frame.to_frame(frame.name if frame.name is not None else "value")
    if isinstance(frame, pd.DataFrame):
        return frame
    if isinstance(frame, list) and all(isinstance(row, dict) for row in frame):
        return pd.DataFrame(frame)  # rows as records
    raise TypeError(f"frame: found {type(frame).__name__}, expected the DataFrame or Series the chart draws "
                    "(or a dict of them, or a list of row dicts)")


def _default_index(frame) -> bool:
    import pandas as pd

    index = frame.index
    return isinstance(index, pd.RangeIndex) and index.name is None and index.start == 0 and index.step == 1


def save_figure(fig, name: str, *, source: str, alt: str, data, frame, caption: str | None = None,
                show: bool = True, takeaway: str | None = None) -> None:
    """Save a matplotlib figure as NAME.png and .svg with a source line, then show it with alt text.

    `data`: the names of the datasets the chart draws; the footer says how far exactly those reach (so a new
    row in another dataset leaves this figure's files unchanged). `frame`: the values the chart draws (a
    DataFrame, a Series, or a dict of them per panel), written beside the figure as NAME.csv.
    Also writes slides/NAME.png, the figure laid out again at 16:9 (1920×1080 px) for slides.
    `takeaway`: the figure's point in one sentence, computed from the data; the figure pack lists it.
    An as-of build (what was known on a date, read on its own site) writes the PNG, CSV and sidecar only: the SVG
    and slide versions are made for the collection's own figures.

    The build writes into figures/ (TRIANGLE_FIGURES_DIR); a notebook run by hand writes into
    _build/figures-by-hand/ instead, so the committed figures change only when the build runs."""
    names = _names(data)
    table = chart_data(frame)
    source_text = fig.text(0.01, 0.01, source_line(source, names), ha="left", va="bottom", fontsize=8,
                           color="#555555", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    out = paths.figure_output_dir()  # never figures/ when run by hand
    out.mkdir(parents=True, exist_ok=True)
    full = as_of() is None
    fig.savefig(out / f"{name}.png", metadata={"Software": None})
    if full:
        fig.savefig(out / f"{name}.svg", metadata={"Date": None, "Creator": None})
    (out / f"{name}.csv").write_text(table, encoding="utf-8", newline="")
    title = caption or (fig.axes[0].get_title("left") or fig.axes[0].get_title() if fig.axes else name)
    sidecar = out / f"{name}.json"
    # Run by hand (JupyterLab), the build's notebook name is unknown: keep the one recorded before.
    notebook = os.environ.get("TRIANGLE_NOTEBOOK") or (
        json.loads(sidecar.read_text(encoding="utf-8")).get("notebook", "") if sidecar.exists() else "")
    if show:
        png = base64.b64encode(preview_png(fig)).decode()
        display(HTML(f'<figure class="triangle-figure"><img src="data:image/png;base64,{png}" '
                     f'alt="{_escape(alt)}" style="max-width:100%"></figure>'))
    meta = {"name": name, "caption": title, "alt": alt, "source": source, "cutoff": coverage_label(names),
            "data": list(names), "values": f"{name}.csv", "notebook": notebook}
    if full:  # an as-of build makes the PNG, values and sidecar only
        slides = _save_slides(fig, out / "slides", name, takeaway, source_text)
        meta["slide"] = slides[0]
        if len(slides) > 1:
            meta["slides"] = slides
    if takeaway:
        meta["takeaway"] = takeaway
    (out / f"{name}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    plt.close(fig)


SLIDE_INCHES = (12.8, 7.2)  # 1920×1080 pixels at the house 150 dpi
CREDIT = "Triangle Notebooks contributors, The China – North Korea – Russia triangle: research notebooks"
CREDIT_LINE = f"Chart: {CREDIT} (CC BY 4.0)."


def slide_parts(fig, *groups) -> None:
    """Mark a dense figure to be split into several slides, one per group of its axes (indices into
    `fig.axes`, e.g. `slide_parts(fig, [0], [1, 2])`); each slide lays its panels out again on its own."""
    fig.triangle_slide_parts = [list(g) for g in groups]


def _show_only(fig, shown: list[int]) -> dict:
    """Hide every axes but `shown` and give those the whole figure; returns what to restore."""
    axes = fig.axes
    specs = {i: ax.get_subplotspec() for i, ax in enumerate(axes)}
    grid = next(s for s in specs.values() if s is not None).get_gridspec()
    rows = sorted({r for i in shown for r in specs[i].rowspan})
    cols = sorted({c for i in shown for c in specs[i].colspan})
    heights, widths = grid.get_height_ratios() or [1] * grid.nrows, grid.get_width_ratios() or [1] * grid.ncols
    new = fig.add_gridspec(len(rows), len(cols), height_ratios=[heights[r] for r in rows],
                           width_ratios=[widths[c] for c in cols])
    saved = {"specs": specs, "visible": [ax.get_visible() for ax in axes], "legends": [], "labels": [],
             "grid": new}
    for i, ax in enumerate(axes):
        if i not in shown:
            ax.set_visible(False)
            continue
        rs, cs = specs[i].rowspan, specs[i].colspan
        ax.set_subplotspec(new[rows.index(rs.start):rows.index(rs.stop - 1) + 1,
                               cols.index(cs.start):cols.index(cs.stop - 1) + 1])
        if cs.start == cols[0] and not ax.yaxis.get_tick_params().get("labelleft", True):
            ax.yaxis.set_tick_params(labelleft=True)
            saved["labels"].append(ax)
    legends = [ax.get_legend() for ax in axes if ax.get_legend() is not None]
    first = axes[shown[0]]
    if legends and not any(axes[i].get_legend() for i in shown) and first.has_data():
        legend = legends[0]
        first.legend(handles=legend.legend_handles, labels=[t.get_text() for t in legend.get_texts()],
                     loc="upper left", fontsize=8, title=legend.get_title().get_text() or None, frameon=False)
        saved["legends"].append(first)
    return saved


def _restore(fig, saved: dict) -> None:
    for (i, spec), visible in zip(saved["specs"].items(), saved["visible"]):
        if spec is not None:
            fig.axes[i].set_subplotspec(spec)
        fig.axes[i].set_visible(visible)
    for ax in saved["labels"]:
        ax.yaxis.set_tick_params(labelleft=False)
    for ax in saved["legends"]:
        ax.get_legend().remove()


def _save_slides(fig, folder, name: str, takeaway: str | None, source=None) -> list[str]:
    """Lay the figure out again at 16:9 (a tall figure would not fit a slide) with its takeaway printed above
    and the credit line below the source, and save it as slides/NAME.png; a figure marked by `slide_parts` is
    split into slides/NAME-1.png, NAME-2.png ... Returns the slides' paths relative to the figures folder."""
    folder.mkdir(parents=True, exist_ok=True)
    fig.set_size_inches(*SLIDE_INCHES)
    size = source.get_fontsize() if source else None
    added = [fig.text(0.01, 0.003, CREDIT_LINE, ha="left", va="bottom", fontsize=10, color="#555555")]
    if source:
        source.set_fontsize(10.5)
        source.set_y(0.028)
    top = 1.0
    if takeaway:
        lines = textwrap.wrap(takeaway, 115)
        added.append(fig.text(0.01, 0.992, "\n".join(lines), ha="left", va="top", fontsize=13, color="#1a1a1a",
                              fontweight="bold"))
        top = 0.982 - 0.034 * len(lines)
    suptitle = fig._suptitle  # a figure-wide title sits under the takeaway
    if suptitle is not None:
        old_y = suptitle.get_position()[1]
        suptitle.set_y(top)
        suptitle.set_va("top")
        top -= 0.05
    parts = getattr(fig, "triangle_slide_parts", None)
    names = [f"slides/{name}.png"] if not parts else [f"slides/{name}-{k}.png" for k in range(1, len(parts) + 1)]
    for target, shown in zip(names, parts or [None]):
        saved = _show_only(fig, shown) if shown else None
        if saved:  # lay out only the panels on this slide (the hidden ones keep their own grid)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "This figure includes Axes that are not compatible")
                saved["grid"].tight_layout(fig, rect=(0, 0.075, 1, top))
        else:
            fig.tight_layout(rect=(0, 0.075, 1, top))
        fig.savefig(folder.parent / target, dpi=150, metadata={"Software": None})
        if saved:
            _restore(fig, saved)
    for text in added:
        text.remove()
    if suptitle is not None:
        suptitle.set_y(old_y)
    if source:
        source.set_fontsize(size)
    return names


def preview_png(fig) -> bytes:
    """The figure as shown on the page: 80 dpi, reduced to 256 colours (charts use few colours), which cuts
    the inline image to about a third and keeps every page within its size budget."""
    from PIL import Image

    buf, out = io.BytesIO(), io.BytesIO()
    fig.savefig(buf, format="png", dpi=80, metadata={"Software": None})
    image = Image.open(buf).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                                    dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


_plot_ids = itertools.count(1)


class SiteRenderer(pio.base_renderers.MimetypeRenderer):
    """HTML without plotly.js (the site ships one copy) plus plotly JSON for JupyterLab."""

    def to_mimebundle(self, fig_dict):
        div_id = f"triangle-plot-{next(_plot_ids)}"  # stable ids keep rebuilt pages byte-identical
        html = pio.to_html(fig_dict, include_plotlyjs=False, include_mathjax=False, full_html=False,
                           div_id=div_id, default_width="100%", default_height=520, validate=False,
                           config={"displaylogo": False, "responsive": True})
        alt = fig_dict.get("layout", {}).get("meta", {}) or {}
        label = _escape(alt.get("alt", "Interactive chart")) if isinstance(alt, dict) else "Interactive chart"
        html = f'<div class="triangle-plotly" role="img" aria-label="{label}">{html}</div>'
        bundle = pio.base_renderers.PlotlyRenderer().to_mimebundle(fig_dict)
        bundle["text/html"] = html
        return bundle


def finish_plotly(fig: go.Figure, *, title: str, source: str, alt: str, data, y_title: str | None = None,
                  x_title: str | None = None) -> go.Figure:
    """Give a plotly chart the house title, axis titles, a source line saying how far the datasets it draws
    (`data`: their names) reach, and alt text."""
    fig.update_layout(title=title, meta={"alt": alt})
    if y_title is not None:
        fig.update_yaxes(title=y_title)
    if x_title is not None:
        fig.update_xaxes(title=x_title)
    text = "<br>".join(textwrap.wrap(source_line(source, data), 110))  # long source lines would be clipped
    fig.add_annotation(text=text, xref="paper", yref="paper", x=0, y=-0.2, showarrow=False, align="left",
                       xanchor="left", yanchor="top", font=dict(size=11, color="#555555"))
    return fig


use_house_style()


def table(df, *, caption: str | None = None, formats: dict | None = None) -> HTML:
    """A table as readers expect it: no pandas index, blanks instead of NaN, thousands separators, a caption."""
    floats = [c for c in df.columns if df[c].dtype.kind == "f"]  # years and counts stay plain integers
    sty = df.style.hide(axis="index").format(precision=1, thousands=",", na_rep="", subset=floats)
    if formats:
        sty = sty.format(formats, na_rep="")
    if caption:
        sty = sty.set_caption(caption)
    return HTML(sty.set_table_attributes('class="triangle-table"').to_html())


def count_axis(axis) -> None:
    """An axis of counts: whole-number ticks with thousands separators (e.g. `count_axis(ax.yaxis)`)."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(lambda v, _: f"{v:,.0f}")


# Shared chart pieces (used by more than one subject's charts) -------------------------------------------------

def date_axis(ax) -> None:
    """Quarterly ticks labelled month and year: the time axis of the troop and transfer charts."""
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))


# Who said it: the kind of body behind a troop or transfer figure (`reporter_kind`, rule in data/README.md), as the
# colours, labels and legend handles every chart that groups figures by reporter uses.

KIND_LABELS = {
    "government": "Government", "military": "Military / defence ministry", "intelligence": "Intelligence service",
    "multilateral": "Multilateral body", "party_to_war": "Party to the war",
    "research": "Research institute", "news": "News outlet", "company": "Company",
}
KIND_COLOURS = {
    "government": OKABE_ITO["blue"], "military": OKABE_ITO["green"], "intelligence": OKABE_ITO["purple"],
    "multilateral": OKABE_ITO["orange"], "party_to_war": OKABE_ITO["vermillion"], "research": OKABE_ITO["sky"],
    "news": OKABE_ITO["grey"], "company": OKABE_ITO["yellow"],
}
assert set(KIND_LABELS) == set(KIND_COLOURS) == set(REPORTER_KINDS)


def edge(kind: str) -> str:
    """Marker edge: yellow needs a darker outline to be seen on white."""
    return "#8a7f00" if KIND_COLOURS[kind] == OKABE_ITO["yellow"] else KIND_COLOURS[kind]


def kinds_in(*frames) -> list[str]:
    """The kinds present in the frames' `reporter_kind`, in the codebook's order."""
    found = set().union(*(set(f["reporter_kind"].astype(str)) for f in frames))
    return [k for k in REPORTER_KINDS if k in found]


def kind_handles(kinds, **style) -> list:
    """Legend entries, one per kind (a filled circle unless `style` says otherwise)."""
    style = {"marker": "o", "ls": "", **style}
    return [plt.Line2D([], [], color=KIND_COLOURS[k], mec=edge(k), label=KIND_LABELS[k], **style) for k in kinds]


# Labels that keep clear of the data: each is tried at a few positions (in points from its point) next to the point
# first, then farther off with a thin leader line, and goes to the first that touches nothing.
NEAR_ABOVE = [(0, 8), (-8, 6), (8, 6)]
NEAR_OTHER = [(0, -9), (9, -4), (-9, -4), (9, 0), (-9, 0)]
FAR = [(0, -26), (-30, -24), (30, -24), (0, -42), (-40, -40), (40, -40), (0, 26), (-30, 24), (30, 24), (-40, 40),
       (40, 40)]
LEADER = 12  # points: a label set farther off than this from its point gets a leader line


def place_labels(ax, labels, *, points, lines=(), fontsize: float = 8) -> None:
    """Annotate each (text, x, y, prefer_above) at the first candidate position whose text box stays inside the
    axes and touches no point in `points`, line in `lines`, legend, text already on the axes or label placed before
    it; a label next to its point must also be nearer it than any other point (so it cannot be read as another's).
    Falls back to the first candidate if every one collides. Lay the figure out before calling (positions are
    measured in pixels)."""
    import matplotlib.transforms as mtransforms
    import numpy as np

    renderer = ax.figure.canvas.get_renderer()
    dots = ax.transData.transform([(_num(x), y) for x, y in points]) if len(points) else np.empty((0, 2))
    radius = 5 * ax.figure.dpi / 72  # a marker and a little air, in pixels
    obstacles = [mtransforms.Bbox.from_extents(px - radius, py - radius, px + radius, py + radius) for px, py in dots]
    obstacles += [t.get_window_extent(renderer) for t in ax.texts if t.get_text()]
    if ax.get_legend() is not None:
        obstacles.append(ax.get_legend().get_window_extent(renderer))
    paths = [_drawn_path(line) for line in lines]
    inside = ax.get_window_extent(renderer)
    for text, x, y, above in labels:
        own = ax.transData.transform([(_num(x), y)])[0]
        others = [p for p in dots if not np.allclose(p, own)]
        near = NEAR_ABOVE + NEAR_OTHER if above else NEAR_OTHER + NEAR_ABOVE
        choice = near[0]
        for dx, dy in near + FAR:
            ann = _annotate(ax, text, x, y, dx, dy, fontsize, leader=False)
            box = ann.get_window_extent(renderer).padded(2)
            ann.remove()
            if (inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1)
                    and not any(box.overlaps(o) for o in obstacles)
                    and not any(p.intersects_bbox(box, filled=False) for p in paths)
                    and (max(abs(dx), abs(dy)) > LEADER or not others
                         or 1.5 * _gap(box, own) < min(_gap(box, p) for p in others))):
                choice = (dx, dy)
                break
        dx, dy = choice
        box = _annotate(ax, text, x, y, dx, dy, fontsize, leader=False)
        obstacles.append(box.get_window_extent(renderer).padded(2))
        box.remove()
        _annotate(ax, text, x, y, dx, dy, fontsize, leader=max(abs(dx), abs(dy)) > LEADER)


def _num(x) -> float:
    """A date as matplotlib's number for it; a number as it is."""
    import datetime

    import matplotlib.dates as mdates

    return mdates.date2num(x) if isinstance(x, (datetime.date, datetime.datetime)) else x


def _gap(box, point) -> float:
    """Pixels from a point to a box (0 inside it)."""
    import math

    return math.hypot(max(box.x0 - point[0], 0, point[0] - box.x1), max(box.y0 - point[1], 0, point[1] - box.y1))


def _annotate(ax, text, x, y, dx, dy, fontsize, *, leader: bool):
    """A label `dx, dy` points from (x, y), aligned away from the point, with a thin leader line if asked."""
    return ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                       ha="center" if dx == 0 else ("left" if dx > 0 else "right"),
                       va="center" if dy == 0 else ("bottom" if dy > 0 else "top"),
                       arrowprops=dict(arrowstyle="-", color="#777777", lw=0.6, shrinkA=1, shrinkB=4) if leader
                       else None)


def _drawn_path(line):
    """A line as drawn on the figure (steps included), in display coordinates."""
    import numpy as np
    from matplotlib import cbook
    from matplotlib.path import Path

    x, y = line.get_xydata().T
    step = cbook.STEP_LOOKUP_MAP[line.get_drawstyle()]
    return Path(line.get_transform().transform(np.column_stack(step(x, y))))
