"""`python -m helpers release VERSION`, run on a temporary copy of the data and of CITATION.cff: it bumps the
version and date, records every claim's verdicts, adds a changelog entry that `make check` accepts, refuses a
version that is not new (writing nothing), and "What changed" lists the verdict changes between the last two
releases."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, copy_with_package
from helpers.analysis import ledger
from helpers.data.changelog import read as read_changelog


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("release")
    folder = copy_with_package(tmp)
    shutil.rmtree(folder / "releases", ignore_errors=True)  # start with no release recorded
    shutil.copyfile(ROOT / "CITATION.cff", tmp / "CITATION.cff")
    return folder, tmp / "CITATION.cff"


def release(folder, citation, *args):
    env = dict(os.environ, TRIANGLE_DATA_DIR=str(folder))
    return subprocess.run([sys.executable, "-m", "helpers", "release", *args, "--data-dir", str(folder),
                           "--citation", str(citation)], cwd=ROOT, capture_output=True, text=True, env=env)


def _snapshot(folder, citation) -> dict:
    files = [citation, folder / "CHANGELOG.md", *sorted((folder / "releases").glob("*.json"))]
    return {str(p): p.read_bytes() for p in files if p.exists()}


def _next(version: str, step: int = 1) -> str:
    major, minor, patch = map(int, version.split("."))
    return f"{major}.{minor + step}.0"


def test_release_bumps_citation_records_verdicts_and_adds_a_changelog_entry(copy):
    folder, citation = copy
    before = yaml.safe_load(citation.read_text(encoding="utf-8"))
    version = _next(str(before["version"]))
    proc = release(folder, citation, version)
    assert proc.returncode == 0, proc.stderr
    today = dt.date.today().isoformat()
    after = yaml.safe_load(citation.read_text(encoding="utf-8"))
    assert (str(after["version"]), str(after["date-released"])) == (version, today)
    assert {k: v for k, v in after.items() if k not in ("version", "date-released")} == \
        {k: v for k, v in before.items() if k not in ("version", "date-released")}
    record = json.loads((folder / "releases" / f"{version}.json").read_text(encoding="utf-8"))
    assert (record["version"], record["date_released"]) == (version, today)
    assert [c["claim_id"] for c in record["claims"]] == [c.claim_id for c in ledger.CLAIMS]
    assert all(len(c["rules"]) == len(claim.rules) for c, claim in zip(record["claims"], ledger.CLAIMS))
    entries, problems = read_changelog(folder / "CHANGELOG.md")
    assert problems == [] and entries[0].date.isoformat() == today
    assert f"Release {version}" in entries[0].body and f"data/releases/{version}.json" in entries[0].body
    check = subprocess.run([sys.executable, "-m", "helpers", "validate", str(folder)], cwd=ROOT,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("bad,message", [
    ("same", "expected a version above"),
    ("0.1", "expected MAJOR.MINOR.PATCH"),
    ("v9.0.0", "expected MAJOR.MINOR.PATCH"),
])
def test_a_version_that_is_not_new_writes_nothing(copy, bad, message):
    folder, citation = copy
    current = str(yaml.safe_load(citation.read_text(encoding="utf-8"))["version"])
    before = _snapshot(folder, citation)
    proc = release(folder, citation, current if bad == "same" else bad)
    assert proc.returncode == 1 and message in proc.stderr and "Nothing was written." in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _snapshot(folder, citation) == before


def test_bad_data_stops_a_release(copy, tmp_path):
    folder, citation = copy
    broken = tmp_path / "data"
    shutil.copytree(folder, broken)
    path = broken / "events.csv"
    path.write_text(path.read_text(encoding="utf-8") + "EV-2026-broken,not a date\n", encoding="utf-8")
    before = _snapshot(broken, citation)
    version = _next(str(yaml.safe_load(citation.read_text(encoding="utf-8"))["version"]), 5)
    proc = release(broken, citation, version)
    assert proc.returncode == 1 and "data/events.csv" in proc.stderr and "Nothing was written." in proc.stderr
    assert _snapshot(broken, citation) == before


def test_what_changed_lists_the_verdict_changes_between_the_last_two_releases(copy, monkeypatch):
    from helpers.tools.pages import release_changes

    folder, citation = copy
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    if not list((folder / "releases").glob("*.json")):  # run alone: make the first release here
        assert release(folder, citation, _next(str(yaml.safe_load(citation.read_text(encoding="utf-8"))["version"]))
                       ).returncode == 0
    assert len(list((folder / "releases").glob("*.json"))) == 1
    assert "is the first whose verdicts are recorded" in " ".join(release_changes())
    # Make the recorded release differ on the first claim, as if its verdict had been another then.
    first = next((folder / "releases").glob("*.json"))
    record = json.loads(first.read_text(encoding="utf-8"))
    claim = record["claims"][0]
    now = claim["rules"][0]["all_data"]["verdict"]
    then = next(v for v in ledger.VERDICTS if v != now)
    claim["rules"][0]["all_data"]["verdict"] = then
    first.write_text(json.dumps(record), encoding="utf-8")
    version = _next(record["version"])
    proc = release(folder, citation, version)
    assert proc.returncode == 0, proc.stderr
    change = f"{claim['claim_id']}: {then} → {now}"
    assert change in read_changelog(folder / "CHANGELOG.md")[0][0].body
    lines = release_changes()
    assert f"- {change}" in lines and f"release {version}" in " ".join(lines)
    assert sum(line.startswith("- ") for line in lines) == 1  # only the claim that changed
