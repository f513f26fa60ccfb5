"""Every sourced row outside the CNS import carries the words of its source and a source kind; none rests on an
encyclopedia; the share of rows on copies is computed (never typed) and shown on the Data page; the register of
outlets names the known copy sites as such."""
from __future__ import annotations

import re

from conftest import DATA, read_csv
from helpers.data.outlets import key
from helpers.data.schemas import DATASETS

# Sites known to repost others' stories, and encyclopedias: the register must say so (and `make check` then holds
# every row citing them to it). Register keys, see helpers/data/outlets.py.
MIRROR_SITES = ("menafn.com", "devdiscourse.com", "tingchao.xyz", "zzzogryeb.bond", "parapundit.com",
                "thecrudetruth.com", "daum.net", "zum.com", "yahoo.com", "kcnawatch.org", "infoseek.co.jp")
ENCYCLOPEDIA_SITES = ("wikipedia.org",)
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


def test_known_copy_sites_and_encyclopedias_are_registered_as_such():
    register = {r["domain"]: r for r in read_csv("outlets")}
    wrong = [f"{d}: {register[d]['kind']}" for d in MIRROR_SITES if register[d]["kind"] != "mirror"]
    wrong += [f"{d}: {register[d]['kind']}" for d in ENCYCLOPEDIA_SITES if register[d]["kind"] != "encyclopedia"]
    assert not wrong, "\n".join(wrong)
    # and no sourced row rests on a registered encyclopedia (they are cited for coordinates only, in places.csv)
    cited = [f"{n}: {u}" for n, _, u, _, _ in sourced_rows() if register[key(u)]["kind"] == "encyclopedia"]
    assert not cited, "\n".join(cited)


def test_the_data_page_shows_the_share_of_copies_the_data_give():
    from helpers.data.validate import mirror_shares
    from helpers.tools.codebook import copies_table

    shares = mirror_shares(DATA)
    table = copies_table(DATA)
    mirrors, total = shares.pop("all")
    assert f"{mirrors} of the {total:,} rows outside the CNS import ({100 * mirrors / total:.1f} %)" in table
    for name, (m, t) in shares.items():
        assert f"| `{name}` | {t:,} | {m} | {100 * m / t:.1f} % |" in table, name


def test_codebook_types_no_mirror_share():
    # A typed share goes stale with the next row: the codebook points to the computed one instead.
    text = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    assert not re.search(r"\d+ of the [\d,]+ rows outside the CNS import", text)
    assert "shown on the site's Data page" in text


def test_no_quote_is_a_placeholder():
    bad = [f"{n}: {q!r}" for n, _, _, _, q in sourced_rows()
           if re.fullmatch(r"\W*(n/?a|none|tbd|todo|see notes?|same as above)\W*", q, flags=re.I)]
    assert not bad, "\n".join(bad)
