"""Coverage lines are computed from the data: no figure, headline or ledger claims data beyond what the
datasets hold (the changelog's cut-off date is never printed as the data's reach)."""
import datetime as dt
import json
import re

from conftest import read_csv
from helpers.data.schemas import DATASETS

PART = re.compile(r"([a-z ]+?) to (\d{4}|\d{1,2} [A-Z][a-z]{2} \d{4})")


def latest(name: str) -> str:
    """The latest known date of a dataset read straight from its CSV, formatted as the coverage line does."""
    schema = DATASETS[name]
    col = schema.known_date
    values = [r[col] for r in read_csv(name) if r[col]]
    if schema.column(col).kind == "int":
        return str(max(int(v) for v in values))
    day = dt.date.fromisoformat(max(values))
    return f"{day.day} {day:%b %Y}"


def check_line(line: str, where: str) -> int:
    assert line.startswith("Data: "), f"{where}: coverage line not computed from the data: {line!r}"
    parts = PART.findall(line)
    assert parts, f"{where}: no 'dataset to date' in {line!r}"
    for label, date in parts:
        name = label.strip().replace(" ", "_")
        assert name in DATASETS, f"{where}: unknown dataset {label!r}"
        assert date == latest(name), f"{where}: says {label} to {date}, the data reach {latest(name)}"
    return len(parts)


def test_every_figure_states_how_far_its_data_reach(site):
    sidecars = sorted(site.figures.glob("*.json"))
    assert len(sidecars) >= 20
    for path in sidecars:
        meta = json.loads(path.read_text(encoding="utf-8"))
        check_line(meta["cutoff"], path.name)


def test_ledger_heading_says_how_far_the_data_reach(site):
    """The ledger's 'Data to Feb–Apr 2026' heading spans the latest row dates of the dated datasets its claims
    read: how far the rows reach, never the changelog's search date."""
    from helpers.analysis import ledger

    latest = []
    for name in sorted({n for c in ledger.CLAIMS for n in c.datasets}):
        col = DATASETS[name].known_date
        if DATASETS[name].column(col).kind != "int":
            latest.append(dt.date.fromisoformat(max(r[col] for r in read_csv(name) if r[col])))
    lo, hi = min(latest), max(latest)
    span = site.results("00-claims")["data_span"]
    assert span == ledger.data_span() and span.startswith("Data to ") and "All data" not in span
    assert span.endswith(f"{hi:%b %Y}") and f"{lo:%b}" in span, (span, lo, hi)


def test_no_page_prints_the_changelog_date_as_coverage(site):
    for page in (site.html / "notebooks").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Data to 20" not in text, f"{page.name} prints a changelog cut-off as the data's reach"


def test_partial_year_label_shows_the_data_reach_not_the_changelog_date(site):
    """neighbours_responses_vs_launches labels its last year '(to D)': D is the last day both datasets it draws
    reach, never the changelog's search date."""
    ends = []
    for name in ("events", "missile_launches"):
        ends.append(max(r["date"] for r in read_csv(name)))
    reach = min(ends)
    partial = site.results("06-neighbours")["partial_years"]
    assert partial == ({} if reach.endswith("-12-31") else {reach[:4]: reach})


def test_last_searched_and_data_reach_mean_different_things(monkeypatch):
    from helpers.data import load
    from helpers.data.meta import changelog, data_reach, last_searched

    monkeypatch.delenv("TRIANGLE_AS_OF", raising=False)
    assert last_searched() == changelog()[0].cutoff  # the day the sources were last searched
    load.COVERAGE.pop("troop_reports", None)  # what earlier tests loaded (copies with added rows) is forgotten
    load.load("troop_reports")
    newest = max(r["report_date"] for r in read_csv("troop_reports"))
    assert data_reach(("troop_reports",)).isoformat() == newest  # how far the rows reach
    monkeypatch.setenv("TRIANGLE_AS_OF", "2024-11-01")
    assert last_searched() == dt.date(2024, 11, 1)  # an as-of build searched nothing later
