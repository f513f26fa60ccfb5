"""Notebooks read as narrative: no code cell is longer than about 30 lines (blank lines not counted).

Longer drawing or data-shaping code belongs in a helper module whose name says what it does
(e.g. helpers/figures/missiles.py), so a student reads the argument rather than the plumbing."""
from __future__ import annotations

from pathlib import Path

import jupytext
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.md"))
MAX_LINES = 30


def long_cells(path: Path) -> list[str]:
    """'file:line: N lines' for every code cell with more than MAX_LINES non-blank lines."""
    text = path.read_text(encoding="utf-8").splitlines()
    found, cursor = [], 0
    for cell in jupytext.read(path).cells:
        if cell.cell_type != "code":
            continue
        lines = [line for line in cell.source.splitlines() if line.strip()]
        # Locate the cell in the file (its first code line after the previous cell) to name its line.
        first = lines[0] if lines else ""
        cursor = next((i for i in range(cursor, len(text)) if text[i] == first), cursor)
        if len(lines) > MAX_LINES:
            found.append(f"{path.name}:{cursor + 1}: {len(lines)} lines")
    return found


def test_notebooks_found():
    assert len(NOTEBOOKS) >= 9, "expected the notebooks 00-08 in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short(path):
    too_long = long_cells(path)
    assert not too_long, (f"code cells over {MAX_LINES} non-blank lines (move drawing code into a helper "
                          "module):\n" + "\n".join(too_long))


def test_the_rule_can_fail(tmp_path):
    """A 31-line cell is reported with its line number; a 30-line cell with blank lines is not."""
    head = Path(NOTEBOOKS[0]).read_text(encoding="utf-8").split("\n---\n", 1)[0] + "\n---\n\n# T\n\n"
    long = "\n".join(f"x{i} = {i}" for i in range(MAX_LINES + 1))
    ok = "\n\n".join(f"y{i} = {i}" for i in range(MAX_LINES))
    nb = tmp_path / "99-test.md"
    nb.write_text(head + f"```{{code-cell}} ipython3\n{ok}\n```\n\n```{{code-cell}} ipython3\n{long}\n```\n",
                  encoding="utf-8")
    fence = head.count("\n") + 1  # the line of the first cell's fence
    assert long_cells(nb) == [f"99-test.md:{fence + 2 * MAX_LINES + 3}: {MAX_LINES + 1} lines"]
