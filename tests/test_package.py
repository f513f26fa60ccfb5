"""The Frictionless Data Package (data/datapackage.json): generated from the schemas, valid for the
`frictionless` library, current with the data, and the record of how many rows each dataset had."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import frictionless
import pytest

from conftest import DATA, ROOT, copy_with_package, TEST_EVENT_ROW
from helpers.data.package import TYPES, describe, render, write
from helpers.data.schemas import DATASETS, TABLES


def run_package(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "package", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def errors(report) -> list:
    return report.flatten(["taskNumber", "rowNumber", "fieldName", "type", "note"])


@pytest.fixture
def folder(tmp_path):
    return copy_with_package(tmp_path)


def test_shipped_package_is_current():
    proc = run_package("--check")
    assert proc.returncode == 0, proc.stderr + "\n(after changing data or schemas: python -m helpers package)"


def test_shipped_package_is_valid_for_frictionless():
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, errors(report)[:20]
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(TABLES)  # the datasets, then the register
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_fields_carry_the_schema_types_and_constraints(folder):
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res, schema in zip(package["resources"], TABLES.values(), strict=True):
        assert res["path"] == schema.file and res["description"].startswith(schema.row)
        assert res["hash"].startswith("sha256:") and res["bytes"] == (folder / schema.file).stat().st_size
        assert res["sources"] or res["rows"] == 0 or not schema.sourced  # the search log, the register
        for f, col in zip(res["schema"]["fields"], schema.columns, strict=True):
            constraints = f.get("constraints", {})
            assert (f["name"], f["type"], f["description"]) == (col.name, TYPES[col.kind], col.description)
            assert constraints.get("required", False) == col.required
            assert constraints.get("enum", []) == list(col.allowed)
            assert constraints.get("minimum") == col.minimum and constraints.get("maximum") == col.maximum
            assert col.pattern is None or constraints["pattern"] == col.pattern
    rows = frictionless.Package(str(folder / "datapackage.json")).get_resource("troop_reports").read_rows()
    assert isinstance(rows[0]["report_date"], dt.date) and rows[0]["value_high"] >= 0  # typed on loading


def test_frictionless_enforces_the_constraints_and_the_counts(folder):
    launches = folder / "missile_launches.csv"
    launches.write_text(launches.read_text(encoding="utf-8").replace(",SRBM,", ",Scud,", 1), encoding="utf-8")
    troops = folder / "troop_reports.csv"
    troops.write_text("".join(troops.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]),
                      encoding="utf-8")
    found = {(e[2], e[3]) for e in errors(frictionless.validate(str(folder / "datapackage.json")))}
    assert ("missile_type", "constraint-error") in found, found
    assert {(None, "row-count"), (None, "hash-count")} <= found, found


def test_spreadsheet_save_still_loads_in_frictionless(folder):
    path = folder / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    ok, messages = write(folder)
    assert ok, messages
    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, errors(report)[:10]


def test_package_is_deterministic(folder):
    text = (folder / "datapackage.json").read_text(encoding="utf-8")
    removals = {r["name"]: r.get("removals", []) for r in json.loads(text)["resources"]}  # recorded history
    assert render(describe(folder, removals)) == text  # no build time, sorted keys: safe to check in


def test_check_says_which_dataset_is_stale(folder):
    assert run_package("--check", folder).returncode == 0
    events = folder / "events.csv"
    n = len(events.read_text(encoding="utf-8").splitlines()) - 1
    with open(events, "a", encoding="utf-8", newline="") as f:
        f.write(TEST_EVENT_ROW)
    proc = run_package("--check", folder)
    assert proc.returncode == 1
    assert f"events: {n} rows recorded, {n + 1} found" in proc.stderr, proc.stderr
    assert "python -m helpers package" in proc.stderr


def test_a_removal_must_be_recorded_on_purpose(folder):
    troops = folder / "troop_reports.csv"
    lines = troops.read_text(encoding="utf-8").splitlines(keepends=True)
    troops.write_text("".join(lines[:-3]), encoding="utf-8")
    proc = run_package(folder)
    assert proc.returncode == 1
    assert "3 row(s) are gone" in proc.stderr and "datapackage.json was not written" in proc.stderr
    assert run_package(folder, "--removed", "troop_reports").returncode == 1  # no reason given
    proc = run_package(folder, "--removed", "troop_reports", "--why", "duplicates of TR-001")
    assert proc.returncode == 0, proc.stderr
    res = next(r for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]
               if r["name"] == "troop_reports")
    assert res["rows"] == len(lines) - 4
    assert res["removals"] == [{"rows": 3, "why": "duplicates of TR-001", "date": dt.date.today().isoformat()}]
    assert run_package("--check", folder).returncode == 0  # the record survives regeneration
    assert "no row is gone" in run_package(folder, "--removed", "events", "--why", "x").stderr
    assert run_package(folder).returncode == 0
    assert "removals" in (folder / "datapackage.json").read_text(encoding="utf-8")
