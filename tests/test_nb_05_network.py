"""Notebook 05-network: North Korea's tie split between China and Russia, recomputed from events.csv."""
from __future__ import annotations

import pytest

from conftest import read_csv

WEIGHTS = {"summit": 3, "treaty_signed": 3, "treaty_ratified": 3, "treaty_in_force": 3, "treaty_expired": 3,
           "visit": 2}


def period_weights(rows, first, last):
    """Summed event weights of the PRK–CHN and PRK–RUS ties over first..last (USSR = Russia, UN events out)."""
    w = {"CHN": 0, "RUS": 0}
    for row in rows:
        year = int(row["date"][:4])
        actors = {"RUS" if a == "SUN" else a for a in row["actors"].split(";")}
        if not first <= year <= last or "UNO" in actors or "PRK" not in actors:
            continue
        for partner in w:
            if partner in actors:
                w[partner] += WEIGHTS.get(row["event_type"], 1)
    return w


def test_headline_shares(site):
    res = site.results("05-network")
    rows = read_csv("events")
    latest = max(int(r["date"][:4]) for r in rows)
    assert res["latest_year"] == latest
    for key, (first, last) in {"2018_19": (2018, 2019), "2023_24": (2023, 2024),
                               "2025_latest": (2025, latest)}.items():
        w = period_weights(rows, first, last)
        assert (res[f"w_chn_{key}"], res[f"w_rus_{key}"]) == (w["CHN"], w["RUS"]), key
        assert res[f"share_chn_{key}"] == pytest.approx(w["CHN"] / (w["CHN"] + w["RUS"]), abs=1e-4), key


def test_un_events_counted(site):
    res = site.results("05-network")
    rows = read_csv("events")
    assert res["events_excluded_un"] == sum("UNO" in r["actors"].split(";") for r in rows)


def test_trade_layer_minimum(site):
    """China share of (China + Russia) total trade since 2017: median per year of the preferred series."""
    res = site.results("05-network")
    rows = [r for r in read_csv("trade") if r["flow"] == "total" and r["value_usd_m"]]

    def values(partner, order):
        out = {}
        for series in reversed(order):  # later (preferred) series overwrite
            by_year = {}
            for r in rows:
                if r["partner"] == partner and r["reporter_series"] == series:
                    by_year.setdefault(int(r["year"]), []).append(float(r["value_usd_m"]))
            for year, vals in by_year.items():
                vals.sort()
                n = len(vals)
                out[year] = vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2
        return out

    chn = values("China", ["china_customs", "kotra"])
    rus = values("Russia", ["russia_customs", "kotra"])
    shares = [chn[y] / (chn[y] + rus[y]) for y in chn if y in rus and y >= 2017]
    assert res["trade_share_chn_min_since_2017"] == pytest.approx(min(shares), abs=1e-4)
