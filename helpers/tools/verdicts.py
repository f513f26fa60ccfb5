"""Every claim's verdicts as plain data, for `verdicts.json` (written by the build into the site and _build/) and
for the release records in data/releases/ (helpers/tools/release.py).

Each claim lists every rule (the main one first, then the variants), each judged twice: on the data known on
the article's date and on all data. A verdict carries whatever the ledger gives (verdict and evidence, and,
where the ledger provides them, the rows it rests on, the date its window ends, its distance to flipping):
fields are read as they come, so a new field of the ledger's Verdict appears here without a code change.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math

JUDGED = ("article", "all_data")  # the two dates every rule is judged on, in this order


def plain(value):
    """A JSON-ready copy of a value the ledger returns (dataclasses, frames, dates, numpy numbers, sets)."""
    import numpy as np
    import pandas as pd

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, pd.DataFrame):
        return [plain(r) for r in value.reset_index(drop=value.index.name is None).to_dict("records")]
    if isinstance(value, pd.Series):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _fields(verdict_or_row, skip=("claim_id",)) -> dict:
    found = plain(verdict_or_row)
    return {k: v for k, v in found.items() if k not in skip}


def collect(as_of: dt.date | None = None) -> dict:
    """Every claim, every rule, its verdict on the article's date and on all data (all the data this build may
    use: the data known on `as_of` in an as-of build)."""
    from ..analysis import ledger

    # On all data the ledger judges on the date it is run (the build's date), or on the as-of date; an as-of build
    # before the article's date judges the article's claims on what was known by then.
    article = min(ledger.ARTICLE_DATE, as_of) if as_of else ledger.ARTICLE_DATE
    known_by = {"article": article, "all_data": as_of}
    dates = {"article": article, "all_data": as_of or dt.date.today()}
    mains = {when: ledger.evaluate(day) for when, day in known_by.items()}
    tables = {when: ledger.robustness(day) for when, day in known_by.items()}
    claims = []
    for claim in ledger.CLAIMS:
        rules = []
        for i, rule in enumerate(claim.rules):
            entry = {"rule": rule.name, "main": i == 0, "description": rule.description}
            for when in JUDGED:
                table = tables[when]
                row = table[(table["claim_id"] == claim.claim_id) & (table["rule"] == rule.name)]
                found = _fields(row.iloc[0].to_dict(), skip=("claim_id", "kind", "rule", "main", "description",
                                                           "agrees")) if len(row) else {}
                if i == 0:  # the main rule: the ledger's own Verdict, with any field it carries
                    found = {**found, **_fields(mains[when][claim.claim_id])}
                entry[when] = found
            rules.append(entry)
        # Every field of the claim as the ledger states it (text, kind, notebook, what counts against it ...).
        claims.append({**{k: v for k, v in plain(claim).items() if k != "rules"}, "rules": rules})
    not_tested = [{"words": words, "why": why} for words, why in getattr(ledger, "NOT_TESTED", ())]
    return {"judged_on": {k: v.isoformat() for k, v in dates.items()},
            "as_of_build": as_of.isoformat() if as_of else None,
            "verdicts": list(ledger.VERDICTS), "claims": claims, "not_tested": not_tested}


def main_verdicts(record: dict, when: str = "all_data") -> dict[str, str]:
    """{claim_id: verdict} of the main rules in a record that `collect` made (or a release recorded)."""
    out = {}
    for claim in record.get("claims", []):
        main = next((r for r in claim.get("rules", []) if r.get("main")), None)
        if main and main.get(when, {}).get("verdict"):
            out[claim["claim_id"]] = main[when]["verdict"]
    return out
