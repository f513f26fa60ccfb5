"""Facts about the data as a whole: the changelog (data/CHANGELOG.md) and the day the sources were last searched,
kept apart from how far each dataset reaches (computed from the rows: data_reach, coverage_label)."""
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


def last_searched() -> dt.date:
    """The day the sources were last searched: the newest changelog entry's "data cut-off" (in an as-of build,
    the as-of date if that is earlier, since nothing later is used). It is not how far any dataset reaches: a
    search can find nothing new, so use data_reach or coverage_label for what the data cover."""
    searched = changelog()[0].cutoff
    limit = as_of()
    return min(searched, limit) if limit else searched


def data_reach(names) -> dt.date:
    """The last day every named dataset reaches (each dataset's latest row date, the earliest of those), from
    the data loaded in this session: a chart drawing several datasets is complete to this day."""
    missing = [n for n in names if n not in COVERAGE]
    if missing:
        raise KeyError(f"{', '.join(missing)} not loaded in this session, so how far it reaches is unknown")
    reached = [COVERAGE[n] for n in names if COVERAGE[n] is not None]
    if not reached:
        raise ValueError(f"{', '.join(names)}: no dated row, so the data reach no date")
    return min(reached).date()


def coverage_label(names=None) -> str:
    """How far the data behind a chart or sentence reach, computed from the data themselves: the named datasets,
    or every dataset loaded so far. In an as-of build it starts with the as-of date."""
    limit = as_of()
    prefix = f"As-of build (data known on {limit.isoformat()}); " if limit and limit < changelog()[0].cutoff else ""
    if not names and not COVERAGE:
        raise ValueError("no dataset loaded yet: load the data first or name the datasets the chart draws")
    return f"{prefix}Data: {coverage_text(names)}"


def not_yet_known(what: str) -> str:
    """The sentence an as-of build shows where a chart, figure or event did not exist yet on its date:
    'Not yet known on 1 Nov 2024: what.' (Outside an as-of build: 'Not in the data: what.')"""
    limit = as_of()
    return f"Not yet known on {limit:%-d %b %Y}: {what}." if limit else f"Not in the data: {what}."
