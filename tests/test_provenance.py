"""Every sourced row outside the CNS import carries the words of its source and a source kind; the share of rows
resting on copies is held by a ratchet, none rests on an encyclopedia; the codebook states the share the data give,
overall and per dataset; the register of outlets names the known copy sites as such."""
from __future__ import annotations

import re

from conftest import DATA, read_csv
from helpers.data.outlets import key
from helpers.data.schemas import DATASETS

# Sites known to repost others' stories, and encyclopedias: the register must say so (and the validator then
# holds every row citing them to it). Register keys, see helpers/data/outlets.py.
MIRROR_SITES = ("menafn.com", "devdiscourse.com", "tingchao.xyz", "zzzogryeb.bond", "parapundit.com",
                "thecrudetruth.com", "daum.net", "zum.com", "yahoo.com", "kcnawatch.org", "infoseek.co.jp")
ENCYCLOPEDIA_SITES = ("wikipedia.org",)
# A ratchet: the share may only fall. The aim is 2 % (issue 11). It was 3.4 % in November 2026, when a row's kind
# was whatever its curator typed; in December 2026 the register of outlets (data/outlets.csv) relabelled the rows
# on portal, aggregator and document-sharing copies that had been typed `news`, `archive`, `official` or
# `research`, and the measured share became 6.5 % (110 of 1,690 rows once the china_signals relabels of that
# pass are applied). The ceiling is that measured value, rounded up: honesty over a lower number.
LIMIT_PCT = 6.6
AIM_PCT = 2.0


def sourced_rows() -> list[tuple[str, dict, str, str, str]]:
    """(dataset, row, url, kind, quote) for every row outside the CNS export."""
    out = []
    for name in DATASETS:
        for row in read_csv(name):
            if name == "missile_launches":
                if row["data_origin"] == "cns":
                    continue
                out.append((name, row, row["check_source_url"], row["check_source_kind"], row["check_source_quote"]))
            else:
                out.append((name, row, row["source_url"], row["source_kind"], row["source_quote"]))
    return out


def mirror_share() -> tuple[int, int, int]:
    rows = sourced_rows()
    return (sum(k == "mirror" for *_, k, _ in rows), sum(k == "encyclopedia" for *_, k, _ in rows), len(rows))


def test_every_row_outside_the_cns_import_has_its_words_and_kind():
    missing = [f"{n}: {r.get('source_name') or r.get('check_source_name')}" for n, r, _, k, q in sourced_rows()
               if not (k and q)]
    assert not missing, f"{len(missing)} row(s) without quote or kind:\n" + "\n".join(missing[:20])


def test_few_mirrors_and_no_encyclopedias():
    mirrors, encyclopedias, total = mirror_share()
    assert total > 1500  # every curated dataset is counted
    assert 100 * mirrors / total <= LIMIT_PCT, f"{mirrors} of {total} rows on mirrors or aggregators"
    assert encyclopedias == 0, f"{encyclopedias} rows cite an encyclopedia"


def test_known_copy_sites_and_encyclopedias_are_registered_as_such():
    register = {r["domain"]: r for r in read_csv("outlets")}
    wrong = [f"{d}: {register[d]['kind']}" for d in MIRROR_SITES if register[d]["kind"] != "mirror"]
    wrong += [f"{d}: {register[d]['kind']}" for d in ENCYCLOPEDIA_SITES if register[d]["kind"] != "encyclopedia"]
    assert not wrong, "\n".join(wrong)
    # and no sourced row rests on a registered encyclopedia (coordinates only, in places.csv)
    cited = [f"{n}: {u}" for n, _, u, _, _ in sourced_rows() if register[key(u)]["kind"] == "encyclopedia"]
    assert not cited, "\n".join(cited)


def _readme() -> str:
    return " ".join((DATA / "README.md").read_text(encoding="utf-8").split())


def test_codebook_states_the_mirror_share_the_data_give():
    mirrors, _, total = mirror_share()
    stated = f"{mirrors} of the {total:,} rows outside the CNS import ({100 * mirrors / total:.1f} %)"
    assert stated in _readme(), f"data/README.md should say: {stated} (python -m helpers codebook)"


def test_codebook_states_the_share_of_each_dataset():
    text = _readme()
    for name in DATASETS:
        kinds = [k for n, _, _, k, _ in sourced_rows() if n == name]
        mirrors = sum(k == "mirror" for k in kinds)
        line = f"| `{name}` | {len(kinds):,} | {mirrors} | {100 * mirrors / len(kinds):.1f} % |"
        assert line in text, f"data/README.md should have the row: {line} (python -m helpers codebook)"


def test_no_quote_is_a_placeholder():
    bad = [f"{n}: {q!r}" for n, _, _, _, q in sourced_rows()
           if re.fullmatch(r"\W*(n/?a|none|tbd|todo|see notes?|same as above)\W*", q, flags=re.I)]
    assert not bad, "\n".join(bad)
