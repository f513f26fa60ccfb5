"""Every sourced row outside the CNS import carries the words of its source and a source kind; few rows rest
on mirrors or aggregators, none on encyclopedias; the codebook's sentence on the share is the data's own."""
from __future__ import annotations

import re

from conftest import DATA, read_csv
from helpers.data.schemas import DATASETS

# Domains known to repost others' stories, and encyclopedias: a row citing one must say so in its kind.
MIRROR_DOMAINS = ("menafn.com", "urdupoint.com", "devdiscourse.com", "haryanacircle.com", "canindia.com",
                  "newsbytesapp.com", "tingchao.xyz", "issuhub.com", "aboutcroatia.net", ".bond/", "parapundit.com",
                  "thecrudetruth.com", "fxmartlive.com")
ENCYCLOPEDIA_DOMAINS = ("wikipedia.org", "nationsencyclopedia.com", "wikinews.org")
# The share of rows on mirrors is reported, computed, on the Data page and by `make check` (helpers/data/
# validate.py mirror_shares); it is not a test bound, because a valid new row on a mirror must never break the
# suite (the update contract, UPDATING.md). Encyclopedias stay refused.


def sourced_rows() -> list[tuple[str, dict, str, str, str]]:
    """(dataset, row, url, kind, quote) for every row outside the CNS export."""
    out = []
    for name in DATASETS:
        if "source_url" not in DATASETS[name].column_names:
            continue  # the search log is the curators' own record, not a sourced dataset
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


def test_no_encyclopedias():
    _, encyclopedias, _ = mirror_share()
    assert encyclopedias == 0, f"{encyclopedias} rows cite an encyclopedia"


def test_the_reported_mirror_shares_are_the_datas_own():
    from helpers.data.validate import mirror_shares

    shares = mirror_shares(DATA)
    for name in {n for n, *_ in sourced_rows()}:
        rows = [k for n, _, _, k, _ in sourced_rows() if n == name]
        assert shares[name] == (sum(k == "mirror" for k in rows), len(rows)), name
    mirrors, _, total = mirror_share()
    assert shares["all"] == (mirrors, total)


def test_known_mirror_and_encyclopedia_domains_are_labelled_as_such():
    wrong = [f"{n}: {u} is {k!r}" for n, _, u, k, _ in sourced_rows()
             if (any(d in u for d in MIRROR_DOMAINS) and k != "mirror")
             or (any(d in u for d in ENCYCLOPEDIA_DOMAINS) and k != "encyclopedia")]
    assert not wrong, "\n".join(wrong)


def test_codebook_types_no_mirror_share():
    # A typed share goes stale with the next row: the codebook points to the computed one instead.
    text = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    assert not re.search(r"\d+ of the [\d,]+ rows outside the CNS import", text)
    assert "shown on the site's Data page" in text


def test_no_quote_is_a_placeholder():
    bad = [f"{n}: {q!r}" for n, _, _, _, q in sourced_rows()
           if re.fullmatch(r"\W*(n/?a|none|tbd|todo|see notes?|same as above)\W*", q, flags=re.I)]
    assert not bad, "\n".join(bad)
