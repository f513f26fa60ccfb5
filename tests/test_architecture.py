"""The helpers' rooms (helpers/README.md): imports only point down, tools -> figures/analysis -> data.

Read from the source with `ast`, so a lazy import inside a function counts as much as one at the top."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
ROOMS = ("data", "analysis", "figures", "tools")
# What each room may import of ours besides itself. figures <-> analysis is forbidden unless named here
# (module path, imported room) and in helpers/README.md.
MAY_IMPORT = {"data": set(), "analysis": {"data"}, "figures": {"data"}, "tools": {"data", "analysis", "figures"}}
ALLOWED_SIDEWAYS: set[tuple[str, str]] = set()
SUBJECT_CHARTS = ("benefactor", "missiles", "troops", "transfers", "network", "neighbours", "beijing", "maps")


def modules():
    return sorted(p for p in HELPERS.rglob("*.py") if p.parent != HELPERS)


def imported_rooms(path: Path) -> set[tuple[str, str]]:
    """(room, module) pairs of ours a module imports, whether written relative or absolute."""
    room = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("helpers."):
                parts = node.module.split(".")[1:]
            elif node.level == 1:
                parts = [room, *(node.module or "").split(".")] if node.module else [room]
            elif node.level == 2:
                parts = (node.module or "").split(".")
            else:
                continue
            target_room = parts[0]
            names = [parts[1]] if len(parts) > 1 else [a.name for a in node.names]
            found |= {(target_room, n) for n in names}
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("helpers."):
                    parts = a.name.split(".")[1:]
                    found.add((parts[0], parts[1] if len(parts) > 1 else ""))
    return found


def test_every_module_lives_in_a_room():
    loose = [p.name for p in HELPERS.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert not loose, f"modules outside the four rooms: {loose}"
    assert {p.name for p in HELPERS.iterdir() if p.is_dir() and not p.name.startswith("_")} == set(ROOMS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_imports_point_down(path):
    room = path.parent.name
    for target, module in imported_rooms(path):
        if target == room:
            continue
        assert target in ROOMS, f"{path}: imports an unknown room {target!r}"
        allowed = target in MAY_IMPORT[room] or (f"{room}/{path.stem}", target) in ALLOWED_SIDEWAYS
        assert allowed, f"helpers/{room}/{path.name} imports helpers.{target}.{module}: imports only point down"


@pytest.mark.parametrize("subject", SUBJECT_CHARTS)
def test_no_chart_module_borrows_from_another_subject(subject):
    path = HELPERS / "figures" / f"{subject}.py"
    borrowed = {m for r, m in imported_rooms(path) if r == "figures" and m in SUBJECT_CHARTS and m != subject}
    assert not borrowed, f"{path.name} borrows from {borrowed}: shared chart pieces belong in figures/style.py"


def test_the_rooms_readme_names_every_module():
    readme = (HELPERS / "README.md").read_text(encoding="utf-8")
    for path in modules():
        if path.stem != "__init__":
            assert f"`{path.stem}`" in readme, f"helpers/README.md does not name {path.parent.name}/{path.stem}"


def test_every_module_the_readme_names_exists():
    table = [line for line in (HELPERS / "README.md").read_text(encoding="utf-8").splitlines()
             if line.startswith("| `helpers/")]
    for line in table:
        room = line.split("`helpers/")[1].split("/")[0]
        cells = line.split("|")[2]
        for name in re.findall(r"`([a-z_0-9]+)`", cells):
            assert (HELPERS / room / f"{name}.py").exists(), f"helpers/README.md names {room}/{name}, which does not exist"


def test_a_forbidden_import_is_caught(tmp_path):
    """The checker itself: a data module importing the analysis room is seen."""
    bad = tmp_path / "data" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("from ..analysis import engine\nfrom helpers.tools.build import build\n", encoding="utf-8")
    assert {("analysis", "engine"), ("tools", "build")} <= imported_rooms(bad)
