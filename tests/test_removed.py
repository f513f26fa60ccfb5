"""Rows removed on purpose are kept, whole, in data/removed/: each names its dataset, a known reason and
the row itself, and no removed row is still in its dataset unchanged."""
from __future__ import annotations

import csv
import json

from conftest import DATA, read_csv
from helpers.data.schemas import DATASETS

REASONS = {"unverified", "duplicate", "encyclopedia_only", "launch_count", "not_chinas_act", "typo"}


def removed_rows() -> list[dict]:
    out = []
    for path in sorted((DATA / "removed").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            out += [dict(r, _file=path.name) for r in csv.DictReader(f)]
    return out


def test_every_removed_row_is_whole_and_explained():
    rows = removed_rows()
    assert len(rows) >= 40  # the November 2026 re-verification alone removed more
    for r in rows:
        where = f"{r['_file']}: {r['dataset']} {r['row'][:80]}"
        assert r["dataset"] in DATASETS, where
        assert r["reason_class"] in REASONS and len(r["reason"]) > 20, where
        assert r["_file"].startswith(r["removed_on"]), where
        row = json.loads(r["row"])
        assert row.get("source_url") or row.get("check_source_url"), where
        assert set(DATASETS[r["dataset"]].key) <= set(row), where


def test_removed_rows_are_gone_from_their_dataset():
    current = {name: [tuple(sorted(r.items())) for r in read_csv(name)] for name in DATASETS}
    still = [f"{r['dataset']}: {r['row'][:100]}" for r in removed_rows()
             if tuple(sorted(json.loads(r["row"]).items())) in current[r["dataset"]]]
    assert not still, "\n".join(still)
