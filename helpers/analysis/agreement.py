"""Agreement between two coders (per cent and Cohen's kappa), read from the stored second codings in data/coding/.

Each file `data/coding/<dataset>.csv` holds one row per (row, coded column): the first coder's code, the blind
second coder's, the settled code (the one the dataset carries) and, where the two differ, the reason."""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass

from ..data import paths
from ..data.load import record_read


@dataclass(frozen=True)
class Agreement:
    dataset: str
    column: str
    n: int
    agreed: int
    kappa: float

    @property
    def share(self) -> float:
        return self.agreed / self.n if self.n else float("nan")


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Cohen's kappa for two coders' labels on the same items: (observed - chance) / (1 - chance)."""
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[k] * second[k] for k in first.keys() | second.keys()) / (n * n)
    return 1.0 if chance == 1 else (observed - chance) / (1 - chance)


def codings(dataset: str) -> list[dict]:
    path = paths.data_dir() / "coding" / f"{dataset}.csv"
    record_read(path)
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def agreement(dataset: str) -> list[Agreement]:
    """One Agreement per coded column of `dataset`, in the order the file first names them."""
    rows = codings(dataset)
    out = []
    for column in dict.fromkeys(r["column"] for r in rows):
        pairs = [(r["first"], r["second"]) for r in rows if r["column"] == column]
        out.append(Agreement(dataset, column, len(pairs), sum(a == b for a, b in pairs), cohen_kappa(pairs)))
    return out


def sentence(a: Agreement, label: str) -> str:
    """'the two coders agreed on 163 of 176 stances (93 %, kappa 0.86)'."""
    return f"the two coders agreed on {a.agreed} of {a.n} {label} ({a.share:.0%}, kappa {a.kappa:.2f})"
