"""One rule picks a trade figure (helpers/data/series.py): recomputed here from the CSV with the csv module, and
checked against every place that prints one: notebooks 1, 5 and 8 and the claims ledger."""
from __future__ import annotations

import pytest

from conftest import read_csv

# The codebook's stated order of series per partner (data/README.md, trade.csv "Counting rules").
ORDER = {"China": ("china_customs", "kotra", "kita", "other"), "Russia": ("russia_customs", "kotra", "kita", "other")}


def sig_digits(value: float) -> int:
    text = f"{abs(value):.10g}".replace(".", "").lstrip("0").rstrip("0")
    return max(len(text), 1)


def rows_with_lines(name="trade"):
    return [dict(r, line=i + 2) for i, r in enumerate(read_csv(name))]  # line 1 is the header


def pick(rows, column="value_usd_m"):
    """Within one series: skip CAUTION rows; more significant digits win; then the latest source_date (undated
    last); then the earlier line. Returns {year: row}."""
    best = {}
    for r in rows:
        if not r[column] or "CAUTION" in r["notes"]:
            continue
        rank = (sig_digits(float(r[column])), r["source_date"] != "", r["source_date"], -r["line"])
        if int(r["year"]) not in best or rank > best[int(r["year"])][0]:
            best[int(r["year"])] = (rank, r)
    return {y: r for y, (_, r) in best.items()}


def chosen(partner, flow="total"):
    """{year: (value, series)}: the first series in ORDER with a figure that year."""
    rows = [r for r in rows_with_lines() if r["partner"] == partner and r["flow"] == flow]
    out = {}
    for series in reversed(ORDER[partner]):  # earlier (preferred) series overwrite
        for year, r in pick([r for r in rows if r["reporter_series"] == series]).items():
            out[year] = (float(r["value_usd_m"]), series)
    return out


@pytest.mark.parametrize("partner", ["China", "Russia"])
def test_helper_follows_the_stated_rule(partner):
    from helpers.data import load
    from helpers.data.series import PREFERENCE, trade_figure

    assert PREFERENCE[partner] == ORDER[partner]
    got = trade_figure(load.trade(all_rows=True), partner)
    want = chosen(partner)
    assert sorted(got.index) == sorted(want)
    for year, (value, series) in want.items():
        assert (got.loc[year, "value"], got.loc[year, "series"]) == (value, series), year
        assert got.loc[year, "fallback"] == (series != ORDER[partner][0]), year


def test_flags_are_skipped_unless_asked():
    from helpers.data.load import _frame
    from helpers.data.schemas import DATASETS
    from helpers.data.series import flagged, trade_figure

    base = {"partner": "China", "flow": "total", "source_name": "s", "source_url": "https://example.org"}
    rows = [dict(base, year=2030, reporter_series="china_customs", value_usd_m=900.0, source_date="2031-01-02",
                 notes="CAUTION: conflicts with every other report"),
            dict(base, year=2030, reporter_series="china_customs", value_usd_m=100.0, source_date="2031-01-01"),
            dict(base, year=2031, reporter_series="china_customs", value_usd_m=7.0,
                 notes="CAUTION: one direction only"),
            dict(base, year=2031, reporter_series="kotra", value_usd_m=150.0)]
    trade = _frame(DATASETS["trade"], rows, [2, 3, 4, 5])
    assert flagged(trade).tolist() == [True, False, True, False]
    figures = trade_figure(trade, "China")
    assert figures.loc[2030, "value"] == 100.0 and not figures.loc[2030, "fallback"]
    assert (figures.loc[2031, "value"], figures.loc[2031, "series"], figures.loc[2031, "fallback"]) == (150.0, "kotra", True)
    assert trade_figure(trade, "China", include_flagged=True).loc[2030, "value"] == 900.0
    with pytest.raises(KeyError):
        trade_figure(trade, "China", 2029)


def test_same_year_same_value_everywhere(site):
    """Every notebook and the ledger print the chosen figure for a year; all agree with the CSV."""
    from helpers.analysis import c5_influence, ledger

    china, russia = chosen("China"), chosen("Russia")
    nb1, nb5 = site.results("01-benefactor"), site.results("05-network")
    nb8 = site.results("08-since-the-article")
    # China's latest year: notebook 1's headline and notebook 8's headline (2025 was 2,730 in one, 2,700 in the other)
    assert nb1["customs_latest_year"] == nb8["china_trade_latest_year"] == max(china)
    assert nb1["customs_latest_usd_m"] == nb8["china_trade_latest_usd_m"] == china[max(china)][0]
    # the Russia/China comparison year: notebook 1, notebook 5's trade layer and the ledger's claim C5
    year = nb1["russia_china_ratio_year"]
    assert year == max(set(china) & set(russia))
    assert (nb1["russia_usd_m"], nb1["russia_reporter"]) == russia[year]
    assert (nb1["china_usd_m"], nb1["china_reporter"]) == china[year]
    assert nb1["russia_fallback"] == (russia[year][1] != "russia_customs")
    used = nb5["trade_figures_used"]
    for y in used["China"]:
        assert used["China"][y] == china[int(y)][0] and used["Russia"][y] == russia[int(y)][0], y
    assert str(year) in used["Russia"], "notebook 5 must use the same Russian figure notebook 1 and the ledger use"
    for y, v in nb8["russia_trade_shown"].items():
        assert v == russia[int(y)][0], y
    ledger_year, ratio = c5_influence._trade_ratio(ledger.data_for())
    assert ledger_year == year and ratio == pytest.approx(china[year][0] / russia[year][0])
    assert 100 / ratio == pytest.approx(nb1["russia_china_ratio_pct"], abs=0.01)


def test_series_rule_matches_pandas_reading():
    """trade_series (one series, flags skipped) agrees with the independent pick for every China series."""
    from helpers.data import load
    from helpers.data.series import trade_series

    trade = load.trade(all_rows=True)
    for series in ("china_customs", "kotra"):
        want = {y: float(r["value_usd_m"]) for y, r in pick(
            [r for r in rows_with_lines() if r["partner"] == "China" and r["flow"] == "total"
             and r["reporter_series"] == series]).items()}
        assert trade_series(trade, series, "China").to_dict() == want
    shares = pick([r for r in rows_with_lines() if r["partner"] == "China" and r["flow"] == "total"
                   and r["reporter_series"] == "kotra"], "share_pct")
    assert trade_series(trade, "kotra", "China", value="share_pct").to_dict() == {
        y: float(r["share_pct"]) for y, r in shares.items()}  # flagged shares (CAUTION) are never chosen
