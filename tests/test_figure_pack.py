"""The figure pack for slides: every figure has a 16:9 slide version (1920×1080 PNG, byte-deterministic), a
licence and a credit line in the pack, and a one-sentence takeaway its notebook computes from the data."""
import json
import struct

import matplotlib.pyplot as plt

from helpers.data import load
from helpers.tools.pages import figure_pack
from helpers.figures.style import save_figure


def png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def draw(folder, monkeypatch, takeaway=None):
    monkeypatch.setenv("TRIANGLE_FIGURES_DIR", str(folder))
    load.missile_launches()  # the source line states how far the data drawn reach
    fig, axes = plt.subplots(2, 1, figsize=(9, 10))  # a tall figure that would not fit a slide
    axes[0].plot([1, 2, 3])
    axes[0].set_title("A tall test figure")
    save_figure(fig, "tall_test", source="test data", alt="Two panels of test data, one line and nothing else.",
                data=("missile_launches",), frame={"line": [{"x": 0, "y": 1}, {"x": 1, "y": 2}, {"x": 2, "y": 3}]},
                show=False, takeaway=takeaway)


def test_slide_version_is_16_9_and_byte_identical(tmp_path, monkeypatch):
    draw(tmp_path / "a", monkeypatch, takeaway="The line rises.")
    draw(tmp_path / "b", monkeypatch, takeaway="The line rises.")
    for name in ("tall_test.png", "tall_test.svg", "tall_test.csv", "slides/tall_test.png"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert png_size(tmp_path / "a" / "slides" / "tall_test.png") == (1920, 1080)
    assert png_size(tmp_path / "a" / "tall_test.png") != (1920, 1080)  # the page version keeps its shape
    meta = json.loads((tmp_path / "a" / "tall_test.json").read_text(encoding="utf-8"))
    assert meta["takeaway"] == "The line rises." and meta["slide"] == "slides/tall_test.png"


def test_pack_gives_takeaway_licence_and_credit_line(tmp_path, monkeypatch):
    draw(tmp_path, monkeypatch, takeaway="The line rises.")
    pack = figure_pack(tmp_path)
    assert "- **Takeaway:** The line rises." in pack
    assert "- **Licence:** chart CC BY 4.0" in pack
    assert "- **Credit line:** Chart: Triangle Notebooks contributors" in pack and "Source: test data." in pack
    assert "`slides/tall_test.png`" in pack
    draw(tmp_path, monkeypatch)  # no takeaway: the pack says so rather than inventing one
    assert "- **Takeaway:** (none yet)" in figure_pack(tmp_path)


def test_every_built_figure_has_a_slide_and_a_takeaway(site):
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(site.figures.glob("*.json"))]
    assert metas
    for m in metas:
        assert png_size(site.figures / m["slide"]) == (1920, 1080), m["name"]
    missing = [m["name"] for m in metas if not (m.get("takeaway") or "").strip()]
    assert not missing, f"figures without a takeaway: {', '.join(missing)}"
    pack = (site.figures / "README.md").read_text(encoding="utf-8")
    assert pack.count("- **Credit line:**") == pack.count("- **Licence:**") == len(metas)


def test_ledger_takeaway_counts_come_from_the_verdicts(site):
    meta = json.loads((site.figures / "claims_ledger.json").read_text(encoding="utf-8"))
    tally = site.results("00-claims")["tally_now"]
    for kind in ("premise", "inference"):
        for verdict, n in tally[kind].items():
            assert f"{n} {verdict.lower()}" in meta["takeaway"], (kind, verdict, meta["takeaway"])
