"""Who said it: every troop and transfer figure carries the kind of body that made it, coded by the codebook's
rule, so a think tank or a newspaper is never drawn as its country's government."""
import re

import pytest

from conftest import read_csv
from helpers.data.schemas import REPORTER_KINDS

DATASETS = ("troop_reports", "transfers")
PARTIES = {"UKR", "RUS", "PRK"}  # the states at war: their bodies are party_to_war, whatever the branch
RESEARCH = re.compile(r"\b(ISW|RUSI|C4ADS|INSS|Institute|Foundation|Open Source Centre|think tank)\b")
NEWS = re.compile(r"^(Yonhap|KBS News|Media reports|South Korea \(Yonhap)|sources \(via Reuters\)")
STATE_BODY = re.compile(r"^(US (DoD|State|White House|mission|Deputy UN|INDOPACOM)|UK (MoD|Government)"
                        r"|South Korea (NIS|JCS|Ministry|Defense|National Security))")
OFFICIAL = {"government", "military", "intelligence"}


def rows():
    return [(name, i, r) for name in DATASETS for i, r in enumerate(read_csv(name), start=2)]


@pytest.mark.parametrize("name", DATASETS)
def test_kind_sits_after_country_and_is_always_filled(name):
    data = read_csv(name)
    columns = list(data[0])
    assert columns.index("reporter_kind") == columns.index("reporter_country") + 1
    bad = [(i, r["reporter_kind"]) for i, r in enumerate(data, start=2) if r["reporter_kind"] not in REPORTER_KINDS]
    assert not bad, f"{name}.csv lines with no or unknown reporter_kind: {bad}"


def test_institutes_and_outlets_are_never_coded_as_officials():
    for name, line, r in rows():
        if RESEARCH.search(r["reporter"]):
            assert r["reporter_kind"] == "research", f"{name}.csv:{line}: {r['reporter']}"
        if NEWS.search(r["reporter"]):
            assert r["reporter_kind"] == "news", f"{name}.csv:{line}: {r['reporter']}"
        if STATE_BODY.search(r["reporter"]):
            assert r["reporter_kind"] in OFFICIAL, f"{name}.csv:{line}: {r['reporter']}"


def test_parties_to_the_war_and_groups_are_coded_as_such():
    for name, line, r in rows():
        where = f"{name}.csv:{line}: {r['reporter']}"
        if r["reporter_country"] in PARTIES and r["reporter_kind"] != "company":
            assert r["reporter_kind"] == "party_to_war", where
        if r["reporter_kind"] == "party_to_war":
            assert r["reporter_country"] in PARTIES, where
        if r["reporter_country"] in {"NATO", "UNO", "MSMT"}:
            assert r["reporter_kind"] == "multilateral", where
        if re.search(r"^South Korea (NIS|Defense Intelligence)|Defence Intelligence\)", r["reporter"]):
            assert r["reporter_kind"] == "intelligence", where


def test_every_kind_of_official_is_present():
    # A guard against a bulk recoding that folds the official kinds into one.
    kinds = {r["reporter_kind"] for _, _, r in rows()}
    assert OFFICIAL | {"party_to_war", "multilateral", "research", "news"} <= kinds
