"""Read the prose of a notebook's exercise solution, so tests can check its statements against recorded results."""
from __future__ import annotations

import re

from conftest import ROOT


def solution_text(notebook_stem: str, label: str) -> str:
    """The markdown of solution `label` (either form), code cells removed, whitespace collapsed."""
    text = (ROOT / "notebooks" / f"{notebook_stem}.md").read_text(encoding="utf-8")
    start = re.search(r"^:::\{solution(?:-start)?\} " + re.escape(label) + r"\s*$", text, re.M)
    assert start, f"{notebook_stem}: no solution {label}"
    rest = text[start.end():]
    end = re.search(r"^:::\{solution-end\}|^:::\s*$\n(?=\s*(:::\{exercise\}|## ))", rest, re.M)
    body = rest[:end.start()] if end else rest
    body = re.sub(r"```\{code-cell\}.*?```", " ", body, flags=re.S)
    return " ".join(body.split())
