"""Generated pages: the figure pack (figures/README.md), the site's "What changed" page (with the verdict changes
between releases), the front page, the data downloads page, "How to cite", and the links of the repository's own
pages (UPDATING.md, data/README.md) pointed at the site's pages."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from ..data.meta import changelog
from .release import read_citation

from ..figures.style import CREDIT

FIGURE_LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def figure_pack(figdir: Path, for_site: bool = False) -> str:
    """A slide-ready list of every figure: caption, alt text, source line, notebook, files."""
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(figdir.glob("*.json"))]
    lines = ["# Figure pack", "",
             "Every static figure the notebooks make, ready for slides. Each has a PNG (150 dpi) and an SVG; the",
             "source line and the data cut-off are printed on the figure itself. Re-made by `make site`; do not",
             "edit this file by hand.", "", f"{len(metas)} figures. Each states how far the data it draws reach.", "",
             "Each also has a 16:9 version for slides (`slides/NAME.png`, 1920×1080 px), laid out again rather than",
             "squeezed, with its takeaway printed above the chart and its source and credit lines below; the densest",
             "are split over two slides (`slides/NAME-1.png`, `slides/NAME-2.png`). The charts are licensed CC BY",
             "4.0; the data behind a chart keep their producers' terms (see `data/LICENSE`).", ""]
    for m in metas:
        img = f"figures/{m['name']}.png" if for_site else f"{m['name']}.png"
        slides = m.get("slides") or [m.get("slide", "")]
        files = (f"`{m['name']}.png`, `{m['name']}.svg`, 16:9 slide{'s' if len(slides) > 1 else ''} "
                 + ", ".join(f"`{s}`" for s in slides))
        lines += [f"## {m['caption']}", "", f"![{m['alt']}]({img})" if for_site else f"Files: {files}", "",
                  f"- **Takeaway:** {m.get('takeaway') or '(none yet)'}",
                  f"- **Alt text:** {m['alt']}", f"- **Source line:** {m['source']}",
                  f"- **Licence:** chart {FIGURE_LICENCE}; data as credited in the source line",
                  f"- **Credit line:** Chart: {CREDIT} (CC BY 4.0). Source: {m['source']}.",
                  f"- **Coverage:** {m.get('cutoff', '')}",
                  f"- **Made by:** `notebooks/{m['notebook']}`", ""]
        if for_site:
            lines.insert(-1, f"- **Files:** {files} in `figures/`")
    return "\n".join(lines)


def coverage_table() -> list[str]:
    """Rows and the latest date each dataset reaches, computed from the data on every build."""
    from ..data import load
    from ..data.schemas import DATASETS

    lines = ["| dataset | rows | latest date in the data |", "|---|---|---|"]
    for name, schema in DATASETS.items():
        df = load.load(name)
        latest = load.known_on(schema, df).max()
        lines.append(f"| `{name}` | {len(df)} | {'' if latest is None or latest != latest else f'{latest:%Y-%m-%d}'} |")
    return lines


def changes_page() -> str:
    lines = ["# What changed", "",
             "Each update of the data is recorded in `data/CHANGELOG.md` with its date and the data cut-off it",
             "brought (the day the sources were last searched). How far each dataset actually reaches:", "",
             *coverage_table(), "", "For yearly data (trade, aid) the date is the end of the latest year.", "",
             *release_changes(), "## Updates, newest first", ""]
    for e in changelog():
        lines += [f"### {e.date.isoformat()}: data cut-off {e.cutoff.isoformat()}", "", e.body, ""]
    return "\n".join(lines)


def release_changes() -> list[str]:
    """The section of "What changed" that lists the verdict changes between the last two recorded releases."""
    from .release import recorded, verdict_changes

    lines = ["## Verdict changes between releases", ""]
    releases = recorded()
    if len(releases) < 2:
        first = (f"Release {releases[0]['version']} ({releases[0]['date_released']}) is the first whose verdicts "
                 "are recorded; the next release will be compared with it here." if releases else
                 "No release's verdicts are recorded yet.")
        return lines + [first + " A release is recorded with `python -m helpers release VERSION` (see "
                        "[Updating](updating.md#releasing-a-version)).", ""]
    old, new = releases[-2], releases[-1]
    changes = verdict_changes(old, new)
    lines.append(f"Main-rule verdicts on all data, release {old['version']} ({old['date_released']}) against release "
                 f"{new['version']} ({new['date_released']}):")
    return lines + [""] + ([f"- {c}" for c in changes] if changes else ["- No verdict changed."]) + [""]


FRONT_MARKER = "<!-- front-page:results -->"


def _headline(executed: Path) -> str:
    """The plain text of a notebook's headline paragraph (its one-line answer), from its executed copy."""
    import html
    import re

    nb = json.loads(executed.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            text = "".join(out.get("data", {}).get("text/markdown", "") or out.get("data", {}).get("text/html", ""))
            if 'class="headline"' in text:
                return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    return ""


def front_page(index_text: str, executed_dir: Path) -> str:
    """The site's front page with the verdict grid and each notebook's one-line answer, computed on every build."""
    from ..analysis import ledger

    if FRONT_MARKER not in index_text:
        return index_text
    results = executed_dir / "00-claims.results.json"
    found = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    then, now = found.get("verdicts_article", {}), found.get("verdicts_now", {})
    robust = set(found.get("robust_claims", []))
    rows = []
    for kind, title in ledger.KINDS.items():
        rows.append(f"<tr><th colspan='4'>{title}</th></tr>")
        for c in (c for c in ledger.CLAIMS if c.kind == kind):
            v_then, v_now = then.get(c.claim_id, "not computed"), now.get(c.claim_id, "not computed")
            rows.append(f"<tr><td>{c.claim_id}</td><td>{c.text}</td><td>{v_then}</td><td><strong>{v_now}"
                        f"</strong>{'' if c.claim_id in robust or len(c.rules) == 1 else ' ⚑'}</td></tr>")
    grid = ["```{raw} html",
            "<table class='claims-ledger front-grid'><thead><tr><th></th><th>Claim (our wording)</th>"
            "<th>Known on 1 Nov 2024</th><th>" + found.get("data_span", "Data to their ends") + "</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>",
            "```", "",
            f"⚑ the verdict changes under at least one reasonable variant of its rule (see the ledger's robustness "
            "table); a claim judged by one rule only carries no mark.", "", "**Each notebook's answer in one line:**", ""]
    from ..data import paths

    for nb in sorted(executed_dir.glob("[0-9][0-9]-*.ipynb")):
        if not (paths.NOTEBOOKS / f"{nb.stem}.md").exists():
            continue  # an executed copy of a notebook since renamed or removed
        line = _headline(nb)
        first = line.split(". ")[0].rstrip(".") + "." if line else "(no headline)"
        grid.append(f"- [{nb.stem}](notebooks/{nb.stem}.ipynb): {first}")
    return index_text.replace(FRONT_MARKER, "\n".join(grid))


DOWNLOADS = "data"  # the folder of the site (beside its pages) that holds each CSV and the data package
DATA_ZIP = "triangle-data.zip"
VERDICTS = "verdicts.json"


def _reach(schema, df) -> str:
    """How far a dataset's rows reach on the column that dates them: '9 Apr 1984 – 19 Apr 2026 (date)'."""
    col = df[schema.known_date].dropna()
    if col.empty:
        return f"no row has a {schema.known_date}"
    if schema.column(schema.known_date).kind == "int":
        return f"{int(col.min())} – {int(col.max())} ({schema.known_date})"
    return f"{col.min():%-d %b %Y} – {col.max():%-d %b %Y} ({schema.known_date.replace('_', ' ')})"


def downloads_page(with_package: bool = True) -> str:
    """The Data downloads page: each CSV with its rows, columns and reach, computed from the files offered."""
    import html

    from ..data import load
    from ..data.schemas import DATASETS

    cite = read_citation()
    rows = []
    for name, schema in DATASETS.items():
        df = load.load(name, all_rows=True)
        rows.append(f"<tr><td><a href='{DOWNLOADS}/{schema.file}' download>{schema.file}</a></td>"
                    f"<td>{html.escape(schema.row)}</td><td>{len(df):,}</td><td>{len(schema.columns)}</td>"
                    f"<td>{_reach(schema, df)}</td></tr>")
    files = [(DATA_ZIP, "the whole data folder: every CSV, the codebook, the changelog, the licence, the data "
                        "package, the rows removed on purpose, the base maps and the release records")]
    if with_package:
        files.append((f"{DOWNLOADS}/datapackage.json", "the Frictionless Data Package: each column's type, "
                      "constraints and description, the sources, licence, row counts and hashes, to load the CSVs "
                      "with their types in Python or R (keep it in the folder of the CSVs)"))
    files.append((VERDICTS, "every claim, every rule (main and variants) and its verdict on the data known on the "
                            "article's date and on all data, with the evidence and, where the ledger gives them, "
                            "the rows each verdict rests on"))
    return "\n".join([
        "# Data downloads", "",
        f"The data behind every chart and verdict, version {cite.version} ({cite.date_released}; see "
        "[How to cite](about.md#how-to-cite)). Each file is UTF-8, comma-delimited, with ISO dates (YYYY-MM-DD); the "
        "columns, their types and allowed values are described in the [codebook](data.md). The rows, columns and "
        "dates below are computed from the files offered here on every build.", "",
        "```{raw} html",
        "<table class='downloads'><thead><tr><th>File</th><th>A row is</th><th>Rows</th><th>Columns</th>"
        "<th>Dates (the column that dates a row)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
        "```", "",
        "## Everything at once", "",
        "```{raw} html",
        "<ul class='downloads'>" + "".join(f"<li><a href='{href}' download>{href.split('/')[-1]}</a>: "
                                           f"{html.escape(what)}.</li>" for href, what in files) + "</ul>",
        "```", "",
        "Licence: our curation is CC BY 4.0; figures from third-party sources remain their producers' (each row "
        "names its source).", ""])


CITE_MARKER = "<!-- about:how-to-cite -->"


def how_to_cite() -> str:
    """The "How to cite" text: the version and release date read from CITATION.cff on every build."""
    cite = read_citation()
    year = cite.date_released[:4]
    key = "triangle_notebooks_" + cite.version.replace(".", "_")
    return "\n".join([
        f"Version **{cite.version}**, released **{cite.date_released}** (from `CITATION.cff`, which every data release "
        "updates). Please cite the version you used, and the producers of the figures you rely on (named row by row "
        "in the data):", "",
        "```text",
        f"{cite.authors} ({year}). {cite.title} (version {cite.version}, released {cite.date_released}) [Data set "
        "and notebooks].",
        "```", "",
        "```bibtex",
        f"@misc{{{key},",
        f"  author = {{{{{cite.authors}}}}},",
        f"  title = {{{cite.title}}},",
        f"  year = {{{year}}},",
        f"  version = {{{cite.version}}},",
        f"  note = {{Released {cite.date_released}. Data and text CC BY 4.0, code MIT}}",
        "}",
        "```", "",
        f"The verdicts of this version are in `{VERDICTS}`, offered with the data on [Data downloads](downloads.md).",
        ""])


# The repository's pages the site renders, by their path in the repository, and the site page each becomes.
SITE_PAGES = {"data/README.md": "data.md", "data/CHANGELOG.md": "changes.md", "UPDATING.md": "updating.md",
              "seminar/README.md": "seminar.md", "seminar/assessment.md": "seminar/assessment.md",
              "seminar/exercise-bank.md": "seminar/exercise-bank.md"}
LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(([^)\s]+)\)")


def site_links(text: str, source: str) -> str:
    """A repository page (`source`, its path in the repository) ready for the site: a relative link to another
    page the site renders points at that page, and a link to a file the site does not carry becomes its text."""
    def fix(match: re.Match) -> str:
        label, target = match[1], match[2]
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return match[0]  # a web address, a mail address, or an anchor on the same page
        path, _, anchor = target.partition("#")
        repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if repo_path in SITE_PAGES:  # relative to where the page itself sits on the site
            here = posixpath.dirname(SITE_PAGES.get(source, ""))
            return f"[{label}]({posixpath.relpath(SITE_PAGES[repo_path], here or '.')}{'#' + anchor if anchor else ''})"
        return label
    return LINK.sub(fix, text)
