"""Maps drawn offline from the Natural Earth extracts in data/geo/ (no tiles, no topojson, nothing fetched).

Country outlines are clipped to each map's frame and simplified, then drawn as matplotlib patches for the
figure pack and as plotly Scatter polygons (float32 arrays, so the page stays small) on an axis whose aspect
matches the latitude. Places come from data/places.csv; launch sites from data/missile_launches.csv.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..data import paths
from ..data.load import record_read
from .style import OKABE_ITO, save_figure

SEA, LAND, FOCUS, BORDER = "#eaf2f8", "#f4f4f1", "#e2e0d8", "#9a9a9a"
CREDIT = "Base map: Natural Earth 1:50m (public domain), de facto boundaries"
# Cartographic labels (not data): where each sea's name is written on the maps that show it.
SEA_LABELS = {"Sea of Japan\n(East Sea)": (133.2, 39.6), "Yellow Sea": (124.0, 36.3)}
ROLE_STYLE = {  # marker, colour
    "arms_route": ("s", OKABE_ITO["vermillion"]), "oil_route": ("D", OKABE_ITO["blue"]),
    "troops": ("^", OKABE_ITO["black"]), "china_border": ("o", OKABE_ITO["orange"])}
PLOTLY_SYMBOL = {"s": "square", "D": "diamond", "^": "triangle-up", "o": "circle"}


@dataclass(frozen=True)
class Frame:
    west: float
    east: float
    south: float
    north: float
    focus: tuple[str, ...] = ("PRK",)  # countries filled a shade darker

    @property
    def aspect(self) -> float:
        """Stretch of latitude against longitude that keeps shapes true at the frame's middle."""
        return 1 / math.cos(math.radians((self.south + self.north) / 2))

    def contains(self, lon, lat):
        return (lon >= self.west) & (lon <= self.east) & (lat >= self.south) & (lat <= self.north)


