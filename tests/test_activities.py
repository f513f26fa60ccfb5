"""Every in-class activity of the seminar guide runs from the unzipped student kit, with no git and no make.

The guide's Python cells (sessions, theory weeks) and the kit README's (not the Colab set-up) are run in a fresh
copy of the unpacked kit, with `triangle-seminar.zip` beside it as a student has it. The edits the guide asks
for by hand are made as written: Session 1's rule changes (`in `F` change `X` to `Y``), Session 4's practice row
(the file's last row copied, with the next id and `abc` as its value_low). Four kernels in all, two at a time."""
from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, read_csv
from helpers.tools.student import BUNDLE_NAME, run_cells

GUIDE = (ROOT / "seminar" / "README.md").read_text(encoding="utf-8")
KIT_README = (ROOT / "seminar" / "student-kit" / "README.md").read_text(encoding="utf-8")


def cells(text: str) -> list[str]:
    """The ```python blocks of a text, unindented (blocks inside numbered steps are indented)."""
    import textwrap

    return [textwrap.dedent(b) for b in re.findall(r"(?ms)^[ \t]*```python\n(.*?)^[ \t]*```", text)]


def part(heading: str) -> str:
    """One session or week of the guide, from its heading to the next."""
    start = GUIDE.index(heading)
    ends = [m.start() for m in re.finditer(r"(?m)^##+ ", GUIDE) if m.start() > start]
    return GUIDE[start:ends[0] if ends else len(GUIDE)]


def fresh_kit(zip_path: Path, folder: Path) -> Path:
    """The kit unpacked into `folder`, with the zip beside it (`../triangle-seminar.zip` from the kit)."""
    folder.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    shutil.copy(zip_path, folder / f"{BUNDLE_NAME}.zip")
    assert not folder.resolve().is_relative_to(ROOT)
    return folder / BUNDLE_NAME


def session_1_edits(kit: Path) -> list[tuple[str, str, str]]:
    """Apply Session 1's rule changes as the guide words them; returns (file, old, new) for each."""
    edits = re.findall(r"in\s+`([^`]+)`\s+change\s+`([^`]+)`\s+to\s+`([^`]+)`", " ".join(part("### Session 1").split()))
    assert len(edits) >= 2, "Session 1 names no rule change"
    for name, old, new in edits:
        path = kit / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{name}: `{old}` found {text.count(old)} times, expected once"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return edits


def practice_row(kit: Path) -> None:
    """Session 4, step 2: the last row copied to a new line, with the next TR-NNN id and `abc` as value_low."""
    path = kit / "data" / "troop_reports.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    last = dict(rows[-1])
    last["report_id"] = f"TR-{max(int(r['report_id'][3:]) for r in rows) + 1:03d}"
    last["value_low"] = "abc"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writerow(last)
    with open(path, "a", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def _run(job: tuple[str, Path, list[str]]) -> tuple[str, list[str]]:
    name, kit, code = job
    return name, run_cells(kit, code)


@pytest.fixture(scope="module")
def runs(editions, tmp_path_factory):
    """Four runs, each in its own copy of the kit: {name: (kit folder, outputs of each cell)}."""
    zip_path = editions / f"{BUNDLE_NAME}.zip"
    base = tmp_path_factory.mktemp("activities")
    readme = [c for c in cells(KIT_README) if "/content" not in c]  # the Colab set-up needs Colab
    s1 = cells(part("### Session 1"))
    plain = [s1[0]] + [c for h in ("### Session 0", "### Session 2", "### Session 3", "### Session 5",
                                   "### Session 6", "### Week 8") for c in cells(part(h))] + readme
    kits = {name: fresh_kit(zip_path, base / name) for name in ("plain", "session1", "session4", "session7")}
    session_1_edits(kits["session1"])
    practice_row(kits["session4"])
    s4 = cells(part("### Session 4"))
    jobs = [("plain", kits["plain"], plain), ("session1", kits["session1"], s1),
            ("session4", kits["session4"], s4 + [s4[0]]),  # the check, the restore, the check again
            ("session7", kits["session7"], cells(part("### Session 7")))]
    with ProcessPoolExecutor(max_workers=2) as pool:
        outputs = dict(pool.map(_run, jobs))
    return {name: (kits[name], outputs[name]) for name in kits}


def test_every_session_and_theory_week_has_kit_cells():
    for heading in [f"### Session {n}" for n in range(8)] + ["### Week 8"]:
        assert cells(part(heading)), f"{heading}: no cell for the kit route"


def test_the_plain_activities_run_in_the_kit(runs):
    kit, outputs = runs["plain"]
    assert all(isinstance(o, str) for o in outputs)
    assert not (kit / ".git").exists() and not (kit / "Makefile").exists()


def test_session_1_rule_change_moves_the_ledger_and_the_zip_restores_it(runs, editions):
    kit, outputs = runs["session1"]
    before = runs["plain"][1][0]  # the same check cell, on the unedited kit
    assert outputs[0] != before, "the rule changes of Session 1 moved no verdict"
    with zipfile.ZipFile(editions / f"{BUNDLE_NAME}.zip") as zf:
        original = zf.read(f"{BUNDLE_NAME}/helpers/analysis/ledger.py")
    assert (kit / "helpers" / "analysis" / "ledger.py").read_bytes() == original, "the restore cell failed"


def test_session_4_check_names_file_line_and_column_then_passes(runs):
    kit, outputs = runs["session4"]
    first, _, again = outputs
    lines = len(read_csv("troop_reports")) + 2  # the header, the rows, the practice row
    assert f"data/troop_reports.csv:{lines}: value_low: found 'abc'" in first, first
    assert again.startswith("No problems"), again


def test_session_7_switch_keeps_the_data_known_on_the_date(runs):
    _, outputs = runs["session7"]
    known = sum(r["date"] <= "2024-11-01" for r in read_csv("missile_launches"))
    assert f"missiles known on 1 November 2024: {known}" in "".join(outputs)
