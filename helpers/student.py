"""Student editions: the teaching notebooks as .ipynb with every solution removed and no outputs.

Solutions are written in the notebooks with sphinx-exercise syntax, either as one block
(`:::{solution} label` ... `:::`) or gated around code cells (`:::{solution-start} label` ... cells ...
`:::{solution-end}` `:::`). Both forms are cut out here; the exercises, narrative and code stay.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import paths

SOLUTION_BLOCK = re.compile(r"^:::\{solution\}.*?^:::[ \t]*$\n?", re.S | re.M)
GATE_START = re.compile(r"^:::\{solution-start\}.*", re.S | re.M)
GATE_END = re.compile(r"^:::\{solution-end\}[ \t]*\n:::[ \t]*$\n?", re.M)
BANNER = ("> **Student edition.** Solutions have been removed and outputs cleared. Run the cells from the top "
          "(the first cells load the data), then work through the exercises at the end.\n\n")


class SolutionMarkupError(ValueError):
    pass


def strip_solutions(nb, name: str):
    """Return a copy of a notebook without solutions. Raises SolutionMarkupError on an unclosed gate."""
    import copy

    nb = copy.deepcopy(nb)
    cells, inside = [], False
    for cell in nb.cells:
        source = cell.source
        if inside:
            end = GATE_END.search(source) if cell.cell_type == "markdown" else None
            if not end:
                continue  # a cell of the gated solution
            inside = False
            source = source[end.end():]
        if cell.cell_type == "markdown":
            source = SOLUTION_BLOCK.sub("", source)
            start = GATE_START.search(source)
            if start:
                rest = source[start.start():]
                end = GATE_END.search(rest)
                if end:  # gate opened and closed in the same cell
                    source = source[:start.start()] + rest[end.end():]
                else:
                    source, inside = source[:start.start()], True
            if not source.strip():
                continue
        cell.source = source
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    if inside:
        raise SolutionMarkupError(f"{name}: a solution-start has no solution-end")
    nb.cells = cells
    return nb


def make_student_editions(out_dir: Path) -> list[Path]:
    import jupytext
    import nbformat

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.md")):
        nb = strip_solutions(jupytext.read(source), source.name)
        first = next(c for c in nb.cells if c.cell_type == "markdown")
        lines = first.source.split("\n", 1)
        first.source = lines[0] + "\n\n" + BANNER + (lines[1] if len(lines) > 1 else "")
        nb.metadata.pop("jupytext", None)
        target = out_dir / f"{source.stem}.ipynb"
        nbformat.write(nb, target)
        written.append(target)
        print(f"  student edition: {target.relative_to(out_dir.parent.parent) if out_dir.is_relative_to(paths.ROOT) else target}")
    print(f"{len(written)} student notebooks in {out_dir}")
    return written
