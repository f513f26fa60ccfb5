"""The arms-for-oil notebook's headline numbers, recomputed independently from the CSV."""
from conftest import read_csv

UN_CAP = 500_000  # barrels a year of refined petroleum (data/README.md)


def test_transfers_counts_and_dates(site):
    res = site.results("04-arms-for-oil")
    rows = read_csv("transfers")
    assert res["rows"] == len(rows)
    assert res["reports_prk_to_rus"] == sum(1 for r in rows if (r["from"], r["to"]) == ("PRK", "RUS"))
    assert res["reports_rus_to_prk"] == sum(1 for r in rows if (r["from"], r["to"]) == ("RUS", "PRK"))
    assert res["rows_without_report_date"] == sum(1 for r in rows if not r["report_date"])
    assert res["rows_qualitative"] == sum(1 for r in rows if not r["value_low"] and not r["value_high"])
    dates = [r["report_date"] for r in rows if r["report_date"]]
    assert (res["first_report_date"], res["latest_report_date"]) == (min(dates), max(dates))


def test_transfers_containers_and_oil(site):
    res = site.results("04-arms-for-oil")
    rows = read_csv("transfers")
    cont = [r for r in rows if r["item_category"] == "containers" and r["value_high"]]
    top = max(cont, key=lambda r: float(r["value_high"]))  # max() keeps the first line among ties
    assert (res["max_containers"], res["max_containers_reporter"]) == (float(top["value_high"]), top["reporter"])
    assert res["max_containers_report_date"] == (top["report_date"] or None)
    dated = max((r for r in cont if r["report_date"]), key=lambda r: float(r["value_high"]))
    assert (res["max_dated_containers"], res["max_dated_containers_reporter"]) == (
        float(dated["value_high"]), dated["reporter"])

    oil = [r for r in rows if r["item_category"] == "oil" and r["unit"] == "barrels" and r["value_high"]]
    top_oil = max(float(r["value_high"]) for r in oil)
    assert res["max_oil_barrels"] == top_oil
    assert res["max_oil_multiple_of_cap"] == round(top_oil / UN_CAP, 2)
    assert res["max_oil_reporters"] == [r["reporter"] for r in oil if float(r["value_high"]) == top_oil]
    declared = [float(r["value_high"]) for r in oil if r["reporter_country"] == "RUS"]
    assert res["max_declared_oil_barrels"] == max(declared) < UN_CAP
