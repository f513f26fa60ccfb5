"""Keep the generated parts of data/README.md current: the column tables, coding rules and value definitions (from
the schemas, the single source of truth) and, on the site's Data page, the share of rows resting on copies.

data/README.md is written by hand except between `<!-- columns:NAME -->` and `<!-- /columns -->`, which
`python -m helpers codebook` fills from helpers/data/schemas.py (`--check` fails when they are out of date). The
block `<!-- copies -->` ... `<!-- /copies -->` stays empty in the repository (a typed share goes stale with the next
row); the build fills it from the data when it makes the Data page (`site_page`).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..data.schemas import CATEGORY_DEFINITIONS, TABLES, Dataset

BLOCK = re.compile(r"(<!-- columns:(\w+) -->\n).*?(<!-- /columns -->)", re.S)
COPIES = re.compile(r"(<!-- copies -->\n).*?(<!-- /copies -->)", re.S)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "no rows"


def copies_table(data_dir: Path | None = None) -> str:
    """The rows on copies (`mirror`) per dataset and overall, computed from the data."""
    from ..data import paths
    from ..data.validate import mirror_shares

    shares = mirror_shares(data_dir or paths.data_dir())
    mirrors, total = shares.pop("all")
    lines = [f"Now {mirrors} of the {total:,} rows outside the CNS import ({_pct(mirrors, total)}) rest on a copy "
             "(`mirror`), by dataset:", "", "| dataset | rows | on a copy | share |", "|---|---|---|---|"]
    lines += [f"| `{name}` | {t:,} | {m} | {_pct(m, t)} |" for name, (m, t) in shares.items()]
    return "\n".join(lines) + "\n"


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
    out = "\n".join(rows) + "\n\n" + " ".join(extra) + "\n"
    for column, definitions in CATEGORY_DEFINITIONS.get(schema.name, {}).items():
        out += f"\nValues of `{column}`:\n\n" + "".join(f"- `{v}`: {d}.\n" for v, d in definitions.items())
    if schema.rules:
        out += "\nCoding rules (`make check` refuses a row that breaks one):\n\n" + "".join(
            f"- {rule.words()}\n" for rule in schema.rules)
    return out


def render(text: str) -> str:
    def fill(m: re.Match) -> str:
        return m[1] + column_table(TABLES[m[2]]) + m[3]
    return BLOCK.sub(fill, text)


def site_page(text: str, data_dir: Path | None = None) -> str:
    """The codebook as the site's Data page: its share-of-copies block filled from the data."""
    return COPIES.sub(lambda m: m[1] + copies_table(data_dir) + m[2], text)


def update(readme: Path, check: bool = False) -> bool:
    """Rewrite the column tables; with check=True only report whether they are current."""
    text = readme.read_text(encoding="utf-8")
    missing = [n for n in TABLES if f"<!-- columns:{n} -->" not in text]
    missing += ["the share of rows on copies (<!-- copies -->)"] if not COPIES.search(text) else []
    if missing:
        raise SystemExit(f"{readme}: no column table for {', '.join(missing)}")
    new = render(text)
    if check:
        return new == text
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return True
