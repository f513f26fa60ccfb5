"""Student editions and the student bundle: every teaching notebook gets an edition with its exercises, an
answer cell after each, collapsed set-up code, no solution and no outputs; the bundle holds the editions,
the data, the helpers they import and the set-up files, and every notebook runs from it in a folder
outside the repository (executed once here, two at a time: this is the editions' only run in the suite)."""
import ast
import re
import subprocess
import sys
import zipfile

import jupytext
import nbformat
import pytest

from conftest import ROOT
from helpers.tools import student

SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.md"))
BUNDLE = student.BUNDLE_NAME
# Import names that differ from the package that provides them (IPython comes with ipykernel, Pillow with
# matplotlib, which requires it).
DISTRIBUTION = {"IPython": "ipykernel", "PIL": "matplotlib"}


@pytest.fixture(scope="module")
def unpacked(editions, tmp_path_factory):
    """The bundle unpacked outside the repository with every notebook executed there: {name: error}."""
    folder = tmp_path_factory.mktemp("unpacked")
    assert not folder.resolve().is_relative_to(ROOT)
    runs = student.run_bundle(editions / f"{BUNDLE}.zip", folder, jobs=2)
    for name, seconds, _ in runs:
        print(f"{name}: {seconds:.1f} s")
    return folder / BUNDLE, {name: error for name, _, error in runs}


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
    student_nb = nbformat.read(editions / f"{source.stem}.ipynb", as_version=4)
    text = "\n".join(c.source for c in student_nb.cells)
    labels = re.findall(r":label: (ex-[\w-]+)", "\n".join(c.source for c in teaching.cells))
    assert len(labels) >= 2, f"{source.name} has fewer than two exercises"
    for label in labels:
        assert f":label: {label}" in text, f"exercise {label} lost"
    assert "{solution" not in text, "solution markup leaked"
    for code in solution_code(teaching):
        assert all(code.strip() != c.source.strip() for c in student_nb.cells), "solution code leaked"
    teaching_text = "\n".join(c.source for c in teaching.cells)
    for block in re.findall(r":::\{solution\}[^\n]*\n(.*?)\n:::", teaching_text, re.S):
        answer = block.split("\n\n", 1)[-1].strip()[:80]
        assert answer not in text, f"solution text leaked: {answer!r}"
    assert all(not c.get("outputs") for c in student_nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_exercise_is_followed_by_answer_cells(editions, source):
    cells = nbformat.read(editions / f"{source.stem}.ipynb", as_version=4).cells
    exercises = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and ":::{exercise}" in c.source]
    assert exercises
    for i in exercises:
        found = student.exercises(cells[i].source)
        assert len(found) == 1, f"cell {i} holds {len(found)} exercises: each needs its own answer cell"
        after = cells[i + 1:i + 3]
        assert any(c.metadata.get("tags") == ["answer"] and c.cell_type == "markdown" for c in after), found[0]["label"]
        if found[0]["level"] != "No code":
            assert after[0].cell_type == "code" and found[0]["label"] in after[0].source, found[0]["label"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_code_the_site_hides_is_collapsed(editions, source):
    cells = nbformat.read(editions / f"{source.stem}.ipynb", as_version=4).cells
    for cell in cells:
        if cell.cell_type == "code" and {"remove-cell", "remove-input"} & set(cell.metadata.get("tags", [])):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:80]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_exercise_has_level_minutes_and_a_folded_hint(source):
    found = student.exercises(source.read_text(encoding="utf-8"))
    assert found, f"{source.name}: no exercise found"
    for ex in found:
        assert ex["level"] in student.LEVELS, f"{source.name} {ex['label']}: title must be e.g. 'Light code · 10 min'"
        assert 1 <= ex["minutes"] <= 60, f"{source.name} {ex['label']}: minutes {ex['minutes']}"
        assert "```{dropdown} Hint" in ex["text"], f"{source.name} {ex['label']}: no folded hint"