def _geo(name: str) -> dict:
    path = paths.data_dir() / "geo" / name
    record_read(path)  # the build re-runs a map's notebook when its base map changes
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _rings() -> tuple[tuple[str, np.ndarray], ...]:
    out = []
    for feature in _geo("eurasia_countries_50m.geojson")["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out += [(feature["properties"]["iso3"], np.asarray(poly[0], dtype=float)) for poly in polys]
    return tuple(out)


def _clip(ring: np.ndarray, f: Frame) -> np.ndarray:
    """Sutherland–Hodgman clipping of a polygon to the frame's rectangle."""
    pts = list(map(tuple, ring))
    for inside, cut in ((lambda p: p[0] >= f.west, lambda a, b: _at_x(a, b, f.west)),
                        (lambda p: p[0] <= f.east, lambda a, b: _at_x(a, b, f.east)),
                        (lambda p: p[1] >= f.south, lambda a, b: _at_y(a, b, f.south)),
                        (lambda p: p[1] <= f.north, lambda a, b: _at_y(a, b, f.north))):
        src, pts = pts, []
        for a, b in zip(src[-1:] + src[:-1], src):
            if inside(b):
                if not inside(a):
                    pts.append(cut(a, b))
                pts.append(b)
            elif inside(a):
                pts.append(cut(a, b))
        if not pts:
            break
    return np.asarray(pts, dtype=float).reshape(-1, 2)


def _at_x(a, b, x):
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(a, b, y):
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def _simplify(ring: np.ndarray, tol: float) -> np.ndarray:
    """Douglas–Peucker: keep the points that move the outline by more than `tol` degrees."""
    if len(ring) < 3:
        return ring
    keep = np.zeros(len(ring), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        seg, rel = ring[j] - ring[i], ring[i + 1:j] - ring[i]
        norm = np.hypot(*seg)
        dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm if norm else np.hypot(rel[:, 0], rel[:, 1])
        k = int(np.argmax(dist))
        if dist[k] > tol:
            keep[i + 1 + k] = True
            stack += [(i, i + 1 + k), (i + 1 + k, j)]
    return ring[keep]


@lru_cache(maxsize=None)
def outlines(frame: Frame, tol: float = 0.02) -> tuple[tuple[str, np.ndarray], ...]:
    """(iso3, ring) for every country part inside the frame, clipped and simplified; specks dropped."""
    out = []
    for iso3, ring in _rings():
        lon, lat = ring[:, 0], ring[:, 1]
        if lon.max() < frame.west or lon.min() > frame.east or lat.max() < frame.south or lat.min() > frame.north:
            continue
        part = _simplify(_clip(ring, frame), tol)
        area = 0.5 * abs(np.dot(part[:, 0], np.roll(part[:, 1], 1)) - np.dot(part[:, 1], np.roll(part[:, 0], 1)))
        if len(part) >= 4 and area > tol ** 2 * 4:
            out.append((iso3, part))
    return tuple(out)


def towns(frame: Frame, classes=("Admin-0 capital", "Admin-1 capital")) -> pd.DataFrame:
    """Natural Earth populated places inside the frame, for orientation (capitals of countries and provinces)."""
    rows = [{"name": f["properties"]["name"], "lon": f["geometry"]["coordinates"][0],
             "lat": f["geometry"]["coordinates"][1], "capital": f["properties"]["capital"]}
            for f in _geo("eurasia_places_50m.geojson")["features"]]
    df = pd.DataFrame(rows)
    return df[frame.contains(df["lon"], df["lat"]) & df["capital"].isin(classes)].reset_index(drop=True)


def draw_base(ax, frame: Frame, *, country_labels: dict | None = None, town_labels: bool = True) -> None:
    """Sea, land, borders, orientation towns and labels on a matplotlib axis, with the right aspect."""
    from matplotlib.patches import Polygon

    ax.set_facecolor(SEA)
    for iso3, ring in outlines(frame):
        ax.add_patch(Polygon(ring, closed=True, facecolor=FOCUS if iso3 in frame.focus else LAND,
                             edgecolor=BORDER, linewidth=0.6, zorder=1))
    for name, (lon, lat) in {**SEA_LABELS, **(country_labels or {})}.items():
        if frame.contains(lon, lat):
            sea = name in SEA_LABELS
            ax.text(lon, lat, name, ha="center", va="center", fontsize=8 if sea else 9, zorder=2,
                    color="#5b7f99" if sea else "#777777", style="italic" if sea else "normal")
    if town_labels:
        t = towns(frame)
        ax.scatter(t["lon"], t["lat"], s=6, color="#888888", zorder=2)
        for _, row in t.iterrows():
            ax.annotate(row["name"], (row["lon"], row["lat"]), xytext=(3, -8), textcoords="offset points",
                        fontsize=7, color="#777777", zorder=2)
    ax.set_xlim(frame.west, frame.east)
    ax.set_ylim(frame.south, frame.north)
    ax.set_aspect(frame.aspect)
    ax.grid(False)
    ax.tick_params(labelsize=7, length=2)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}°E"))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}°N"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)


def _nan_joined(rings) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for ring in rings:
        xs += [ring[:, 0], [np.nan]]
        ys += [ring[:, 1], [np.nan]]
    # float32 with 0.001° precision: plotly ships these as compact binary arrays
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys).astype(np.float32)


def plotly_base(fig: go.Figure, frame: Frame, *, row=None, col=None, tol: float = 0.04) -> None:
    """Land polygons (one trace per shade) and orientation towns on a plotly subplot, aspect as the latitude."""
    parts = outlines(frame, tol)
    for shade, rings in ((LAND, [r for iso, r in parts if iso not in frame.focus]),
                         (FOCUS, [r for iso, r in parts if iso in frame.focus])):
        if rings:
            x, y = _nan_joined(rings)
            fig.add_trace(go.Scatter(x=x, y=y, mode="lines", fill="toself", fillcolor=shade, hoverinfo="skip",
                                     line=dict(color=BORDER, width=0.6), showlegend=False), row=row, col=col)
    t = towns(frame)
    fig.add_trace(go.Scatter(x=t["lon"], y=t["lat"], mode="markers+text", text=t["name"], textposition="bottom right",
                             textfont=dict(size=10, color="#888888"), marker=dict(size=4, color="#999999"),
                             hovertemplate="%{text} (Natural Earth)<extra></extra>", showlegend=False),
                  row=row, col=col)
    kw = dict(row=row, col=col) if row else {}
    fig.update_xaxes(range=[frame.west, frame.east], showgrid=False, zeroline=False, ticksuffix="°E",
                     constrain="domain", **kw)
    fig.update_yaxes(range=[frame.south, frame.north], showgrid=False, zeroline=False, ticksuffix="°N",
                     scaleratio=frame.aspect, constrain="domain", **kw)
    xaxis = fig.get_subplot(row, col).xaxis.plotly_name if row else "xaxis"
    fig.update_yaxes(scaleanchor=xaxis.replace("axis", ""), **kw)
    fig.update_layout(plot_bgcolor=SEA)


