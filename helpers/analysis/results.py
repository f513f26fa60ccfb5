"""Key results a notebook computes, recorded so tests can check them against the data independently."""
from __future__ import annotations

import json
import os
from pathlib import Path


def record(key: str, value):
    """Remember one headline number (or short list) under `key`; returns the value for inline use."""
    target = os.environ.get("TRIANGLE_RESULTS")
    if target:
        path = Path(target)
        found = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        found[key] = value
        path.write_text(json.dumps(found, indent=1, sort_keys=True, default=str), encoding="utf-8")
    return value


def model_answer(label: str, text: str, **values):
    """An exercise's model answer in prose, for markers: `text` with its `{placeholders}` filled from `values`
    (str.format syntax, e.g. `{share:.0%}`). The values are recorded under `answer:<label>`, so a test recomputes
    each from the CSVs and checks that every number in the answer comes from them. Place the call inside the
    exercise's gated solution (`solution-start` ... `solution-end`): the student editions and the student site
    leave it out."""
    from IPython.display import Markdown

    record(f"answer:{label}", values)
    return Markdown("**Model answer.** " + text.format(**values))
