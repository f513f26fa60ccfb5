"""The troops notebook's headline numbers, recomputed independently from the CSV."""
from conftest import read_csv


def test_troops_headline(site):
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    assert res["rows"] == len(rows)
    assert res["rows_without_number"] == sum(1 for r in rows if not r["value_high"])

    deployed = [r for r in rows if r["measure"] == "deployed" and r["value_high"]]
    first_day = min(r["report_date"] for r in deployed)
    firsts = [float(r["value_high"]) for r in deployed if r["report_date"] == first_day]
    assert res["first_report_date"] == min(r["report_date"] for r in rows)
    assert (res["first_deployed_date"], res["first_deployed_figure"], res["first_deployed_high"]) == (
        first_day, min(firsts), max(firsts))

    top = max(float(r["value_high"]) for r in deployed)
    top_row = next(r for r in deployed if float(r["value_high"]) == top)  # first line among ties
    assert (res["highest_deployed"], res["highest_deployed_reporter"], res["highest_deployed_date"]) == (
        top, top_row["reporter"], top_row["report_date"])


def test_troops_acknowledgements_and_casualties(site):
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    acks = {}
    for r in rows:
        if r["status"] == "acknowledgement" and r["measure"] == "deployed":
            acks[r["reporter_country"]] = min(acks.get(r["reporter_country"], "9999"), r["report_date"])
    assert res["ack_dates"] == acks and set(acks) == {"RUS", "PRK"}

    # Latest cumulative casualty figure: single-episode rows (flagged in notes) do not count.
    episode = ("not cumulative", "episode", "single engagement")
    cas = [r for r in rows if r["measure"] == "casualties" and r["value_high"]
           and not any(w in r["notes"] for w in episode)]
    latest = cas[0]
    for r in cas:
        if r["report_date"] >= latest["report_date"]:  # the later CSV line wins a tie, as in the notebook
            latest = r
    assert (res["latest_casualties"], res["latest_casualties_reporter"], res["latest_casualties_date"]) == (
        float(latest["value_high"]), latest["reporter"], latest["report_date"])
    # The doubtful Reuters "killed" line (TR-099) must not be the latest killed estimate.
    assert res["latest_killed_reporter"] != next(r["reporter"] for r in rows if r["report_id"] == "TR-099")
