"""The benefactor notebook's headline numbers, recomputed independently from the CSV."""
from conftest import ROOT, read_csv
from test_trade_figure import chosen as chosen_figure, pick, rows_with_lines


def pick_rows(series, partner, flow="total"):
    return [r for r in rows_with_lines()
            if r["reporter_series"] == series and r["partner"] == partner and r["flow"] == flow]


def chosen(rows, column):
    """{year: (value, row)} by the collection's within-series rule (test_trade_figure.pick)."""
    return {y: (float(r[column]), r) for y, r in pick(rows, column).items()}


def test_china_customs_headline(site):
    res = site.results("01-benefactor")
    customs = {y: v for y, (v, _) in chosen(pick_rows("china_customs", "China"), "value_usd_m").items()}
    assert res["customs_2019_usd_m"] == customs[2019]
    trough = min((y for y in customs if 2020 <= y <= 2022), key=customs.get)
    assert (res["customs_trough_year"], res["customs_trough_usd_m"]) == (trough, customs[trough])
    latest = max(customs)
    assert (res["customs_latest_year"], res["customs_latest_usd_m"]) == (latest, customs[latest])
    # every chosen figure is one that a source actually gave for that year
    raw = {(int(r["year"]), float(r["value_usd_m"])) for r in pick_rows("china_customs", "China") if r["value_usd_m"]}
    assert (latest, customs[latest]) in raw


def test_kotra_share(site):
    res = site.results("01-benefactor")
    shares = chosen(pick_rows("kotra", "China"), "share_pct")
    latest = max(shares)
    assert res["kotra_china_share_year"] == latest
    assert res["kotra_china_share_pct"] == shares[latest][0]
    assert res["kotra_first_year_share_over_90"] == min(y for y, (v, _) in shares.items() if v > 90)


def test_russia_china_ratio(site):
    """The comparison year and figures follow the one rule of helpers/data/series.py (see test_trade_figure)."""
    res = site.results("01-benefactor")
    china, russia = chosen_figure("China"), chosen_figure("Russia")
    year = max(set(china) & set(russia))
    assert res["russia_china_ratio_year"] == year
    assert (res["russia_usd_m"], res["russia_reporter"]) == russia[year]
    assert abs(res["russia_china_ratio_pct"] - round(100 * russia[year][0] / china[year][0], 2)) < 1e-9
    # The section title says Russia is small next to China: under a tenth in the comparison year
    assert res["russia_china_ratio_pct"] < 10


def test_source_exercise_row():
    """The 'judge a source' exercise describes one aid row: a claim of 800,000 t of rice in 2019."""
    rows = [r for r in read_csv("aid") if r["year"] == "2019" and r["donor"] == "China" and r["quantity"] == "800000"]
    assert len(rows) == 1 and rows[0]["notes"].startswith("claim") and "Unification" in rows[0]["notes"]
    assert "800,000 tonnes of rice" in " ".join(
        (ROOT / "notebooks" / "01-benefactor.md").read_text(encoding="utf-8").split())


def test_figure_takeaways(site):
    """Each figure's one-sentence takeaway states numbers recomputed here from the CSVs."""
    res = site.results("01-benefactor")
    # benefactor_china_trade: peak, trough and latest of China customs; Russia as a share of China
    customs = {y: v for y, (v, _) in chosen(pick_rows("china_customs", "China"), "value_usd_m").items()}
    peak = max(customs, key=customs.get)
    trough = min((y for y in customs if 2020 <= y <= 2022), key=customs.get)
    latest = max(customs)
    china, russia = chosen_figure("China"), chosen_figure("Russia")
    year = max(set(china) & set(russia))
    text = res["takeaway_benefactor_china_trade"]
    assert peak < trough  # "peaked ... fell to"
    assert f"peaked at ${customs[peak]:,.0f}m in {peak}, fell to ${customs[trough]:,.0f}m in {trough}" in text
    assert f"was ${customs[latest]:,.0f}m in {latest}" in text
    assert f"in {year} was {100 * russia[year][0] / china[year][0]:.1f}% of China's" in text
    # benefactor_china_share: KOTRA's stated shares
    shares = {y: v for y, (v, _) in chosen(pick_rows("kotra", "China"), "share_pct").items()}
    first_half = min(y for y, v in shares.items() if v > 50)
    first_90 = min(y for y, v in shares.items() if v > 90)
    assert (f"first passed one half in {first_half} and 90% in {first_90}, and was "
            f"{shares[max(shares)]:.0f}% in {max(shares)}") in res["takeaway_benefactor_china_share"]
    # benefactor_aid: UN-tracked (OCHA FTS) funding, one figure per year by the same rule as trade
    fts = {y: float(r["value_usd_m"]) for y, r in pick(
        [r for r in rows_with_lines("aid") if r["donor"] == "All donors (OCHA FTS)"]).items()}
    high, low, last = max(fts, key=fts.get), min(fts, key=fts.get), max(fts)
    assert (f"highest in {high} (${fts[high]:,.0f}m) and lowest in {low} (${fts[low]:,.1f}m); the latest year, "
            f"{last}, recorded ${fts[last]:,.1f}m") in res["takeaway_benefactor_aid"]
