"""Read and check data/CHANGELOG.md: one entry per update, newest first, each under a heading

    ## 2026-11-30 · data cut-off 2026-11-30      (or, typed on any keyboard)
    ## 2026-11-30 - data cut-off 2026-11-30

Every bad heading is reported as `file:line: found X, expected Y`, like a bad CSV cell (helpers/data/validate.py).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .validate import Problem, read_text

# The middle dot, or an ASCII dash typed on any keyboard (an en or em dash too).
HEADING = re.compile(r"^## (\S+) (?:·|--?|–|—) data cut-off (\S+)\s*$")
FORM = "'## YYYY-MM-DD · data cut-off YYYY-MM-DD' (or ' - ' for the '·')"


@dataclass(frozen=True)
class Entry:
    date: dt.date  # the day of the update
    cutoff: dt.date  # the day the sources were last searched
    body: str
    line: int = 0  # the heading's line in the file


def _date(text: str, what: str, label: str, line: int, problems: list[Problem]) -> dt.date | None:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        value = dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(label, line, "", f"{what} {text!r}", "a real date as YYYY-MM-DD"))
        return None
    if value > dt.date.today():
        problems.append(Problem(label, line, "", f"{what} {text}", f"a date no later than today ({dt.date.today()})"))
        return None
    return value


def parse(text: str, label: str = "data/CHANGELOG.md") -> tuple[list[Entry], list[Problem]]:
    """Entries (newest first) and every problem in the text; never raises on bad input."""
    problems: list[Problem] = []
    entries: list[Entry] = []
    current: tuple[dt.date, dt.date, int] | None = None
    body: list[str] = []

    def close() -> None:
        if current:
            entries.append(Entry(current[0], current[1], "\n".join(body).strip(), current[2]))

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("## "):
            if current:
                body.append(line)
            continue
        close()
        current, body = None, []
        match = HEADING.match(line)
        if not match:
            shown = line if len(line) <= 70 else line[:67] + "..."
            problems.append(Problem(label, number, "", f"the heading {shown!r}", f"a heading {FORM}"))
            continue
        date = _date(match[1], "update date", label, number, problems)
        cutoff = _date(match[2], "data cut-off", label, number, problems)
        if date and cutoff and cutoff > date:
            problems.append(Problem(label, number, "", f"data cut-off {cutoff} after the update date {date}",
                                    "the day the sources were last searched, on or before the update"))
        elif date and cutoff:
            current = (date, cutoff, number)
    close()
    if not entries and not problems:
        problems.append(Problem(label, 0, "", "no entry", f"at least one entry under a heading {FORM}"))
    return sorted(entries, key=lambda e: e.date, reverse=True), problems


def read(path: Path) -> tuple[list[Entry], list[Problem]]:
    """The entries of a changelog file and its problems (a missing or unreadable file is a problem too)."""
    text, problems = read_text(path, "a changelog (data/CHANGELOG.md)")
    if text is None:
        return [], problems
    label = "data/CHANGELOG.md" if path.parent.name == "data" else path.name
    return parse(text, label)


def heading(date: dt.date, cutoff: dt.date) -> str:
    """The heading of a new entry, in the form the site and the checks read."""
    return f"## {date.isoformat()} · data cut-off {cutoff.isoformat()}"
