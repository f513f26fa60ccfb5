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
        if stem not in ("00-claims", "09-primer"):  # the primer draws one static chart only
            assert 'class="triangle-plotly"' in html and "Plotly.newPlot" in html, f"{stem}: no plotly chart"
        if stem != "00-claims":
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


def _plain(text: str) -> str:
    """Visible words only: no tags, entities decoded, straight quotes, no markdown emphasis, one space."""
    import html as html_lib

    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "*": "", "`": ""}))
    return re.sub(r"\s+([:;,.!?)])", r"\1", " ".join(text.split()))  # a tag's gap before punctuation


def solution_snippets(source) -> list[str]:
    """The opening words of every solution's text in a teaching notebook (block solutions and the prose
    inside gated ones), as a reader of the instructor site sees them."""
    import jupytext

    snippets, inside = [], False
    for cell in jupytext.read(source).cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.findall(r":::\{solution\}[^\n]*\n(.*?)\n:::", cell.source, re.S):
            snippets.append(block.split("\n\n", 1)[-1])
        if "{solution-start}" in cell.source:
            inside = True
        elif inside and "{solution-end}" in cell.source:
            snippets.append(cell.source.split(":::{solution-end}")[0])
            inside = False
    return [s[:60] for s in (_plain(s) for s in snippets) if len(s) >= 40]