def launch_sites(launches: pd.DataFrame, split_year: int = 2022) -> pd.DataFrame:
    """One row per launch site: missiles fired, by type and before/after `split_year`, main type, sources."""
    df = launches.dropna(subset=["lat", "lon"]).assign(missile_type=lambda d: d["missile_type"].astype(str))
    keys = ["launch_site", "lat", "lon"]
    sites = df.groupby(keys).agg(missiles=("launch_id", "size"), first=("date", "min"), last=("date", "max"))
    sites["before"] = df[df["date"].dt.year < split_year].groupby(keys).size()
    sites["after"] = df[df["date"].dt.year >= split_year].groupby(keys).size()
    types = df.groupby(keys + ["missile_type"]).size().unstack(fill_value=0)
    sites["main_type"] = types.idxmax(axis=1)  # first column among ties, so stable
    sites["types"] = types.apply(lambda r: ", ".join(f"{t} {n}" for t, n in r.sort_values(ascending=False,
                                                                                           kind="stable").items() if n), axis=1)
    sites["sources"] = df.groupby(keys)["source_name"].agg(lambda s: "; ".join(sorted(set(s))))
    return sites.fillna({"before": 0, "after": 0}).astype({"before": int, "after": int}).reset_index()


def bubble_size(count, largest: float, area: float = 900.0):
    """Marker area in points² proportional to the count (the largest gets `area`)."""
    return np.asarray(count, dtype=float) / largest * area


