"""Facts about the data as a whole: the data cut-off date and the changelog (data/CHANGELOG.md)."""
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


def event_phrase(title: str, date) -> str:
    """An event named in a sentence: 'Seoul announces new drills (2 November 2026)'. The title stays as the data
    write it: titles begin with a name as often as not (Seoul, Kim, NATO), so lower-casing their first letter
    after 'the' would turn 'Seoul announces' into 'the seoul announces'."""
    import pandas as pd

    return f"{str(title).strip().rstrip('.')} ({pd.Timestamp(date):%-d %B %Y})"
