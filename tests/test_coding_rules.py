"""Coding rules and the register of outlets: `make check` refuses a made-up row that breaks a rule (naming file,
line, column, what it found and what the rule expects), accepts a row that says why it differs, and refuses a
cited site the register does not hold. Each rule is stated in the codebook (generated from the schemas)."""
from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from conftest import DATA, read_csv
from helpers.data import outlets
from helpers.data.schemas import DATASETS, EVENT_TITLE_WORDS, EVENT_TYPE_DEFINITIONS, OUTLETS, TABLES
from test_validate import run_validate


def edit(folder, name: str, pick, **cells) -> int:
    """Change `cells` of the first row of `folder/name.csv` that `pick` accepts; return its line."""
    path = folder / f"{name}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    i = next(i for i, r in enumerate(rows) if pick(r))
    rows[i].update(cells)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return i + 2


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def refused(folder, message: str) -> str:
    proc = run_validate(folder)
    assert proc.returncode == 1 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


CASES = [  # (dataset, which row, change, column named, what it found, what the rule expects)
    ("troop_reports", lambda r: r["reporter_kind"] == "intelligence", {"status": "claim"},
     "reporter_kind", "'intelligence'", "one of party_to_war (status is claim: `claim` is reserved"),
    ("transfers", lambda r: r["reporter_country"] == "USA", {"reporter_kind": "party_to_war"},
     "reporter_country", "'USA'", "one of UKR, RUS, PRK (reporter_kind is party_to_war"),
    ("transfers", lambda r: r["reporter_country"] == "UKR", {"reporter_kind": "intelligence"},
     "reporter_kind", "'intelligence'", "one of party_to_war, company (reporter_country is UKR"),
    ("transfers", lambda r: r["report_date"], {"report_date_precision": "unknown"},
     "report_date", "", "one of (empty) (report_date_precision is unknown"),
    ("china_signals", lambda r: r["channel"] == "un_vote", {"mentions_denuclearisation": "no"},
     "mentions_denuclearisation", "'no'", "one of not_applicable (channel is un_vote"),
    ("events", lambda r: r["event_type"] == "treaty_expired",
     {"title": "Russia announces it will not renew the treaty"},
     "title", "'Russia announces it will not renew the treaty'", "a title matching expire|lapse"),
    ("events", lambda r: r["event_type"] == "statement" and not re.search(EVENT_TITLE_WORDS[
        "treaty_termination_announced"], r["title"], re.I), {"event_type": "treaty_termination_announced"},
     "title", "", "a title matching announce|not renew"),
    ("trade", lambda r: r["reporter_series"] == "other" and "[" not in r["notes"],
     {"notes": "figure from KOTRA's annual report"},
     "notes", "\"figure from KOTRA's annual report\"", "notes that credit no producer with a series of its own"),
    ("outlets", lambda r: r["kind"] == "news" and r["republishes"] == "no", {"kind": "mirror"},
     "republishes", "'no'", "one of yes, mixed (kind is mirror: a mirror reposts others' work)"),
]


@pytest.mark.parametrize("name,pick,change,column,found,expected", CASES)
def test_a_row_breaking_a_rule_is_refused(folder, name, pick, change, column, found, expected):
    line = edit(folder, name, pick, **change)
    err = refused(folder, f"data/{name}.csv:{line}: {column}: found ")
    here = next(m for m in err.splitlines() if m.startswith(f"data/{name}.csv:{line}: {column}: found "))
    assert found in here and expected in here, here


def test_a_rule_is_waived_only_by_a_reason_in_the_notes(folder):
    pick = lambda r: r["reporter_series"] == "other" and "[" not in r["notes"]  # noqa: E731
    line = edit(folder, "trade", pick, notes="KOTRA figure [reporter_series: KOTRA is named only to compare]")
    assert f"data/trade.csv:{line}:" not in run_validate(folder).stderr
    line = edit(folder, "trade", lambda r: "[reporter_series:" in r["notes"], notes="KOTRA figure [reporter_series: x]")
    refused(folder, f"data/trade.csv:{line}: notes:")  # a marker needs a reason in words


def test_a_kind_the_register_does_not_give_is_refused_with_the_host_and_the_register_kind(folder):
    register = {r["domain"]: r for r in read_csv("outlets")}
    pick = lambda r: register[outlets.key(r["source_url"])]["kind"] == "news"  # noqa: E731
    line = edit(folder, "aid", pick, source_kind="research")
    host = outlets.key(read_csv("aid")[line - 2]["source_url"])
    refused(folder, f"data/aid.csv:{line}: source_kind: found 'research' for {host}, expected 'news', the "
                    f"register's kind for {register[host]['outlet']} (data/outlets.csv), or the reason in notes as "
                    "[source_kind: reason]")
    edit(folder, "aid", lambda r: r["source_kind"] == "research" and outlets.key(r["source_url"]) == host,
         notes="[source_kind: made-up reason that this page is a research note]")
    assert f"data/aid.csv:{line}:" not in run_validate(folder).stderr


def test_a_missile_check_source_kind_is_held_to_the_register(folder):
    line = edit(folder, "missile_launches", lambda r: r["check_source_kind"] == "news", check_source_kind="official")
    refused(folder, f"data/missile_launches.csv:{line}: check_source_kind: found 'official' for ")


def test_a_site_missing_from_the_register_is_refused_with_the_hint_to_add_it(folder):
    line = edit(folder, "events", lambda r: True, source_url="https://news.example-outlet.org/story/1")
    refused(folder, f"data/events.csv:{line}: source_url: found the host example-outlet.org, which is not in the "
                    "register, expected a registered host (add example-outlet.org to data/outlets.csv")
    line = edit(folder, "places", lambda r: True, coord_source_url="https://maps.example-outlet.net/x")
    refused(folder, f"data/places.csv:{line}: coord_source_url: found the host example-outlet.net")


@pytest.mark.parametrize("url,expected", [
    ("https://m-en.yna.co.kr/view/AEN1", "yna.co.kr"), ("http://world.kbs.co.kr/service/x", "kbs.co.kr"),
    ("https://english.www.gov.cn/news/x", "www.gov.cn"), ("https://v.daum.net/v/1", "daum.net"),
    ("https://web.archive.org/web/2010/http://x.com/", "web.archive.org"), ("https://WWW.Reuters.com/a", "reuters.com"),
    ("https://github.com/nagix/nk-missile-tests/blob/x", "github.com/nagix/nk-missile-tests"),
    ("http://49.213.3.35/doc/1", "49.213.3.35"), ("http://wikien3.appspot.com/wiki/X", "wikien3.appspot.com"),
])
def test_register_key(url, expected):
    assert outlets.key(url) == expected


def test_every_register_key_is_its_own_key_and_every_cited_site_is_registered():
    register = [r["domain"] for r in read_csv("outlets")]
    for domain in register:
        if "/" not in domain:
            assert outlets.key(f"https://{domain}/") == domain, domain
    cited = {outlets.key(r[c]) for name in DATASETS for r in read_csv(name) for c, _ in outlets.URL_COLUMNS
             if r.get(c)}
    assert cited <= set(register), sorted(cited - set(register))


def test_every_rule_and_event_type_is_stated_in_the_codebook():
    text = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    for schema in TABLES.values():
        for rule in schema.rules:
            assert " ".join(rule.words().split()) in text, rule.words()
    for kind, definition in EVENT_TYPE_DEFINITIONS.items():
        assert f"`{kind}`: {definition}." in text, kind
    assert "## outlets.csv" in text and f"<!-- columns:{OUTLETS.name} -->" in text
