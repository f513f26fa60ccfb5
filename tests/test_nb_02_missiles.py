"""The missiles notebook's headline numbers, recomputed independently from the CSV."""
from collections import Counter

from conftest import read_csv


def test_missile_headline(site):
    res = site.results("02-missiles")
    rows = read_csv("missile_launches")
    per_year = Counter(r["date"][:4] for r in rows)
    year, count = per_year.most_common(1)[0]
    assert res["total_launches"] == len(rows)
    assert res["peak_year"] == int(year) and res["peak_year_launches"] == count
    icbm = [r for r in rows if r["missile_type"] == "ICBM"]
    assert res["icbm_launches"] == len(icbm)
    top = max((r for r in icbm if r["apogee_km"]), key=lambda r: float(r["apogee_km"]))
    assert res["highest_icbm_apogee_km"] == float(top["apogee_km"])
    assert res["highest_icbm_date"] == top["date"]
