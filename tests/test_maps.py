"""Maps: the places table's coordinates match what their sources print, the map figures are in the build and
the figure pack, pages carry the map plots and fetch nothing, and a map renders byte-identically twice."""
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, read_csv

MAP_FIGURES = {"missiles_launch_sites_map": "02-missiles", "troops_deployment_map": "03-troops",
               "transfers_routes_map": "04-arms-for-oil", "beijing_border_crossings_map": "07-beijing"}
# Plotly traces that draw on a geo or tile map, which plotly.js fills by fetching topojson or tiles.
FETCHING_TRACES = {"scattergeo", "choropleth", "scattermapbox", "choroplethmapbox", "densitymapbox", "scattermap",
                   "choroplethmap", "densitymap"}
REMOTE_MAP = re.compile(r"topojson|tile\.openstreetmap|mapbox://|api\.mapbox", re.I)


def trace_types(html: str) -> list[str]:
    """The type of every trace of every plotly chart on a page (read from the data array, not the template)."""
    decoder, types = json.JSONDecoder(), []
    for m in re.finditer(r'Plotly\.newPlot\(\s*"[^"]+",\s*', html):
        data, _ = decoder.raw_decode(html, m.end())
        types += [trace.get("type", "scatter") for trace in data]
    return types


def to_degrees(text: str) -> list[float]:
    """Every coordinate in a source's own notation (decimal or degrees–minutes–seconds), in decimal degrees."""
    dms = re.findall(r"(\d+(?:\.\d+)?)\s*°\s*(?:(\d+(?:\.\d+)?)\s*['′]\s*)?(?:(\d+(?:\.\d+)?)\s*[\"″]\s*)?",
                     text)
    if any(m or s for _, m, s in dms):
        return [float(d) + float(m or 0) / 60 + float(s or 0) / 3600 for d, m, s in dms]
    return [float(v) for v in re.findall(r"\d+\.\d+", text)]


def test_to_degrees_reads_both_notations():
    assert to_degrees("42°25′18″N 130°36′09″E") == pytest.approx([42.42167, 130.6025], abs=1e-4)
    assert to_degrees("42°44′N,133°04′E") == pytest.approx([42.7333, 133.0667], abs=1e-4)
    assert to_degrees("40°6'59.178\" N 124°23'26.083\" E") == pytest.approx([40.11644, 124.39058], abs=1e-4)
    assert to_degrees("42.34000; 130.38972") == [42.34, 130.38972]


def test_place_coordinates_match_their_quoted_source():
    rows = read_csv("places")
    assert len(rows) >= 12
    for row in rows:
        lat, lon = to_degrees(row["coord_quote"])[:2]
        assert float(row["lat"]) == pytest.approx(lat, abs=0.005), row["place_id"]
        assert float(row["lon"]) == pytest.approx(lon, abs=0.005), row["place_id"]


def test_place_links_point_at_places():
    rows = read_csv("places")
    ids = {r["place_id"] for r in rows}
    for row in rows:
        for target in filter(None, row["links_to"].split(";")):
            assert target in ids and target != row["place_id"], row["place_id"]


def test_map_figures_built_with_sources_and_in_the_pack(site):
    pack = (site.figures / "README.md").read_text(encoding="utf-8")
    for name, notebook in MAP_FIGURES.items():
        assert (site.figures / f"{name}.png").exists() and (site.figures / f"{name}.svg").exists(), name
        meta = (site.figures / f"{name}.json").read_text(encoding="utf-8")
        assert "Natural Earth" in meta and notebook in meta, name
        assert f"`{name}.png`" in pack, name


def test_pages_show_maps_and_load_nothing_for_them(site):
    for notebook in sorted(set(MAP_FIGURES.values())):
        html = (site.html / "notebooks" / f"{notebook}.html").read_text(encoding="utf-8")
        assert re.search(r'<img[^>]*alt="(Two maps|Map of)', html), f"{notebook}: no static map on the page"
        assert html.count('class="triangle-plotly"') >= 2, f"{notebook}: no interactive map beside the charts"
        assert "Natural Earth" in html, f"{notebook}: no base-map credit"
        types = trace_types(html)
        assert types and not FETCHING_TRACES & set(types), f"{notebook} uses a map that fetches from outside"
        assert not REMOTE_MAP.search(html), f"{notebook} names a remote map resource"
        assert len(html.encode("utf-8")) <= 400_000, f"{notebook} is over the page budget"


def test_map_results_match_the_data(site):
    launches = read_csv("missile_launches")
    drawn = [r for r in launches if r["lat"] and r["lon"]]
    got = site.results("02-missiles")
    assert got["map_missiles_drawn"] == len(drawn)
    assert got["map_missiles_without_coordinates"] == len(launches) - len(drawn)
    assert got["map_sites"] == len({(r["launch_site"], r["lat"], r["lon"]) for r in drawn})
    troops = read_csv("troop_reports")
    assert site.results("03-troops")["map_reports_kursk"] == sum("Kursk" in r["location"] for r in troops)
    rajin = [r for r in read_csv("transfers") if re.search(r"\b(Rajin|Najin|Rason)\b", r["item"] + " " + r["notes"], re.I)
             and r["unit"] == "containers" and r["from"] == "PRK" and r["value_high"]]
    note = site.results("04-arms-for-oil")["map_route_notes"]["PL-001"]
    assert f"up to {max(float(r['value_high']) for r in rajin):,.0f} containers" in note


RENDER = """
import sys
from helpers.data import load
from helpers.figures import maps
from helpers.figures.style import save_figure
sites = maps.launch_sites(load.missile_launches())
colours = dict(zip(sorted(set(sites["main_type"])), ["#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2"] * 2))
fig = maps.launch_site_figure(sites, colours, maps.Frame(123.5, 137.0, 33.0, 43.5))
save_figure(fig, "map_twice", source="test", alt="a map rendered twice to compare bytes", show=False,
            data=("missile_launches",), frame=sites)
"""


def test_a_map_renders_byte_identically_twice(tmp_path):
    outputs, procs = [], {}
    for run in ("a", "b"):  # two processes at once, with different hash seeds
        env = dict(os.environ, TRIANGLE_FIGURES_DIR=str(tmp_path / run), PYTHONHASHSEED=str(ord(run)))
        procs[run] = subprocess.Popen([sys.executable, "-c", RENDER], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
    for run, proc in procs.items():
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outputs.append(((tmp_path / run / "map_twice.png").read_bytes(), (tmp_path / run / "map_twice.svg").read_bytes()))
    assert outputs[0] == outputs[1]
