"""What the site hands a researcher: every relative link resolves, the Data downloads page offers each CSV, the data
package, a zip of data/ and verdicts.json (all equal to the data they come from), the verdicts file holds every
claim and rule judged on both dates, "How to cite" shows CITATION.cff's version and date, and event titles keep
their capitals in sentences. All checks run on the session build and compare with the files, never with today's
values."""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import DATA, ROOT
from helpers.analysis import ledger
from helpers.data.meta import event_phrase
from helpers.data.schemas import DATASETS
from test_site import _plain

ATTR = re.compile(r"""\b(?:href|src)\s*=\s*(["'])(.*?)\1""", re.I | re.S)
ID = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""")


def broken_links(html_root: Path) -> list[str]:
    """Every relative href or src on every page that points at no file, or at an id the page does not have."""
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {m[2] for m in ID.finditer(page.read_text(encoding="utf-8", errors="ignore"))}
        return ids[page]

    bad = []
    pages = [p for p in html_root.rglob("*.html") if "_static" not in p.relative_to(html_root).parts]
    for page in sorted(pages):
        for match in ATTR.finditer(page.read_text(encoding="utf-8", errors="ignore")):
            url = match[2].strip()
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or url in ("", "#"):
                continue  # another site (the test in test_site.py keeps pages from loading any), or the page top
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(html_root)}: {url}"
            if not target.exists():
                bad.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                bad.append(f"{where} (no such anchor)")
    return bad


@pytest.mark.parametrize("which", ["html", "student-site/html"])
def test_every_relative_link_on_every_page_resolves(site, which):
    root = site.root / which
    assert (root / "index.html").exists()
    assert broken_links(root) == []


def test_the_link_checker_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<p id="here"><a href="b.html#there">b</a> <a href="#here">x</a>'
                                     '<a href="#data/README.md">y</a><img src="_images/no.png"></p>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<p id="elsewhere"></p>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a.html: b.html#there (no such anchor)", "a.html: #data/README.md (no such anchor)",
                                      "a.html: _images/no.png (no such file)"]


def _csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for row in csv.reader(f) if row) - 1


def test_data_downloads_page_offers_each_csv_as_it_is(site):
    page = (site.html / "downloads.html").read_text(encoding="utf-8")
    text = _plain(page)
    for name, schema in DATASETS.items():
        offered = site.html / "data" / schema.file
        assert offered.read_bytes() == (DATA / schema.file).read_bytes(), schema.file
        assert f"href=\"data/{schema.file}\"" in page or f"href='data/{schema.file}'" in page, schema.file
        rows = _csv_rows(DATA / schema.file)
        assert re.search(rf"{re.escape(schema.file)} .*? {rows:,} {len(schema.columns)} ", text), (schema.file, rows)
    assert (site.html / "data" / "datapackage.json").read_bytes() == (DATA / "datapackage.json").read_bytes()
    for f in ("triangle-data.zip", "verdicts.json", "data/datapackage.json"):
        assert f"href='{f}'" in page or f'href="{f}"' in page, f


def test_the_zip_holds_the_whole_data_folder(site):
    with zipfile.ZipFile(site.html / "triangle-data.zip") as zf:
        names = set(zf.namelist())
        shipped = {f"data/{p.relative_to(DATA).as_posix()}" for p in DATA.rglob("*") if p.is_file()
                   and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(DATA).parts)}
        assert names == shipped
        for name in ("data/troop_reports.csv", "data/CHANGELOG.md", "data/datapackage.json"):
            assert zf.read(name) == (ROOT / name).read_bytes()


def test_verdicts_json_has_every_claim_and_rule_on_both_dates(site):
    in_site = site.html / "verdicts.json"
    assert in_site.read_bytes() == (site.root / "verdicts.json").read_bytes()
    record = json.loads(in_site.read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (record["version"], record["date_released"]) == (str(cff["version"]), str(cff["date-released"]))
    assert record["judged_on"]["article"] == ledger.ARTICLE_DATE.isoformat()
    assert [c["claim_id"] for c in record["claims"]] == [c.claim_id for c in ledger.CLAIMS]
    for claim, found in zip(ledger.CLAIMS, record["claims"]):
        assert [r["rule"] for r in found["rules"]] == [r.name for r in claim.rules]
        assert [r["main"] for r in found["rules"]] == [True] + [False] * (len(claim.rules) - 1)
        for rule in found["rules"]:
            for when in ("article", "all_data"):
                assert rule[when]["verdict"] in ledger.VERDICTS and rule[when]["evidence"], (claim.claim_id, rule)
    # The main verdicts agree with the ledger notebook's, which the front page shows.
    claims = site.results("00-claims")
    mains = {c["claim_id"]: c["rules"][0] for c in record["claims"]}
    assert {k: v["article"]["verdict"] for k, v in mains.items()} == claims["verdicts_article"]
    assert {k: v["all_data"]["verdict"] for k, v in mains.items()} == claims["verdicts_now"]


def test_how_to_cite_shows_the_version_and_date_of_citation_cff(site):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    about = _plain((site.html / "about.html").read_text(encoding="utf-8"))
    assert f"Version {cff['version']}, released {cff['date-released']}" in about
    assert f"version = {{{cff['version']}}}" in about
    assert "See CITATION.cff in the repository" not in about


def test_what_changed_has_a_section_for_verdict_changes(site):
    text = _plain((site.html / "changes.html").read_text(encoding="utf-8"))
    assert "Verdict changes between releases" in text


def test_event_titles_keep_their_capitals_in_a_sentence():
    assert event_phrase("Seoul announces new drills", "2026-11-02") == "Seoul announces new drills (2 November 2026)"
    assert event_phrase("NATO summit.", "2025-06-24") == "NATO summit (24 June 2025)"


def test_notebook_6_names_the_latest_response_as_written(site):
    res = site.results("06-neighbours")
    if res["latest_response_title"] is None:
        pytest.skip("no security response in the data")
    page = _plain((site.html / "notebooks" / "06-neighbours.html").read_text(encoding="utf-8"))
    assert _plain(event_phrase(res["latest_response_title"], res["latest_response_date"])) in page


def test_verdicts_carry_any_field_the_ledger_adds(monkeypatch):
    """A field added to the ledger's Verdict (the rows it rests on, the date its window ends ...) reaches
    verdicts.json as plain JSON with no change here."""
    from dataclasses import dataclass

    import pandas as pd

    from helpers.tools.verdicts import collect

    @dataclass
    class Richer:
        claim_id: str
        verdict: str
        evidence: str
        rows: object
        window_end: object
        flip: object = None

    real = ledger.evaluate
    rows = pd.DataFrame({"report_id": ["TR-001"], "report_date": [pd.Timestamp("2024-10-18")]},
                        index=pd.Index([2], name="line"))

    def richer(known_by=None):
        return {k: Richer(v.claim_id, v.verdict, v.evidence, rows, pd.Timestamp("2024-11-01"))
                for k, v in real(known_by).items()}

    monkeypatch.setattr(ledger, "evaluate", richer)
    record = json.loads(json.dumps(collect()))
    main = record["claims"][0]["rules"][0]["article"]
    assert main["rows"] == [{"line": 2, "report_id": "TR-001", "report_date": "2024-10-18"}]
    assert main["window_end"] == "2024-11-01" and main["flip"] is None and "claim_id" not in main
