"""Generated pages: the figure pack (figures/README.md) and the site's "What changed" page."""
from __future__ import annotations

import json
from pathlib import Path

from ..data.meta import changelog

FIGURE_LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
CREDIT = "Triangle Notebooks contributors, The China – North Korea – Russia triangle: research notebooks"


def figure_pack(figdir: Path, for_site: bool = False) -> str:
    """A slide-ready list of every figure: caption, alt text, source line, notebook, files."""
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(figdir.glob("*.json"))]
    lines = ["# Figure pack", "",
             "Every static figure the notebooks make, ready for slides. Each has a PNG (150 dpi) and an SVG; the",
             "source line and the data cut-off are printed on the figure itself. Re-made by `make site`; do not",
             "edit this file by hand.", "", f"{len(metas)} figures. Each states how far the data it draws reach.", "",
             "Each also has a 16:9 version for slides (`slides/NAME.png`, 1920×1080 px), laid out again rather than",
             "squeezed. The charts are licensed CC BY 4.0: copy each figure's credit line next to it on a slide;",
             "the data behind a chart keep their producers' terms (see `data/LICENSE`).", ""]
    for m in metas:
        img = f"figures/{m['name']}.png" if for_site else f"{m['name']}.png"
        files = f"`{m['name']}.png`, `{m['name']}.svg`, 16:9 slide `{m.get('slide', '')}`"
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
        latest = load.reach(schema, df).max()
        lines.append(f"| `{name}` | {len(df)} | {'' if latest is None or latest != latest else f'{latest:%Y-%m-%d}'} |")
    return lines


def changes_page() -> str:
    lines = ["# What changed", "",
             "Each update of the data is recorded in `data/CHANGELOG.md` with its date and the data cut-off it",
             "brought (the day the sources were last searched). How far each dataset actually reaches:", "",
             *coverage_table(), "", "For yearly data (trade, aid) the date is the end of the latest year.", "",
             "## Updates, newest first", ""]
    for e in changelog():
        lines += [f"### {e.date.isoformat()}: data cut-off {e.cutoff.isoformat()}", "", e.body, ""]
    return "\n".join(lines)


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
                        f"</strong>{'' if c.claim_id in robust else ' ⚑'}</td></tr>")
    grid = ["```{raw} html",
            "<table class='claims-ledger front-grid'><thead><tr><th></th><th>Claim (our wording)</th>"
            "<th>Data known on 1 Nov 2024</th><th>All data</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>",
            "```", "",
            f"⚑ the verdict changes under at least one reasonable variant of its rule (see the ledger's robustness "
            f"table). {found.get('coverage', '')}.", "", "**Each notebook's answer in one line:**", ""]
    from ..data import paths

    for nb in sorted(executed_dir.glob("[0-9][0-9]-*.ipynb")):
        if not (paths.NOTEBOOKS / f"{nb.stem}.md").exists():
            continue  # an executed copy of a notebook since renamed or removed
        line = _headline(nb)
        first = line.split(". ")[0].rstrip(".") + "." if line else "(no headline)"
        grid.append(f"- [{nb.stem}](notebooks/{nb.stem}.ipynb): {first}")
    return index_text.replace(FRONT_MARKER, "\n".join(grid))
