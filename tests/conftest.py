"""Shared fixtures. The `site` fixture runs the real build (validate -> execute every notebook -> Sphinx)
into a temporary folder once per test session, so notebook assertions and site checks share one build
and the repository's own _build/ and figures/ are left alone."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# A valid events row dated before the cut-off, for tests that add a row (column order as helpers/data/schemas.py).
TEST_EVENT_ROW = ("EV-2026-test-event,2026-11-01,,day,other,PRK;RUS,Test,Test row.,,Test words,Test,"
                  "https://www.yna.co.kr/test,,news,\n")


@dataclass
class Built:
    root: Path
    log: str

    @property
    def html(self) -> Path:
        return self.root / "html"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    def results(self, notebook_stem: str) -> dict:
        path = self.root / "executed" / f"{notebook_stem}.results.json"
        assert path.exists(), f"{notebook_stem} recorded no results (did it run?)"
        return json.loads(path.read_text(encoding="utf-8"))


def run_build(root: Path, *args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, TRIANGLE_BUILD_DIR=str(root), TRIANGLE_FIGURES_DIR=str(root / "figures"),
               **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "helpers", "build", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("build")
    proc = run_build(root)
    assert proc.returncode == 0, f"build failed:\n{proc.stdout}\n{proc.stderr}"
    return Built(root, proc.stdout)


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Path:
    """The student editions and the student kit (triangle-seminar.zip), written once per test session."""
    out = tmp_path_factory.mktemp("student")
    proc = subprocess.run([sys.executable, "-m", "helpers", "student", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return out


def read_csv(name: str) -> list[dict]:
    """Independent reading of a data file with the csv module (not the project's loaders)."""
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def copy_with_package(tmp_path: Path) -> Path:
    """A copy of data/ with a datapackage.json written for exactly that data (the checked-in one may lag)."""
    import shutil

    from helpers.data.package import write

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    ok, messages = write(folder)
    assert ok, messages
    return folder


def known_on_csv(name: str, row: dict):
    """The day a CSV row became known, by the rule written out again here (not the loader's code): the later of
    the end of its date's precision period and the earliest of its source dates; with no later source date, the
    end plus the dataset's publication lag. None for a row without its own date."""
    import calendar
    import datetime as dt

    from helpers.data.schemas import DATASETS

    schema = DATASETS[name]
    raw = row[schema.known_date]
    if not raw:
        return None
    if schema.column(schema.known_date).kind == "int":
        end = dt.date(int(raw), 12, 31)
    else:
        day = dt.date.fromisoformat(raw)
        precision = row.get(schema.known_precision or "", "") or "day"
        month = {"day": None, "month": day.month, "quarter": (day.month + 2) // 3 * 3, "year": 12}[precision]
        end = day if month is None else dt.date(day.year, month, calendar.monthrange(day.year, month)[1])
    published = [dt.date.fromisoformat(row[c]) for c in schema.known_sources if row.get(c)]
    if published and min(published) > end:
        return min(published)
    return end + dt.timedelta(days=schema.publication_lag_days)


def write_rows(folder: Path, name: str, rows: list[dict]) -> None:
    """Append rows (dicts by column name; missing columns empty) to a dataset's CSV in a data copy."""
    from helpers.data.schemas import DATASETS

    with open(folder / f"{name}.csv", "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=DATASETS[name].column_names, restval="").writerows(rows)
