"""Student editions: the teaching notebooks as .ipynb with every solution removed and no outputs, and the
student bundle (`triangle-seminar.zip`) that runs them anywhere with plain Python.

Solutions are written in the notebooks with sphinx-exercise syntax, either as one block
(`:::{solution} label` ... `:::`) or gated around code cells (`:::{solution-start} label` ... cells ...
`:::{solution-end}` `:::`). Both forms are cut out here; the exercises, narrative and code stay.

Marking material for instructors (strong-answer notes, source-criticism answers, the exercise bank's keys) sits
in admonitions of class `instructor` (`:::{admonition} For instructors` + `:class: instructor`, or with more
colons around nested blocks); `strip_instructor` cuts them from the student editions and the student site.

Each exercise is titled with its level and minutes (`:::{exercise} Light code · 10 min`) and ends with a
folded hint. In a student edition every exercise is followed by an answer cell (a code cell with a starter
for the code levels), and the code the site hides is collapsed, so a student meets the questions first.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..data import paths

SOLUTION_BLOCK = re.compile(r"^:::\{solution\}.*?^:::[ \t]*$\n?", re.S | re.M)
GATE_START = re.compile(r"^:::\{solution-start\}.*", re.S | re.M)
GATE_END = re.compile(r"^:::\{solution-end\}[ \t]*\n:::[ \t]*$\n?", re.M)
BANNER = ("> **Student edition.** Solutions have been removed and outputs cleared. Choose **Run > Run All Cells** "
          "first (the collapsed cells load the data and draw the charts; click the bar left of a cell to show its "
          "code), then work through the exercises at the end{overview}.\n\n")
EXERCISE = re.compile(r"^:::\{exercise\}(?P<title>[^\n]*)\n(?:(?!:::)[^\n]*\n)*?:label: (?P<label>[\w-]+).*?^:::[ \t]*$\n?",
                      re.S | re.M)
LEVELS = ("No code", "Light code", "Pandas")
TITLE = re.compile(r"^\s*(?P<level>" + "|".join(LEVELS) + r") · (?P<minutes>\d+) min\s*$")
HIDDEN_TAGS = {"remove-cell", "remove-input", "hide-input", "hide-cell"}


class SolutionMarkupError(ValueError):
    pass


FENCE = re.compile(r"^(?P<fence>:{3,})\{(?P<name>[\w-]+)\}")


def strip_instructor(text: str, name: str = "text") -> str:
    """`text` without its instructor-only blocks: every colon fence whose options carry `:class:` with
    `instructor`, from its opening line to the closing line of the same number of colons (nested fences inside
    must use fewer colons). Raises SolutionMarkupError on an unclosed block."""
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        options = []
        j = i + 1
        while m and j < len(lines) and lines[j].startswith(":") and not FENCE.match(lines[j]):
            options.append(lines[j])
            j += 1
        if m and any(re.match(r":class:.*\binstructor\b", o) for o in options):
            close = next((k for k in range(j, len(lines)) if lines[k].rstrip() == m["fence"]), None)
            if close is None:
                raise SolutionMarkupError(f"{name}: an instructor block opened on line {i + 1} is never closed")
            i = close + 1
            if out and not out[-1].strip() and i < len(lines) and not lines[i].strip():
                i += 1  # one blank line where the block was
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def strip_solutions(nb, name: str, keep_outputs: bool = False):
    """Return a copy of a notebook without solutions (and without outputs unless `keep_outputs`: the student
    site keeps them). Raises SolutionMarkupError on an unclosed gate."""
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
            source = strip_instructor(SOLUTION_BLOCK.sub("", source), name)
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
        if cell.cell_type == "code" and not keep_outputs:
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    if inside:
        raise SolutionMarkupError(f"{name}: a solution-start has no solution-end")
    nb.cells = cells
    return nb


def exercises(text: str) -> list[dict]:
    """Each exercise in a notebook's text: label, level and minutes (None where its title does not say)."""
    found = []
    for m in EXERCISE.finditer(text):
        title = TITLE.match(m["title"])
        found.append({"label": m["label"], "level": title["level"] if title else None,
                      "minutes": int(title["minutes"]) if title else None, "text": m[0]})
    return found


def answer_cells(exercise: dict) -> list:
    """The cells a student types into after an exercise: a starter code cell for the code levels, then words."""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    label, level = exercise["label"], exercise["level"] or "Light code"
    cells = []
    if level != "No code":
        cells.append(new_code_cell(
            f"# {label}: your code here ({level.lower()}). The tables loaded at the top are ready to use;\n"
            "# the next line lists them with their sizes (delete it when you start).\n%whos DataFrame"))
    cells.append(new_markdown_cell(f"**Your answer to {label}** (double-click to write here):\n\n..."))
    for cell in cells:
        cell.metadata["tags"] = ["answer"]
    return cells


def scaffold(nb):
    """Split markdown cells after each exercise, add answer cells, and collapse the code the site hides."""
    from nbformat.v4 import new_markdown_cell

    cells = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            if HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cells.append(cell)
            continue
        rest, first = cell.source, True
        for ex in exercises(cell.source):
            head, _, rest = rest.partition(ex["text"])
            piece = (head + ex["text"]).strip("\n")
            cells.append(_with_source(cell, piece) if first else new_markdown_cell(piece))
            cells += answer_cells(ex)
            first = False
        if first:
            cells.append(cell)
        elif rest.strip():
            cells.append(new_markdown_cell(rest.strip("\n")))
    nb.cells = cells
    return nb


