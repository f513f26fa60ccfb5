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


def test_ledger_coverage_line(site):
    assert check_line(site.results("00-claims")["coverage"], "ledger") >= 5


def test_no_page_prints_the_changelog_date_as_coverage(site):
    for page in (site.html / "notebooks").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Data to 20" not in text, f"{page.name} prints a changelog cut-off as the data's reach"
