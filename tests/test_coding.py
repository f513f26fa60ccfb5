"""The second codings in data/coding/: complete, settled into the datasets, and their kappa recomputed here
independently of helpers/analysis/agreement.py. Holds for any valid data (the update contract): a new row needs
its second coding, and a disagreement needs its reason."""
from __future__ import annotations

import csv
from collections import Counter

import pytest

from conftest import DATA, read_csv
from helpers.analysis.agreement import agreement, cohen_kappa
from helpers.data.schemas import DATASETS

CODED = {"china_signals": ("signal_id", ("stance", "mentions_denuclearisation")),
         "dprk_signals": ("signal_id", ("tone",)),
         "china_private_views": ("view_id", ("view", "reliability")),
         "rok_measures": ("measure_id", ("direction", "stage"))}


def coding(name):
    with open(DATA / "coding" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", CODED)
def test_every_row_is_coded_twice_and_the_dataset_carries_the_settled_code(name):
    idcol, columns = CODED[name]
    rows = {r[idcol]: r for r in read_csv(name)}
    coded = {(c["row_id"], c["column"]): c for c in coding(name)}
    for row_id, row in rows.items():
        for column in columns:
            c = coded.get((row_id, column))
            assert c, f"data/coding/{name}.csv: no second coding of {row_id} {column}"
            allowed = DATASETS[name].column(column).allowed
            assert {c["first"], c["second"], c["settled"]} <= set(allowed), (row_id, column)
            assert c["settled"] == row[column], f"{name} {row_id} {column}: dataset has {row[column]!r}, settled {c['settled']!r}"
            if c["first"] != c["second"] or c["settled"] != c["first"]:
                assert len(c["reason"]) > 15, f"data/coding/{name}.csv: {row_id} {column} settled without a reason"
    assert {k[0] for k in coded} <= set(rows), "a coding names a row the dataset does not have"


def _kappa(pairs):
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / n ** 2
    return (po - pe) / (1 - pe)


@pytest.mark.parametrize("name", CODED)
def test_kappa_recomputed(name):
    for a in agreement(name):
        pairs = [(c["first"], c["second"]) for c in coding(name) if c["column"] == a.column]
        assert a.n == len(pairs) and a.agreed == sum(x == y for x, y in pairs)
        if len({p for pair in pairs for p in pair}) > 1:
            assert a.kappa == pytest.approx(_kappa(pairs))


def test_kappa_on_known_cases():
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    # 20 items: 15 agreements; marginals 10/10 and 10/10 -> chance 0.5 -> kappa 0.5
    pairs = [("y", "y")] * 8 + [("n", "n")] * 7 + [("y", "n")] * 2 + [("n", "y")] * 3
    assert cohen_kappa(pairs) == pytest.approx((15 / 20 - 0.5) / 0.5)
