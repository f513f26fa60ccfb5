"""The claims ledger: verdicts are computed from the data (so changing data changes them), and the
ones that can be checked directly against the CSVs agree with them."""
import shutil

import datetime as dt

from conftest import DATA, known_on_csv, read_csv


def test_ledger_verdicts_match_the_data(site):
    res = site.results("00-claims")
    events = read_csv("events")
    in_force = [e for e in events if e["event_type"] == "treaty_in_force" and "RUS" in e["actors"].split(";")
                and e["date"] >= "2024"]
    assert in_force, "the treaty's entry into force is missing from events.csv"
    assert res["verdicts_now"]["C2"] == "Supported"
    day = in_force[0]["date"]
    assert "in force since" in res["evidence_now"]["C2"] and str(int(day[8:])) in res["evidence_now"]["C2"]
    # Entered into force after 1 Nov 2024; the signing counts on that date only if its row was known then (its
    # source published by then: helpers/data/load.py, known_on).
    signed = [e for e in events if e["event_type"] == "treaty_signed" and {"RUS", "PRK"} <= set(e["actors"].split(";"))
              and e["date"] >= "2023"]
    signed_then = any(known_on_csv("events", e) <= dt.date(2024, 11, 1) for e in signed)
    assert ("not yet in force" in res["evidence_article"]["C2"]) == signed_then
    assert ("no treaty" in res["evidence_article"]["C2"]) == (not signed_then)

    troops = read_csv("troop_reports")
    early_acks = [t for t in troops if t["status"] == "acknowledgement"
                  and known_on_csv("troop_reports", t) <= dt.date(2024, 11, 1) and t["reporter_country"] in ("RUS", "PRK")]
    assert ("not yet acknowledged" in res["evidence_article"]["C3"]) == (len({t["reporter_country"]
                                                                               for t in early_acks}) < 2)
    assert "acknowledged by Russia and North Korea" in res["evidence_now"]["C3"]

    icbm = [m for m in read_csv("missile_launches") if m["missile_type"] == "ICBM" and m["apogee_km"]]
    record = max(icbm, key=lambda m: float(m["apogee_km"]))
    # On the article's date the tempo after the test cannot be judged yet: the record alone decides.
    assert (res["verdicts_article"]["C4"] == "Supported") == (record["date"] == "2024-10-31")
    assert set(res["verdicts_now"]) == {f"C{i}" for i in range(1, 8)}


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
    assert all(3 <= len(v) <= 5 for v in by_claim.values()), by_claim
    assert res["robust_claims"] == [c for c, v in by_claim.items() if len(set(v)) == 1]
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
