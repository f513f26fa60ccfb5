"""The claims ledger: verdicts are computed from the data (so changing data changes them), and the
ones that can be checked directly against the CSVs agree with them."""
import datetime as dt
import shutil

from conftest import DATA, known_on_csv, read_csv


def test_ledger_verdicts_match_the_data(site):
    res = site.results("00-claims")
    events = read_csv("events")
    in_force = [e for e in events if e["event_type"] == "treaty_in_force" and "RUS" in e["actors"].split(";")
                and e["date"] >= "2024"]
    if in_force:  # the evidence follows the events data, whatever they hold
        day = in_force[0]["date"]
        assert "in force since" in res["evidence_now"]["C2"] and str(int(day[8:])) in res["evidence_now"]["C2"]
        if day > "2024-11-01":
            assert "in force" not in res["evidence_article"]["C2"].replace("not yet in force", "")

    troops = read_csv("troop_reports")
    early_acks = [t for t in troops if t["status"] == "acknowledgement"
                  and known_on_csv("troop_reports", t) <= dt.date(2024, 11, 1) and t["reporter_country"] in ("RUS", "PRK")]
    both = len({t["reporter_country"] for t in early_acks}) == 2
    assert ("acknowledged by Russia and North Korea" in res["evidence_article"]["C3"]) == both
    acks = {t["reporter_country"] for t in troops if t["status"] == "acknowledgement"} & {"RUS", "PRK"}
    assert ("acknowledged by Russia and North Korea" in res["evidence_now"]["C3"]) == (len(acks) == 2)

    from helpers.analysis import ledger

    assert set(res["verdicts_now"]) == {c.claim_id for c in ledger.CLAIMS}
    assert res["data_span"] == ledger.data_span()


def test_columns_say_what_they_hold(site):
    from helpers.analysis import ledger

    page = (site.html / "notebooks" / "00-claims.html").read_text(encoding="utf-8")
    assert "Known on 1 Nov 2024" in page and ledger.data_span() in page
    assert ">All data<" not in page and "Measurement plan" in page and "Would flip:" in page


def test_premises_and_inferences_are_tallied_apart(site):
    from helpers.analysis import ledger

    res = site.results("00-claims")
    for kind in ledger.KINDS:
        ids = [c.claim_id for c in ledger.CLAIMS if c.kind == kind]
        assert sum(res["tally_now"][kind].values()) == len(ids)
        for verdict, n in res["tally_now"][kind].items():
            assert n == sum(res["verdicts_now"][i] == verdict for i in ids)
    assert {c.kind for c in ledger.CLAIMS} == {"premise", "inference"}
    assert next(c for c in ledger.CLAIMS if c.claim_id == "C7").kind == "inference"


def test_robustness_table_is_consistent(site):
    res = site.results("00-claims")
    by_claim = {}
    for row in res["robustness"]:
        by_claim.setdefault(row["claim_id"], []).append(row["verdict"])
    assert all(1 <= len(v) <= 6 for v in by_claim.values()), by_claim
    assert res["robust_claims"] == [c for c, v in by_claim.items() if len(v) > 1 and len(set(v)) == 1]
    assert all(by_claim[c][0] == res["verdicts_now"][c] for c in by_claim)  # the first rule is the main rule


def test_front_page_shows_the_verdict_grid(site):
    page = (site.html / "index.html").read_text(encoding="utf-8")
    res = site.results("00-claims")
    assert "front-grid" in page and "Premises: facts the argument rests on" in page
    for claim_id, verdict in res["verdicts_now"].items():
        assert f"<td>{claim_id}</td>" in page and verdict in page
    assert page.count("notebooks/0") >= 9  # one answer line per notebook


def test_verdicts_change_when_the_data_change(tmp_path, monkeypatch):
    from helpers.analysis import ledger

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    assert "in force since" in ledger.evaluate()["C2"].evidence
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if ",treaty_in_force," not in ln or "RUS" not in ln]
    assert len(kept) < len(lines)
    (folder / "events.csv").write_text("".join(kept), encoding="utf-8")
    assert "not yet in force" in ledger.evaluate()["C2"].evidence
