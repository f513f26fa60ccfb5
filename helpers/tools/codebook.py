"""Keep the column tables of data/README.md generated from the schemas (the single source of truth).

data/README.md is written by hand except between `<!-- columns:NAME -->` and `<!-- /columns -->`, which
`python -m helpers codebook` fills from helpers/data/schemas.py; `--check` fails when they are out of date.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..data.schemas import DATASETS, Dataset

BLOCK = re.compile(r"(<!-- columns:(\w+) -->\n).*?(<!-- /columns -->)", re.S)


def column_table(schema: Dataset) -> str:
    rows = ["| column | type | required | allowed / range | description |", "|---|---|---|---|---|"]
    for c in schema.columns:
        rule = ", ".join(f"`{a}`" for a in c.allowed)
        if c.minimum is not None or c.maximum is not None:
            rule = f"{'' if c.minimum is None else f'{c.minimum:g}'} to {'' if c.maximum is None else f'{c.maximum:g}'}"
        if c.pattern:
            rule = f"`{c.pattern}`"
        rows.append(f"| `{c.name}` | {c.kind} | {'yes' if c.required else ''} | {rule} | {c.description} |")
    extra = [f"Unique key: {', '.join(f'`{k}`' for k in schema.key)}."]
    extra += [f"`{lo}` ≤ `{hi}` where both are given." for lo, hi in schema.ranges]
    extra += [f"At least one of {', '.join(f'`{c}`' for c in g)} is given." for g in schema.one_of]
    return "\n".join(rows) + "\n\n" + " ".join(extra) + "\n"


def render(text: str) -> str:
    def fill(m: re.Match) -> str:
        return m[1] + column_table(DATASETS[m[2]]) + m[3]
    return BLOCK.sub(fill, text)


def update(readme: Path, check: bool = False) -> bool:
    """Rewrite the column tables; with check=True only report whether they are current."""
    text = readme.read_text(encoding="utf-8")
    missing = [n for n in DATASETS if f"<!-- columns:{n} -->" not in text]
    if missing:
        raise SystemExit(f"{readme}: no column table for {', '.join(missing)}")
    new = render(text)
    if check:
        return new == text
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True
