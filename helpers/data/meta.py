"""Facts about the data as a whole: the changelog (data/CHANGELOG.md) and the day the sources were last searched,
kept apart from how far each dataset reaches (computed from the rows: data_reach, coverage_label)."""
from __future__ import annotations

import datetime as dt

from . import paths
from .changelog import Entry, read as read_changelog  # noqa: F401  (Entry: the type changelog() returns)
from .load import COVERAGE, as_of, coverage_text, record_read


def changelog() -> list[Entry]:
    """Entries of data/CHANGELOG.md, newest first (helpers/data/changelog.py reads and checks them).
    Raises ValueError naming the first problem (file:line: found X, expected Y) if the file has any."""
    path = paths.data_dir() / "CHANGELOG.md"
    record_read(path)
    entries, problems = read_changelog(path)
    if problems:
        raise ValueError(str(problems[0]))
    return entries


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


def event_phrase(title: str, date) -> str:
    """An event named in a sentence: 'Seoul announces new drills (2 November 2026)'. The title stays as the data
    write it: titles begin with a name as often as not (Seoul, Kim, NATO), so lower-casing their first letter
    after 'the' would turn 'Seoul announces' into 'the seoul announces'."""
    import pandas as pd

    return f"{str(title).strip().rstrip('.')} ({pd.Timestamp(date):%-d %B %Y})"
