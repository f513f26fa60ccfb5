"""`python -m helpers audit`: a consistency report on the labels, per dataset, for the next curator.

It lists, per dataset:
- rows that break a coding rule or the register of outlets (what `make check` refuses), and rows that differ on
  purpose and say why (`[column: reason]` in their notes), so those reasons are read again;
- rows whose notes name a news outlet other than the source's own (the register's names of news sites and copy
  sites), so details taken from another report are found and either cited or dropped; a name that the source's
  title or quote carries, that the copy site is known to carry, or that follows the codebook's "same figure also
  in:" convention is not listed;
- copies (`mirror` rows) that name no original: the title credits the copy site itself (not another outlet, as in
  "Reuters (repost on ...)" or "Hankyung (Yonhap)") and neither title nor notes say "via", "relaying", "quoting"...
It reads only; the report is a list to work through, not a verdict (the outlet and original checks are by words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data import outlets
from ..data.schemas import DATASETS, OUTLETS
from ..data.validate import Problem, check_file, markers, validate_dir

ORIGINAL_NAMED = re.compile(r"\b(via|relay(s|ed|ing)?|cop(y|ies) of|repost(s|ed)? (of|from)|quot(es|ed|ing)|"
                            r"citing|cites|reprint(s|ed)?|republish(es|ed)?|carries|credits)\b", re.I)
BRACKETED = re.compile(r"\([^)]*[A-Z][^)]*\)")  # "Hankyung (Yonhap)": the original in brackets
ALSO_IN = "same figure also in:"
MIN_NAME = 3


@dataclass
class Findings:
    """What the audit found in one dataset (lines are the CSV's own)."""
    broken: list[Problem] = field(default_factory=list)
    explained: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, reason
    other_outlets: list[tuple[int, str, list[str]]] = field(default_factory=list)  # line, source host, names
    unnamed_copies: list[tuple[int, str]] = field(default_factory=list)  # line, source title


def _names(register: outlets.Register) -> dict[str, str]:
    """Every name a news outlet or copy site goes by (its name without brackets, and its other names) -> its
    register key. Governments, institutes and UN bodies are producers, not outlets: notes name them freely."""
    found = {}
    for domain, row in register.rows.items():
        if row["kind"] not in ("news", "mirror"):
            continue
        for name in register.names(domain):
            name = re.sub(r"\s*\(.*?\)", "", name).strip()
            if len(name) >= MIN_NAME:
                found.setdefault(name, domain)
    return found


def _pattern(names: dict[str, str]) -> re.Pattern:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)({alternatives})(?!\w)")


def _mentioned(text: str, names: dict[str, str], pattern: re.Pattern) -> dict[str, str]:
    return {n: names[n] for n in pattern.findall(text)}


def _source(name: str, row: dict) -> tuple[str, str, str, str]:
    """(url, kind, title, quote) of the page a row rests on (missile rows after the CNS export: the news check)."""
    if name == "missile_launches" and row.get("data_origin") != "cns":
        return tuple(row[f"check_source_{c}"] or "" for c in ("url", "kind", "name", "quote"))
    return tuple(row.get(f"source_{c}") or "" for c in ("url", "kind", "name", "quote"))


def _names_original(title: str, notes: str, own_names: list[str]) -> bool:
    """Does a copy's title or notes name whose work it is? The title's outlet part (before " — ") credits
    someone other than the copy site, or names one in brackets, or the words say so."""
    outlet = title.split(" — ")[0]
    bare = re.sub(r"\s*\(.*?\)", "", outlet).strip()
    own = [re.sub(r"\s*\(.*?\)", "", n).strip() for n in own_names]
    credits_other = bool(bare) and not any(n and (n in bare or bare in n) for n in own)
    return credits_other or bool(BRACKETED.search(outlet)) or bool(
        ORIGINAL_NAMED.search(title) or ORIGINAL_NAMED.search(notes))


def audit_dataset(name: str, rows: list[dict], lines: list[int], register: outlets.Register,
                  names: dict[str, str]) -> Findings:
    found, pattern = Findings(), _pattern(names)
    for row, line in zip(rows, lines):
        notes = row.get("notes") or ""
        found.explained += [(line, col, why) for col, why in markers(notes).items()]
        url, kind, title, quote = _source(name, row)
        if not url:
            continue
        host = outlets.key(url)
        own = register.rows.get(host, {})
        carried = " ".join((own.get("carries_work_of") or "", title, quote))
        said = notes.split(ALSO_IN)[0]
        in_source = _mentioned(carried, names, pattern)
        others = [n for n, d in _mentioned(said, names, pattern).items()
                  if d != host and n not in carried and not any(n in m for m in in_source)]
        if others:
            found.other_outlets.append((line, host, sorted(others)))
        if kind == "mirror" and not _names_original(title, notes, register.names(host) if own else []):
            found.unnamed_copies.append((line, title))
    return found


def audit(data_dir: Path) -> dict[str, Findings]:
    """Findings per dataset for the data in `data_dir` (the register of outlets is read from there too)."""
    _, problems = validate_dir(data_dir)
    register_rows, _, _ = check_file(data_dir / OUTLETS.file, OUTLETS)
    register = outlets.Register(register_rows)
    names = _names(register)
    out = {}
    for name, schema in DATASETS.items():
        rows, lines, _ = check_file(data_dir / schema.file, schema)
        found = audit_dataset(name, rows, lines, register, names)
        found.broken = [p for p in problems if p.file.endswith(f"/{schema.file}") or p.file == schema.file]
        out[name] = found
    return out


def report(findings: dict[str, Findings]) -> str:
    out = []
    for name, f in findings.items():
        file = f"data/{name}.csv"
        out.append(f"## {name}: {len(f.broken)} breaking a rule, {len(f.explained)} differing on purpose, "
                   f"{len(f.other_outlets)} naming another outlet in notes, {len(f.unnamed_copies)} copies "
                   "naming no original")
        out += [f"  breaks: {p}" for p in f.broken]
        out += [f"  says why: {file}:{line}: [{col}: {why}]" for line, col, why in f.explained]
        out += [f"  notes name: {file}:{line}: source {host}; notes name {', '.join(n)}"
                for line, host, n in f.other_outlets]
        out += [f"  copy, no original named: {file}:{line}: {title}" for line, title in f.unnamed_copies]
    total = {k: sum(len(getattr(f, k)) for f in findings.values())
             for k in ("broken", "explained", "other_outlets", "unnamed_copies")}
    out.append(f"Total: {total['broken']} breaking a rule, {total['explained']} differing on purpose, "
               f"{total['other_outlets']} naming another outlet in notes, {total['unnamed_copies']} copies naming "
               "no original.")
    return "\n".join(out)