def test_student_site_has_every_page_and_exercise_but_no_solution(site):
    student = site.root / "student-site" / "html"
    assert (student / "index.html").exists(), "no student site beside the instructor site"
    assert "student edition" in (student / "index.html").read_text(encoding="utf-8")
    checked = 0
    for stem in NOTEBOOKS:
        source = ROOT / "notebooks" / f"{stem}.md"
        full = (site.html / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
        page = (student / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
        assert 'class="solution' in full and 'class="solution' not in page, stem
        for label in re.findall(r":label: (ex-[\w-]+)", source.read_text(encoding="utf-8")):
            assert f'id="{label}"' in page, f"{stem}: exercise {label} missing from the student site"
        for snippet in solution_snippets(source) + _model_answers(site)[stem]:
            assert snippet in _plain(full), f"{stem}: cannot find {snippet!r} on the instructor site"
            assert snippet not in _plain(page), f"{stem}: solution text on the student site: {snippet!r}"
            checked += 1
    assert checked >= len(NOTEBOOKS), "too few solution texts found to check"


def test_every_notebook_is_in_the_site_navigation(site):
    index = (site.html / "index.html").read_text(encoding="utf-8")
    for stem in NOTEBOOKS:
        assert f'href="notebooks/{stem}.html"' in index, f"{stem} is not in the site's table of contents"
    assert index.index("notebooks/09-primer.html") < index.index("notebooks/00-claims.html"), "primer not first"


class _OutputText:
    """The visible text of every cell output on a page (what the notebook printed or displayed), scripts and
    styles left out, found by MyST-NB's `cell_output` class: `prose` holds the outputs of cells whose code is
    hidden (readers take them for the page's own words), `code` the outputs under code a reader can see."""

    HIDDEN = {"tag_remove-input", "tag_remove_input"}

    def __init__(self, html: str):
        from html.parser import HTMLParser

        chunks = {True: [], False: []}
        state = {"stack": [], "output": None, "skip": 0}  # output: the div depth of the open cell_output, if any

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag == "div":
                    classes = set((dict(attrs).get("class") or "").split())
                    if state["output"] is None and "cell_output" in classes:
                        state["output"] = len(state["stack"])
                        state["hidden"] = any(_OutputText.HIDDEN & c for c in state["stack"])
                    state["stack"].append(classes)
                elif tag in ("script", "style") and state["output"] is not None:
                    state["skip"] += 1

            def handle_endtag(self, tag):
                if tag == "div" and state["stack"]:
                    state["stack"].pop()
                    if state["output"] is not None:
                        chunks[state["hidden"]].append("\n")
                        if len(state["stack"]) == state["output"]:
                            state["output"] = None
                elif tag in ("script", "style") and state["skip"]:
                    state["skip"] -= 1

            def handle_data(self, data):
                if state["output"] is not None and not state["skip"]:
                    chunks[state["hidden"]].append(data)

        Parser(convert_charrefs=True).feed(html)
        self.prose, self.code = "".join(chunks[True]), "".join(chunks[False])


# What must never be printed on a page: a warning or traceback, a path on the build machine, a raw Python object.
LEAKS = {
    "a warning": re.compile(r"\b\w*Warning\b"),
    "a traceback": re.compile(r"Traceback \(most recent call last\)|\bError: "),
    "a file-system path": re.compile(r"(?<![\w.:/-])/(?:work|home|tmp|usr|opt|root|Users)/|site-packages"),
    "a dict or list repr": re.compile(r"\{'[^'\n]{1,60}': |\['[^'\n]{0,60}', '|\{\"[^\"\n]{1,60}\": "),
    "a raw pandas or numpy object": re.compile(r"\b(?:array|Timestamp|np\.(?:float|int)\d+)\(|\bdtype: |"
                                               r"<(?:Figure|matplotlib|pandas|Axes)\b"),
}


def test_leak_patterns_catch_what_they_are_for():
    """The patterns above find each kind of leak, and pass ordinary prose and source URLs."""
    leaks = ["/work/main/helpers/figures/maps.py:271: UserWarning: This pattern ...",
             "Traceback (most recent call last):", "{'year': 2024, 'supplier': 'RUS'}", "['CHN', 'RUS']",
             "/usr/lib/python3/site-packages/pandas", "Timestamp('2024-10-31 00:00:00')", "Name: x, dtype: int64"]
    for text in leaks:
        assert any(p.search(text) for p in LEAKS.values()), text
    clean = ["Source: https://www.mofa.go.jp/home/index.html (MOFA).", "China's share fell to 12% in 2024.",
             "Apogee: not reported. Kim's 'year of' speech, and 'the two' said so."]
    for text in clean:
        assert not any(p.search(text) for p in LEAKS.values()), text


def test_no_page_prints_a_warning_path_or_raw_object(site):
    """Under every notebook's page, cell outputs hold prose, tables and figures: no warning or traceback and no path
    on the machine that built it anywhere; and where the code is hidden (the output reads as the page's own words),
    no dict, list, array or Timestamp printed as Python shows it. (Under code a reader can see, a printed Series
    or list is what that code does, and is allowed.)"""
    pages = sorted((site.html / "notebooks").glob("*.html"))
    assert len(pages) >= len(NOTEBOOKS)
    raw = ("a dict or list repr", "a raw pandas or numpy object")
    found = []
    for page in pages:
        out = _OutputText(page.read_text(encoding="utf-8"))
        assert out.prose.strip(), f"{page.name}: no cell output found (has MyST-NB's cell_output class changed?)"
        for what, pattern in LEAKS.items():
            for text in (out.prose,) if what in raw else (out.prose, out.code):
                for m in pattern.finditer(text):
                    found.append(f"{page.name}: {what}: ...{text[max(0, m.start() - 80):m.end() + 80]!r}...")
    assert not found, "\n".join(found)


def test_output_text_tells_hidden_code_from_visible():
    html = ('<div class="cell tag_remove-input docutils container"><div class="cell_output docutils container">'
            '<div class="output text_html"><p>Prose {\'a\': 1}</p></div></div></div>'
            '<div class="cell docutils container"><div class="cell_input docutils container"><pre>x</pre></div>'
            '<div class="cell_output docutils container"><div class="output stream"><pre>[\'a\', \'b\']</pre>'
            '</div></div></div><p>page text</p>')
    out = _OutputText(html)
    assert "Prose {'a': 1}" in out.prose and "['a', 'b']" not in out.prose
    assert "['a', 'b']" in out.code and "page text" not in out.prose + out.code


def _model_answers(site) -> dict[str, list[str]]:
    """{notebook: the opening words of each model answer printed in its executed copy}."""
    found = {}
    for stem in NOTEBOOKS:
        nb = json.loads((site.root / "executed" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        texts = ["".join(o.get("data", {}).get("text/markdown", "")) for c in nb["cells"] for o in c.get("outputs", [])]
        found[stem] = [_plain(t)[:70] for t in texts if t.startswith("**Model answer.**")]
    return found


def test_no_model_answer_or_instructor_note_on_the_student_site(site):
    student = site.root / "student-site" / "html"
    checked = 0
    for stem, answers in _model_answers(site).items():
        full = _plain((site.html / "notebooks" / f"{stem}.html").read_text(encoding="utf-8"))
        page = _plain((student / "notebooks" / f"{stem}.html").read_text(encoding="utf-8"))
        for answer in answers:
            assert answer in full, f"{stem}: model answer missing on the instructor site: {answer!r}"
            assert answer not in page, f"{stem}: model answer on the student site: {answer!r}"
            checked += 1
    assert checked >= 10
    index = (student / "searchindex.js").read_text(encoding="utf-8")
    assert "Model answer" not in index
    for page in ("seminar", "seminar/assessment", "seminar/exercise-bank"):
        full = (site.html / f"{page}.html").read_text(encoding="utf-8")
        shown = (student / f"{page}.html").read_text(encoding="utf-8")
        note = re.compile(r'class="[^"]*\binstructor\b[^"]*"')
        assert note.search(full), f"{page}: no instructor note on the instructor site"
        assert not note.search(shown), f"{page}: an instructor note on the student site"
    bank = _plain((site.html / "seminar" / "exercise-bank.html").read_text(encoding="utf-8"))
    assert "{{" not in bank and "Key (instructor site only)" in bank


def test_exercise_labels_show_beside_their_number_on_both_sites(site):
    for html_root in (site.html, site.root / "student-site" / "html"):
        for stem in NOTEBOOKS:
            page = (html_root / "notebooks" / f"{stem}.html").read_text(encoding="utf-8")
            for label in re.findall(r":label: (ex-[\w-]+)", (ROOT / "notebooks" / f"{stem}.md").read_text(
                    encoding="utf-8")):
                shown = re.search(rf'id="{label}">\s*<p class="admonition-title"><span class="caption-number">'
                                  rf'Exercise \d+ </span> · <code class="exercise-label[^>]*><span class="pre">'
                                  rf'{label}</span>', page)
                assert shown, f"{html_root.name} {stem}: label {label} not beside its number"


def test_answer_sheet_lists_every_exercise_on_both_sites(site):
    labels = [l for stem in NOTEBOOKS for l in re.findall(r":label: (ex-[\w-]+)", (
        ROOT / "notebooks" / f"{stem}.md").read_text(encoding="utf-8"))]
    for html_root in (site.html, site.root / "student-site" / "html"):
        sheet = (html_root / "answer-sheet.html").read_text(encoding="utf-8")
        text = (html_root / "_static" / "answer-sheet.txt").read_text(encoding="utf-8")
        for label in labels:
            assert label in sheet and f"### {label} (" in text, label
        assert "Your answer" in sheet and not re.search(r"\bsolution\b|model answer", _plain(sheet).lower())