def launch_site_figure(sites: pd.DataFrame, colours: dict, frame: Frame, *, split_year: int = 2022, labels=None):
    """Two panels (before / from `split_year`): bubbles sized by missiles fired, coloured by each site's main type."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 5.6))
    largest = max(sites["before"].max(), sites["after"].max())
    for ax, col, title in ((axes[0], "before", f"{sites['first'].min():%Y}–{split_year - 1}"),
                           (axes[1], "after", f"{split_year}–{sites['last'].max():%Y}")):
        draw_base(ax, frame, country_labels=labels, town_labels=False)
        part = sites[sites[col] > 0].sort_values(col, ascending=False, kind="stable")
        ax.scatter(part["lon"], part["lat"], s=bubble_size(part[col], largest),
                   c=[colours[t] for t in part["main_type"]], alpha=0.75, edgecolor="white", linewidth=0.6, zorder=3)
        ax.set_title(f"{title}: {int(part[col].sum())} missiles from {len(part)} sites", fontsize=10)
    for t in [t for t in colours if t in set(sites["main_type"])]:
        axes[1].scatter([], [], color=colours[t], label=t, s=40)
    for n in (10, 50):
        axes[1].scatter([], [], s=bubble_size(n, largest), facecolor="none", edgecolor="#555555", label=f"{n} missiles")
    axes[1].legend(loc="upper left", bbox_to_anchor=(0.55, 0.56), fontsize=7, title="Main type at site",
                   title_fontsize=7, frameon=True, labelspacing=1.3, borderpad=0.8)  # over the open sea
    return fig


def launch_site_plotly(sites: pd.DataFrame, colours: dict, frame: Frame, source: str) -> go.Figure:
    """Interactive launch-site map: one trace per main type; hover gives counts by type and period, and sources."""
    fig = go.Figure()
    plotly_base(fig, frame)
    largest = sites["missiles"].max()
    for t in [t for t in colours if t in set(sites["main_type"])]:
        part = sites[sites["main_type"] == t]
        custom = np.stack([part["missiles"], part["types"], part["before"], part["after"],
                           part["first"].dt.strftime("%b %Y"), part["last"].dt.strftime("%b %Y"),
                           part["sources"]], axis=1)
        fig.add_trace(go.Scatter(
            x=part["lon"], y=part["lat"], mode="markers", name=t, text=part["launch_site"], customdata=custom,
            marker=dict(size=np.sqrt(bubble_size(part["missiles"], largest, 1600)), color=colours[t], opacity=0.75,
                        line=dict(color="white", width=0.6)),
            hovertemplate="<b>%{text}</b><br>%{customdata[0]} missiles: %{customdata[1]}<br>before 2022: "
                          "%{customdata[2]}, from 2022: %{customdata[3]}<br>%{customdata[4]} to %{customdata[5]}"
                          f"<br>Source: %{{customdata[6]}} ({source})<extra></extra>"))
    fig.update_layout(height=620, legend=dict(title="Main type at site"))
    return fig


def named_rows(places: pd.DataFrame, df: pd.DataFrame, cols) -> dict[str, pd.DataFrame]:
    """For each place, the rows of `df` whose text columns name it (any of its `other_names`, whole words)."""
    text = df[list(cols)].fillna("").astype(str).agg(" ".join, axis=1)
    out = {}
    for _, p in places.iterrows():
        names = [n.strip() for n in _text(p["other_names"]).split(";") if n.strip()]
        pattern = r"\b(?:" + "|".join(map(_escape_re, names)) + r")\b"  # no capture group: no pandas warning
        out[p["place_id"]] = df[text.str.contains(pattern, case=False, regex=True)] if names else df.iloc[:0]
    return out


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _escape_re(name: str) -> str:
    import re
    return re.escape(name)


def km_between(a, b) -> float:
    """Great-circle distance in km between two (lon, lat) points."""
    (lon1, lat1), (lon2, lat2) = np.radians(a), np.radians(b)
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0 * np.arcsin(np.sqrt(h)))


def _links(places: pd.DataFrame):
    """(from row, to row) for every link the places table records whose both ends are in `places`."""
    by_id = places.set_index("place_id")
    for _, p in places.iterrows():
        for target in _text(p["links_to"]).split(";"):
            if target in by_id.index:
                yield p, by_id.loc[target]


def _off_frame(frame: Frame, a, b, share: float = 0.25):
    """A short segment from `a` toward `b` (b outside the frame), as (start, end) inside the frame."""
    d = np.array([b[0] - a[0], (b[1] - a[1]) * frame.aspect])
    d = d / np.hypot(*d) * (frame.east - frame.west) * share
    return a, (a[0] + d[0], a[1] + d[1] / frame.aspect)


def _grouped_labels(part: pd.DataFrame, notes: dict) -> pd.DataFrame:
    """One label per map position (two roles of one port share a point), keyed by its first place_id."""
    lab = part.assign(label=[f"{n}\n{notes[i]}" if notes.get(i) else n for n, i in zip(part["name"], part["place_id"])])
    return lab.groupby(["lon", "lat"], sort=False).agg(label=("label", "\n".join),
                                                       place_id=("place_id", "first")).reset_index()


def places_figure(places: pd.DataFrame, panels, *, notes=None, sizes=None, labels=None, offsets=None,
                  figsize=(10, 5.6)):
    """Panels of places by role with the route lines the sources give (`links_to`); a route leaving a panel is
    drawn as a short arrow toward its end, labelled with the end and the straight-line distance.
    `offsets` moves a place's label: place_id -> (dx, dy) in points (negative dx puts the label on the left)."""
    notes, sizes, offsets = notes or {}, sizes or {}, offsets or {}
    ratios = [(f.east - f.west) / ((f.north - f.south) * f.aspect) for _, f in panels]  # equal panel heights
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, squeeze=False, gridspec_kw={"width_ratios": ratios})
    for ax, (title, frame) in zip(axes[0], panels):
        draw_base(ax, frame, country_labels=labels)
        inside = places[frame.contains(places["lon"], places["lat"])]
        for src, dst in _links(places):
            a, b = (src["lon"], src["lat"]), (dst["lon"], dst["lat"])
            colour = ROLE_STYLE[src["role"]][1]
            if frame.contains(*a) and frame.contains(*b):
                ax.annotate("", xy=b, xytext=a, zorder=3, arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.4,
                                                                          connectionstyle="arc3,rad=0.08"))
            elif frame.contains(*a):
                start, end = _off_frame(frame, a, b)
                ax.annotate("", xy=end, xytext=start, zorder=3,
                            arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.2, ls="--"))
                ax.annotate(f"to {dst['name']}\n{km_between(a, b):,.0f} km away", end, xytext=(0, 5),
                            textcoords="offset points", fontsize=7, color=colour, zorder=5, va="bottom",
                            ha="right" if end[0] < start[0] else "left")
        for role, (marker, colour) in ROLE_STYLE.items():
            part = inside[inside["role"] == role]
            area = [sizes.get(i, 60) for i in part["place_id"]]
            ax.scatter(part["lon"], part["lat"], s=area, marker=marker, color=colour, edgecolor="white", zorder=4,
                       alpha=0.9)
        for _, row in _grouped_labels(inside, notes).iterrows():
            dx, dy = offsets.get(row["place_id"], (6, 4))
            ax.annotate(row["label"], (row["lon"], row["lat"]), xytext=(dx, dy), textcoords="offset points",
                        ha="right" if dx < 0 else "left", va="center", fontsize=7.5, zorder=5,
                        bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.75))
        ax.set_title(title, fontsize=10)
    roles = [r for r in ROLE_STYLE if r in set(places["role"])]  # fixed-size legend markers, whatever the sizes
    handles = [plt.Line2D([], [], marker=ROLE_STYLE[r][0], color=ROLE_STYLE[r][1], ls="", markersize=7,
                          label=r.replace("_", " ")) for r in roles]
    axes[0][-1].legend(handles=handles, loc="lower right", fontsize=7, frameon=True)
    return fig


