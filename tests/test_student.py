"""Student editions: every teaching notebook gets one, with its exercises, without any solution, with no
outputs, and each still runs from top to bottom."""
import re
import subprocess
import sys

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.md"))


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    proc = subprocess.run([sys.executable, "-m", "helpers", "student", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out


def solution_code(nb):
    """Code cells that sit inside a gated solution in the teaching notebook."""
    inside, found = False, []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if "{solution-start}" in cell.source:
                inside = True
            if "{solution-end}" in cell.source:
                inside = False
        elif inside:
            found.append(cell.source)
    return found


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_edition_keeps_exercises_and_drops_solutions(editions, source):
    teaching = jupytext.read(source)
    student = nbformat.read(editions / f"{source.stem}.ipynb", as_version=4)
    text = "\n".join(c.source for c in student.cells)
    labels = re.findall(r":label: (ex-[\w-]+)", "\n".join(c.source for c in teaching.cells))
    assert len(labels) >= 2, f"{source.name} has fewer than two exercises"
    for label in labels:
        assert f":label: {label}" in text, f"exercise {label} lost"
    assert "{solution" not in text, "solution markup leaked"
    for code in solution_code(teaching):
        assert all(code.strip() != c.source.strip() for c in student.cells), "solution code leaked"
    teaching_text = "\n".join(c.source for c in teaching.cells)
    for block in re.findall(r":::\{solution\}[^\n]*\n(.*?)\n:::", teaching_text, re.S):
        answer = block.split("\n\n", 1)[-1].strip()[:80]
        assert answer not in text, f"solution text leaked: {answer!r}"
    assert all(not c.get("outputs") for c in student.cells if c.cell_type == "code")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_student_edition_runs(editions, source, tmp_path, monkeypatch):
    monkeypatch.setenv("TRIANGLE_FIGURES_DIR", str(tmp_path))  # leave the repository's figures alone
    nb = nbformat.read(editions / f"{source.stem}.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
