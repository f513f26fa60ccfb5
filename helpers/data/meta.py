"""Facts about the data as a whole: the data cut-off date and the changelog (data/CHANGELOG.md)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import paths
from .load import COVERAGE, as_of, coverage_text, record_read

# A changelog entry starts with a heading like: ## 2026-11-28 · data cut-off 2026-11-28
ENTRY = re.compile(r"^## (\d{4}-\d{2}-\d{2}) · data cut-off (\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True)
class Entry:
    date: dt.date
    cutoff: dt.date
    body: str


def changelog() -> list[Entry]:
    """Entries of data/CHANGELOG.md, newest first. Raises ValueError if there is none."""
    path = paths.data_dir() / "CHANGELOG.md"
    record_read(path)
    entries, current, body = [], None, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("## "):
            match = ENTRY.match(line)
            if not match:
                raise ValueError(f"{path.name}:{number}: found {line!r}, expected '## YYYY-MM-DD · data cut-off YYYY-MM-DD'")
            if current:
                entries.append(Entry(*current, "\n".join(body).strip()))
            current, body = (dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])), []
        elif current:
            body.append(line)
    if current:
        entries.append(Entry(*current, "\n".join(body).strip()))
    if not entries:
        raise ValueError(f"{path.name}: found no entry, expected at least one '## YYYY-MM-DD · data cut-off ...'")
    return sorted(entries, key=lambda e: e.date, reverse=True)


def data_cutoff() -> dt.date:
    """The date the data runs to: the newest changelog cut-off, or the as-of date if that is earlier."""
    cutoff = changelog()[0].cutoff
    limit = as_of()
    return min(cutoff, limit) if limit else cutoff


def cutoff_label(names=None) -> str:
    """How far the data behind a chart or sentence reach, computed from the data themselves: the named datasets,
    or every dataset loaded so far. Falls back to the changelog only when nothing has been loaded."""
    limit = as_of()
    prefix = f"As-of build (data known on {limit.isoformat()}); " if limit and limit < changelog()[0].cutoff else ""
    if names or COVERAGE:
        return f"{prefix}Data: {coverage_text(names)}"
    return prefix + f"Data to {data_cutoff().isoformat()}"
