"""The rendered site: every notebook has a page, charts are present, nothing is fetched from outside,
plotly.js is shipped once, pages stay small, figures carry alt text and captions."""
import json
import re

from conftest import ROOT

NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.md"))
EXTERNAL = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)=["'](https?:)?//""", re.I)


def test_every_notebook_has_a_page_with_a_plotly_chart(site):
    assert NOTEBOOKS, "no notebooks"
    for stem in NOTEBOOKS:
        page = site.html / "notebooks" / f"{stem}.html"
        assert page.exists(), f"no page for {stem}"
        html = page.read_text(encoding="utf-8")
        if stem != "00-claims":
            assert 'class="triangle-plotly"' in html and "Plotly.newPlot" in html, f"{stem}: no plotly chart"
            assert "data:image/png;base64" in html, f"{stem}: no static figure"
        assert "Traceback" not in html and "Error" not in re.sub(r"<[^>]+>", "", html)[:200]


def test_no_page_requests_anything_outside_the_site(site):
    pages = list(site.html.rglob("*.html"))
    assert len(pages) >= len(NOTEBOOKS) + 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = EXTERNAL.findall(html)
        assert not found, f"{page.name} loads external resources: {found}"
    css = list(site.html.rglob("*.css"))
    for sheet in css:
        text = sheet.read_text(encoding="utf-8", errors="ignore")
        assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), f"{sheet} imports a remote stylesheet"


def test_plotly_js_shipped_once_and_pages_small(site):
    copies = list(site.html.rglob("plotly*.js"))
    assert [p.name for p in copies] == ["plotly.min.js"]
    for page in site.html.rglob("*.html"):
        size = page.stat().st_size
        assert size <= 400_000, f"{page.name} is {size} bytes"
        text = page.read_text(encoding="utf-8")
        assert text.count("plotly.min.js") <= 1
        assert "Plotly.register" not in text, f"{page.name} inlines plotly.js"


def test_reference_pages_exist(site):
    for name in ("index", "data", "figures", "changes", "about", "seminar", "updating"):
        assert (site.html / f"{name}.html").exists(), name
    changes = (site.html / "changes.html").read_text(encoding="utf-8")
    assert "data cut-off" in changes


def test_figures_have_captions_alt_text_and_sources(site):
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in site.figures.glob("*.json")]
    assert len(metas) >= 12, f"only {len(metas)} figures"
    for m in metas:
        assert len(m["alt"]) > 30 and m["caption"] and m["source"] and m["notebook"], m
        assert (site.figures / f"{m['name']}.png").exists() and (site.figures / f"{m['name']}.svg").exists()
    pack = (site.figures / "README.md").read_text(encoding="utf-8")
    assert all(m["caption"] in pack for m in metas)
