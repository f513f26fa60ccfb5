"""The primer's numbers, recomputed independently from the CSVs."""
from collections import Counter

from conftest import read_csv


def test_primer_counts(site):
    res = site.results("09-primer")
    rows = read_csv("missile_launches")
    years = [int(r["date"][:4]) for r in rows]
    assert res["primer_rows"] == len(rows)
    assert res["primer_years"] == [min(years), max(years)]
    assert res["primer_2024"] == Counter(years)[2024]
    in_2017 = [r for r in rows if r["date"].startswith("2017")]
    assert res["primer_2017"] == [len(in_2017), sum(r["missile_type"] == "ICBM" for r in in_2017)]
    first = min(read_csv("troop_reports"), key=lambda r: (r["report_date"], r["report_id"]))
    assert res["primer_first_troop_report"] == first["report_id"]