def test_exercise_parsing_can_fail():
    text = (":::{exercise}\n:label: ex-a\n\nQ?\n:::\n\n:::{exercise} Pandas · 15 min\n:label: ex-b\n\nQ?\n"
            "```{dropdown} Hint\nh\n```\n:::\n")
    a, b = student.exercises(text)
    assert (a["label"], a["level"], a["minutes"]) == ("ex-a", None, None)
    assert (b["label"], b["level"], b["minutes"]) == ("ex-b", "Pandas", 15) and "dropdown" in b["text"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Exercises\n\n" + text + "\nAfter.")])
    kinds = [(c.cell_type, c.metadata.get("tags")) for c in student.scaffold(nb).cells]
    assert kinds == [("markdown", None), ("code", ["answer"]), ("markdown", ["answer"]), ("markdown", None),
                     ("code", ["answer"]), ("markdown", ["answer"]), ("markdown", None)]


def test_bundle_holds_editions_data_helpers_and_setup(editions):
    with zipfile.ZipFile(editions / f"{BUNDLE}.zip") as zf:
        names = set(zf.namelist())
        readme = zf.read(f"{BUNDLE}/README.md").decode("utf-8")
        env = zf.read(f"{BUNDLE}/environment.yml").decode("utf-8")
    assert all(n.startswith(f"{BUNDLE}/") for n in names)
    names = {n.split("/", 1)[1] for n in names}
    assert {f"{s.stem}.ipynb" for s in SOURCES} <= names
    assert {f"data/{p.name}" for p in (ROOT / "data").glob("*.csv")} <= names
    assert {"data/README.md", "data/LICENSE", "data/CHANGELOG.md", "LICENSE", "requirements.txt"} <= names
    assert not any(n.startswith("data/_incoming") for n in names)
    helpers = {n.split("/", 1)[1] for n in names if n.startswith("helpers/")}
    assert {"__init__.py", "data/load.py", "figures/style.py", "data/paths.py", "analysis/__init__.py"} <= helpers
    assert not any(h.startswith("tools/") or h == "__main__.py" for h in helpers), "build tools shipped"
    for words in ("Windows", "macOS", "Linux", "conda env create -f environment.yml", "-m venv .venv",
                  "-m pip install -r requirements.txt", "09-primer.ipynb"):
        assert words in readme, words
    assert not re.search(r"(?m)^\s*(make|git) ", readme), "the student set-up must not need make or git"
    assert "-r requirements.txt" in env and re.search(r"python=3\.1[1-9]", env)


def pins(path) -> dict[str, str]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return dict(line.split("==") for line in lines if "==" in line)


def test_student_requirements_cover_every_import_with_the_project_pins():
    kit = pins(student.KIT / "requirements.txt")
    project = pins(ROOT / "requirements.txt")
    assert {"jupyterlab", "jupyterlab-myst", "ipykernel"} <= set(kit)
    assert all(project.get(name) == version for name, version in kit.items()), "pins differ from requirements.txt"
    code = [c.source for s in SOURCES for c in jupytext.read(s).cells if c.cell_type == "code"]
    code += [p.read_text(encoding="utf-8") for p in student.bundled_helpers()]
    imported = set()
    for text in code:
        tree = ast.parse("\n".join(line for line in text.splitlines() if not line.lstrip().startswith("%")))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"helpers"}
    missing = {DISTRIBUTION.get(m, m) for m in third_party} - set(kit)
    assert not missing, f"imported by the notebooks or their helpers but not in the student requirements: {missing}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_notebook_runs_from_the_unpacked_bundle(unpacked, source):
    _, errors = unpacked
    assert errors[f"{source.stem}.ipynb"] is None, errors[f"{source.stem}.ipynb"]


def test_bundle_notebooks_use_the_bundle_not_the_repository(unpacked):
    folder, _ = unpacked
    made = list((folder / "_build" / "figures-by-hand").glob("*.png"))
    assert made, "the notebooks drew no figure inside the unpacked bundle"
    where = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=folder,
                           capture_output=True, text=True).stdout.strip()
    assert where.startswith(str(folder)), f"helpers imported from {where}"


def test_no_model_answer_or_instructor_note_in_the_kit(editions):
    with zipfile.ZipFile(editions / f"{BUNDLE}.zip") as zf:
        for name in zf.namelist():
            if name.endswith((".ipynb", ".md")):
                text = zf.read(name).decode("utf-8")
                for words in ("model_answer(", "Model answer", ":class: instructor", "{solution"):
                    assert words not in text, f"{name}: {words!r} in the student kit"


def test_instructor_blocks_are_cut_with_what_they_hold():
    text = ("Before.\n\n::::{admonition} For instructors\n:class: instructor\n\nKey.\n\n:::{note}\nInner.\n:::\n"
            "::::\n\nAfter.\n\n:::{admonition} Shown\n:class: tip\n\nKept.\n:::\n")
    cut = student.strip_instructor(text)
    assert "Key." not in cut and "Inner." not in cut and "Before." in cut and "After." in cut and "Kept." in cut
    with pytest.raises(student.SolutionMarkupError, match="line 1"):
        student.strip_instructor(":::{admonition} X\n:class: instructor\nnever closed\n", "x.md")
