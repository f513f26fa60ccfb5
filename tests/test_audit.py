"""`python -m helpers audit` on a made-up data folder: it lists per dataset the rows that break a rule, the rows
that differ on purpose, notes that name another outlet than the source's, and copies that name no original; it
changes nothing."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import DATA, ROOT
from helpers.data import outlets
from helpers.data.schemas import DATASETS
from helpers.tools.audit import audit, report
from test_coding_rules import edit


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def kind_of(url: str) -> str:
    return outlets.read(DATA).lookup(url)["kind"]


def test_audit_lists_each_class_of_problem(folder):
    # a made-up copy that names no original, notes naming another outlet, a broken rule and a stated reason
    copy = edit(folder, "aid", lambda r: kind_of(r["source_url"]) == "news",
                source_url="https://v.daum.net/v/1", source_kind="mirror", source_name="Daum — a made-up title",
                notes="delivered: made-up row")
    other = edit(folder, "events", lambda r: kind_of(r["source_url"]) == "news" and "Reuters" not in r["source_name"]
                 and "Reuters" not in r["source_quote"], notes="Reuters added a detail this page does not carry.")
    broken = edit(folder, "troop_reports", lambda r: r["reporter_kind"] == "intelligence", status="claim")
    said = edit(folder, "trade", lambda r: r["reporter_series"] == "other" and "[" not in r["notes"],
                notes="ITC figure [reporter_series: made-up reason why this row differs]")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    found = audit(folder)
    assert (copy, "Daum — a made-up title") in found["aid"].unnamed_copies
    assert any(line == other and "Reuters" in names for line, _, names in found["events"].other_outlets)
    assert any(p.line == broken and p.column == "reporter_kind" for p in found["troop_reports"].broken)
    assert (said, "reporter_series", "made-up reason why this row differs") in found["trade"].explained
    text = report(found)
    assert f"copy, no original named: data/aid.csv:{copy}: Daum — a made-up title" in text
    assert f"notes name: data/events.csv:{other}:" in text
    assert f"breaks: data/troop_reports.csv:{broken}: reporter_kind:" in text
    assert f"says why: data/trade.csv:{said}: [reporter_series: made-up reason why this row differs]" in text
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before  # it only reads


def test_a_copy_that_names_its_original_and_the_same_figure_convention_are_not_listed(folder):
    copy = edit(folder, "aid", lambda r: kind_of(r["source_url"]) == "news",
                source_url="https://v.daum.net/v/1", source_kind="mirror", source_name="Yonhap (via Daum) — title",
                notes="delivered: made-up row; same figure also in: Reuters — a title")
    found = audit(folder)["aid"]
    assert copy not in [line for line, _ in found.unnamed_copies]
    assert copy not in [line for line, _, _ in found.other_outlets]


def test_cli_prints_a_section_per_dataset_and_a_total(folder):
    proc = subprocess.run([sys.executable, "-m", "helpers", "audit", str(folder)], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    heads = [line for line in proc.stdout.splitlines() if line.startswith("## ")]
    assert len(heads) == len(DATASETS) and proc.stdout.rstrip().splitlines()[-1].startswith("Total: ")
    assert "Traceback" not in proc.stdout + proc.stderr
