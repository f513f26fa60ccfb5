"""The claims ledger: verdicts are computed from the data (so changing data changes them), and the
ones that can be checked directly against the CSVs agree with them."""
import shutil

from conftest import DATA, read_csv


def test_ledger_verdicts_match_the_data(site):
    res = site.results("00-claims")
    events = read_csv("events")
    in_force = [e for e in events if e["event_type"] == "treaty_in_force" and "RUS" in e["actors"].split(";")
                and e["date"] >= "2024"]
    assert in_force, "the treaty's entry into force is missing from events.csv"
    assert res["verdicts_now"]["C2"] == "Supported"
    day = in_force[0]["date"]
    assert "in force since" in res["evidence_now"]["C2"] and str(int(day[8:])) in res["evidence_now"]["C2"]
    assert "not yet in force" in res["evidence_article"]["C2"]  # entered into force after 1 Nov 2024

    troops = read_csv("troop_reports")
    early_acks = [t for t in troops if t["status"] == "acknowledgement" and t["report_date"] <= "2024-11-01"
                  and t["reporter_country"] in ("RUS", "PRK")]
    assert ("not yet acknowledged" in res["evidence_article"]["C3"]) == (len({t["reporter_country"]
                                                                               for t in early_acks}) < 2)
    assert "acknowledged by Russia and North Korea" in res["evidence_now"]["C3"]

    icbm = [m for m in read_csv("missile_launches") if m["missile_type"] == "ICBM" and m["apogee_km"]]
    record = max(icbm, key=lambda m: float(m["apogee_km"]))
    assert (res["verdicts_now"]["C4"] == "Supported") == (record["date"] == "2024-10-31")
    assert set(res["verdicts_now"]) == {"C1", "C2", "C3", "C4", "C5", "C6"}


def test_verdicts_change_when_the_data_change(tmp_path, monkeypatch):
    from helpers import claims

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    assert "in force since" in claims.evaluate()["C2"].evidence
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if ",treaty_in_force," not in ln or "RUS" not in ln]
    assert len(kept) < len(lines)
    (folder / "events.csv").write_text("".join(kept), encoding="utf-8")
    assert "not yet in force" in claims.evaluate()["C2"].evidence
