"""Generated pages: the figure pack (figures/README.md) and the site's "What changed" page."""
from __future__ import annotations

import json
from pathlib import Path

from .meta import changelog, cutoff_label


def figure_pack(figdir: Path, for_site: bool = False) -> str:
    """A slide-ready list of every figure: caption, alt text, source line, notebook, files."""
    metas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(figdir.glob("*.json"))]
    lines = ["# Figure pack", "",
             "Every static figure the notebooks make, ready for slides. Each has a PNG (150 dpi) and an SVG; the",
             "source line and the data cut-off are printed on the figure itself. Re-made by `make site`; do not",
             "edit this file by hand.", "", f"{cutoff_label()}. {len(metas)} figures.", ""]
    for m in metas:
        img = f"figures/{m['name']}.png" if for_site else f"{m['name']}.png"
        files = f"`{m['name']}.png`, `{m['name']}.svg`"
        lines += [f"## {m['caption']}", "", f"![{m['alt']}]({img})" if for_site else f"Files: {files}", "",
                  f"- **Alt text:** {m['alt']}", f"- **Source line:** {m['source']}",
                  f"- **Made by:** `notebooks/{m['notebook']}`", ""]
        if for_site:
            lines.insert(-1, f"- **Files:** {files} in `figures/`")
    return "\n".join(lines)


def coverage_table() -> list[str]:
    """Rows and the latest date each dataset reaches, computed from the data on every build."""
    from . import load
    from .schemas import DATASETS

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
             "## Updates, newest first", ""]
    for e in changelog():
        lines += [f"### {e.date.isoformat()}: data cut-off {e.cutoff.isoformat()}", "", e.body, ""]
    return "\n".join(lines)