def _hover(p: pd.Series, note: str) -> str:
    date = "" if pd.isna(p["source_date"]) else f", {p['source_date']:%-d %b %Y}"
    return (f"<b>{p['name']}</b><br>{p['kind'].replace('_', ' ')} · {p['role'].replace('_', ' ')}"
            + (f"<br>{note}" if note else "") + f"<br>Source: {p['source_name']}{date}<br>{p['source_url']}"
            f"<br>Coordinates ({p['coord_precision']}): {p['coord_source_name']}")


def places_plotly(places: pd.DataFrame, panels, *, notes=None, sizes=None, height=560) -> go.Figure:
    """The interactive twin of `places_figure`: hover gives each place's role, reported figures and sources."""
    notes, sizes = notes or {}, sizes or {}
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[t for t, _ in panels], horizontal_spacing=0.06)
    shown = set()
    for col, (_, frame) in enumerate(panels, start=1):
        plotly_base(fig, frame, row=1, col=col)
        for src, dst in _links(places):
            a, b = (src["lon"], src["lat"]), (dst["lon"], dst["lat"])
            if not frame.contains(*a):
                continue
            end = b if frame.contains(*b) else _off_frame(frame, a, b)[1]
            tip = f"{src['name']} → {dst['name']} ({km_between(a, b):,.0f} km in a straight line)"
            fig.add_trace(go.Scatter(x=[a[0], end[0]], y=[a[1], end[1]], mode="lines", hovertext=[tip, tip],
                                     hoverinfo="text", showlegend=False, line=dict(
                                         color=ROLE_STYLE[src["role"]][1], width=2,
                                         dash="solid" if frame.contains(*b) else "dash")), row=1, col=col)
        inside = places[frame.contains(places["lon"], places["lat"])]
        for role, (marker, colour) in ROLE_STYLE.items():
            part = inside[inside["role"] == role]
            if len(part):
                fig.add_trace(go.Scatter(
                    x=part["lon"], y=part["lat"], mode="markers", name=role.replace("_", " "),
                    showlegend=role not in shown, legendgroup=role,
                    hovertext=[_hover(p, notes.get(p["place_id"], "")) for _, p in part.iterrows()], hoverinfo="text",
                    marker=dict(symbol=PLOTLY_SYMBOL[marker], color=colour, line=dict(color="white", width=0.8),
                                size=[math.sqrt(sizes.get(i, 60)) * 1.3 for i in part["place_id"]])), row=1, col=col)
                shown.add(role)
    fig.update_layout(height=height)
    return fig


def save_map(fig, name: str, *, alt: str, **kw) -> None:
    """save_figure for a map: the house figure files, and the page's 256-colour preview (see style.preview_png)."""
    save_figure(fig, name, alt=alt, **kw)
