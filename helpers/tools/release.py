"""Data releases: `python -m helpers release VERSION` bumps CITATION.cff (version, date-released), records the
release's verdicts in data/releases/VERSION.json and adds a changelog entry naming the verdicts that changed
since the last release. The site reads the version and date to cite from CITATION.cff on every build, and
"What changed" lists the verdict changes between the last two recorded releases.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..data import paths
from ..data.changelog import heading, read as read_changelog

VERSION = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Citation:
    title: str
    authors: str
    version: str
    date_released: str


def read_citation(path: Path | None = None) -> Citation:
    """Title, authors, version and release date as CITATION.cff gives them."""
    import yaml

    path = path or paths.CITATION
    cff = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    authors = "; ".join(a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
                        for a in cff.get("authors", []))
    return Citation(str(cff.get("title", "")), authors, str(cff.get("version", "")), str(cff.get("date-released", "")))


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def recorded(releases: Path | None = None) -> list[dict]:
    """The recorded releases, oldest first (by version number)."""
    folder = releases or paths.releases_dir()
    found = []
    for path in folder.glob("*.json"):
        if VERSION.match(path.stem):
            found.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda r: _key(r["version"]))


def verdict_changes(old: dict, new: dict) -> list[str]:
    """'C6: Not supported → Partly supported' for each claim whose main verdict on all data changed."""
    from .verdicts import main_verdicts

    before, after = main_verdicts(old), main_verdicts(new)
    return [f"{cid}: {before.get(cid, 'not judged')} → {verdict}" for cid, verdict in after.items()
            if before.get(cid) != verdict] + [f"{cid}: {v} → no longer judged" for cid, v in before.items()
                                               if cid not in after]


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def _bump(text: str, version: str, date: dt.date) -> str:
    for key, value in (("version", version), ("date-released", date.isoformat())):
        line = f'{key}: "{value}"'
        text, n = re.subn(rf"^{key}:.*$", line, text, count=1, flags=re.M)
        if not n:  # no such line yet: add it after the title
            text = re.sub(r"^(title:.*)$", rf"\1\n{line}", text, count=1, flags=re.M)
    return text


def _with_entry(changelog: str, date: dt.date, cutoff: dt.date, lines: list[str]) -> str:
    """The changelog with the release's lines under a new entry at the top (or under today's entry, if the
    update of the same day already wrote one)."""
    bullets = "\n".join(f"- {line}" for line in lines)
    today = re.search(rf"^## {date.isoformat()} .*$", changelog, re.M)
    if today:
        return changelog[:today.end()] + "\n" + bullets + changelog[today.end():]
    first = re.search(r"^## ", changelog, re.M)
    at = first.start() if first else len(changelog)
    return changelog[:at] + f"{heading(date, cutoff)}\n{bullets}\n\n" + changelog[at:]


def release(version: str, date: dt.date | None = None, cutoff: dt.date | None = None,
            citation: Path | None = None) -> tuple[bool, list[str]]:
    """Record a release of the data in paths.data_dir(). Returns (ok, messages); writes nothing unless every
    check passes: a new version above the cited one, a date not before the last release, valid data."""
    from ..data.validate import summary, validate_dir
    from .verdicts import collect

    citation = citation or paths.CITATION
    data, releases = paths.data_dir(), paths.releases_dir()
    date = date or dt.date.today()
    current = read_citation(citation)
    problems = []
    if not VERSION.match(version):
        problems.append(f"release: found version {version!r}, expected MAJOR.MINOR.PATCH (e.g. 0.3.0)")
    elif VERSION.match(current.version) and _key(version) <= _key(current.version):
        problems.append(f"release: found version {version}, expected a version above {current.version} "
                        f"(the one {citation.name} gives)")
    elif (releases / f"{version}.json").exists():
        problems.append(f"release: found data/releases/{version}.json already, expected a new version")
    if current.date_released and date.isoformat() < current.date_released:
        problems.append(f"release: found date {date}, expected a date on or after {current.date_released} "
                        f"(the last release in {citation.name})")
    if date > dt.date.today():
        problems.append(f"release: found date {date}, expected a date no later than today ({dt.date.today()})")
    _, data_problems = validate_dir(data)
    problems += summary(data_problems)
    if problems:
        return False, problems + ["Nothing was written."]
    entries, _ = read_changelog(data / "CHANGELOG.md")
    cutoff = cutoff or entries[0].cutoff

    record = {"version": version, "date_released": date.isoformat(), "title": current.title, **collect()}
    previous = recorded(releases)
    if previous:
        changes = verdict_changes(previous[-1], record)
        said = "; ".join(changes) if changes else "none"
        lines = [f"Release {version}: verdicts recorded in `data/releases/{version}.json`; verdict changes since "
                 f"{previous[-1]['version']}: {said}."]
    else:
        lines = [f"Release {version}: verdicts recorded in `data/releases/{version}.json` (the first recorded "
                 "release)."]
    changelog = (data / "CHANGELOG.md").read_text(encoding="utf-8")
    _atomic_write(releases / f"{version}.json", json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    _atomic_write(data / "CHANGELOG.md", _with_entry(changelog, date, cutoff, lines))
    _atomic_write(citation, _bump(citation.read_text(encoding="utf-8"), version, date))
    return True, [f"released {version} ({date}):", f"  {citation.name}: version {version}, date-released {date}",
                  f"  data/releases/{version}.json: {len(record['claims'])} claims, their rules and verdicts",
                  f"  data/CHANGELOG.md: {lines[0]}",
                  "Rebuild the site (make site) so that 'How to cite' and 'What changed' show the release."]