def _with_source(cell, source: str):
    cell.source = source
    return cell


def overview(found: list[dict]) -> str:
    """'(3 exercises, about 35 minutes: 1 no code, 2 light code)' for the banner."""
    if not found:
        return ""
    minutes = sum(e["minutes"] or 0 for e in found)
    levels = [f"{n} {lvl.lower()}" for lvl in LEVELS if (n := sum(e["level"] == lvl for e in found))]
    return (f" ({len(found)} exercises" + (f", about {minutes} minutes" if minutes else "")
            + (": " + ", ".join(levels) if levels else "") + ")")


def make_student_editions(out_dir: Path) -> list[Path]:
    import jupytext
    import nbformat

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.md")):
        nb = strip_solutions(jupytext.read(source), source.name)
        found = exercises("\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))
        nb = scaffold(nb)
        first = next(c for c in nb.cells if c.cell_type == "markdown")
        lines = first.source.split("\n", 1)
        first.source = (lines[0] + "\n\n" + BANNER.format(overview=overview(found))
                        + (lines[1] if len(lines) > 1 else ""))
        nb.metadata.pop("jupytext", None)
        target = out_dir / f"{source.stem}.ipynb"
        nbformat.write(nb, target)
        written.append(target)
        print(f"  student edition: {target.relative_to(out_dir.parent.parent) if out_dir.is_relative_to(paths.ROOT) else target}")
    print(f"{len(written)} student notebooks in {out_dir}")
    make_bundle(written, out_dir / f"{BUNDLE_NAME}.zip")
    return written


BUNDLE_NAME = "triangle-seminar"
KIT = paths.ROOT / "seminar" / "student-kit"  # the bundle's README, requirements.txt and environment.yml
DATA_SKIP = ("_incoming",)  # raw imports awaiting review are not teaching data
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: the same inputs give the same archive


STUDENT_ROOMS = ("data", "analysis", "figures")  # what notebooks import; the build tools stay out of the kit
CURATION_ONLY = ("data/cns.py",)  # the CNS importer reads Excel exports (openpyxl): curators', not students' work


def bundled_helpers() -> list[Path]:
    """The helper rooms the notebooks may import (data, analysis, figures) and the package markers: never the
    build tools (helpers/tools), which need git, make and Sphinx."""
    helpers = paths.ROOT / "helpers"
    files = [helpers / "__init__.py"]
    for room in STUDENT_ROOMS:
        files += sorted(p for p in (helpers / room).rglob("*.py")
                        if p.relative_to(helpers).as_posix() not in CURATION_ONLY)
    return files


def make_bundle(editions: list[Path], target: Path) -> Path:
    """Zip the student editions with the data, the helpers they import and the student kit (README with set-up
    for venv/pip and conda, requirements.txt, environment.yml) into one archive that needs no make or git."""
    import zipfile

    files = {f"{e.name}": e for e in editions}
    files |= {f"helpers/{h.relative_to(paths.ROOT / 'helpers').as_posix()}": h for h in bundled_helpers()}
    data = paths.data_dir()
    files |= {f"data/{d.relative_to(data).as_posix()}": d for d in data.rglob("*") if d.is_file()
              and not any(part in DATA_SKIP or part.startswith(".") for part in d.relative_to(data).parts)}
    files |= {k.name: k for k in KIT.iterdir() if k.is_file()}
    files["LICENSE"] = paths.ROOT / "LICENSE"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{BUNDLE_NAME}/{name}", ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, files[name].read_bytes())
    print(f"student bundle: {target} ({len(files)} files)")
    return target


def _execute(nb, folder: Path, timeout: int = 600):
    """Execute a notebook object in a fresh kernel whose working folder is `folder` (as a student's JupyterLab
    does for a notebook saved there). Raises the execution error, if any."""
    import tempfile

    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(tempfile.mkdtemp()) / "kernel"))
    try:
        NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    return nb


def run_notebook(path: Path, timeout: int = 600) -> tuple[str, float, str | None]:
    """Execute a notebook in a fresh kernel whose working folder is the notebook's own (as a student's
    JupyterLab does). Returns (name, seconds, error or None)."""
    import time

    import nbformat

    start = time.perf_counter()
    try:
        _execute(nbformat.read(path, as_version=4), path.parent, timeout)
        error = None
    except Exception as err:  # reported per notebook, so one failure does not hide the others
        error = f"{path.name}: {err.__class__.__name__}: {err}"
    return path.name, time.perf_counter() - start, error


def run_cells(folder: Path, cells: list[str], timeout: int = 300) -> list[str]:
    """Run code cells one after another in one fresh kernel working in `folder` (a student's added cells);
    returns each cell's printed and displayed text. Raises on the first cell that fails."""
    from nbformat.v4 import new_code_cell, new_notebook

    nb = _execute(new_notebook(cells=[new_code_cell(c) for c in cells]), folder, timeout)
    texts = []
    for cell in nb.cells:
        parts = []
        for out in cell.get("outputs", []):
            parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
        texts.append("".join(parts))
    return texts


def run_bundle(archive: Path, folder: Path, jobs: int = 2) -> list[tuple[str, float, str | None]]:
    """Unpack the bundle into `folder` and execute every notebook in it, `jobs` at a time."""
    import zipfile
    from concurrent.futures import ProcessPoolExecutor

    with zipfile.ZipFile(archive) as zf:
        zf.extractall(folder)
    notebooks = sorted((folder / BUNDLE_NAME).glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(run_notebook, notebooks))
