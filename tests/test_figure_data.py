"""Each figure names the datasets it draws (save_figure's `data=`), so its footer says how far exactly those
reach and a new row in another dataset leaves its files alone; and each writes the values it draws beside it
(NAME.csv, from `frame=`)."""
import csv
import datetime as dt
import io
import json
import shutil

import pandas as pd
import pytest

from conftest import DATA, write_rows
from helpers.data import load
from helpers.data.meta import coverage_label
from helpers.data.schemas import DATASETS
from helpers.figures.style import chart_data


def metas(site) -> list[dict]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(site.figures.glob("*.json"))]
    assert found
    return found


@pytest.fixture
def fresh_coverage(monkeypatch):
    """Coverage as this test loads it (the loaders record how far each dataset reaches), restored afterwards."""
    monkeypatch.delenv("TRIANGLE_AS_OF", raising=False)
    saved = dict(load.COVERAGE)
    yield load.COVERAGE
    load.COVERAGE.clear()
    load.COVERAGE.update(saved)


def footers(figures: list[dict], coverage: dict) -> dict[str, str]:
    coverage.clear()
    for name in DATASETS:
        load.load(name)
    return {m["name"]: coverage_label(m["data"]) for m in figures}


def test_every_figure_names_the_datasets_it_draws(site):
    for m in metas(site):
        assert m["data"] and set(m["data"]) <= set(DATASETS), m["name"]
        names = [part.split(" to ")[0].split(":")[0] for part in m["cutoff"].removeprefix("Data: ").split("; ")]
        assert names == [d.replace("_", " ") for d in m["data"]], (m["name"], m["cutoff"])


def test_a_new_troop_report_changes_only_the_footers_of_troop_figures(site, tmp_path, monkeypatch, fresh_coverage):
    figures = metas(site)
    before = footers(figures, fresh_coverage)
    assert before == {m["name"]: m["cutoff"] for m in figures}  # the built footers are this function's output
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    today = dt.date.today().isoformat()  # later than any report the data hold, and not in the future
    write_rows(folder, "troop_reports", [{
        "report_id": "TR-999", "report_date": today, "report_date_precision": "day", "reporter": "Test", "reporter_kind": "news",
        "measure": "deployed", "value_low": "1", "value_high": "1", "status": "estimate", "source_quote": "Test 1",
        "source_name": "Test", "source_url": "https://example.org", "source_date": today, "source_kind": "news"}])
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    after = footers(figures, fresh_coverage)
    changed = {name for name in before if before[name] != after[name]}
    troops = {m["name"] for m in figures if "troop_reports" in m["data"]}
    assert troops and changed == troops


def test_every_figure_has_its_values_beside_it(site):
    for m in metas(site):
        path = site.figures / m["values"]
        assert path.name == f"{m['name']}.csv" and path.exists(), m["name"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), m["name"]
    pack = (site.figures / "README.md").read_text(encoding="utf-8")
    assert pack.count("- **Data drawn:**") == len(metas(site))


def test_chart_values_are_plain_and_stable():
    series = pd.Series([3, 5], index=pd.Index([2023, 2024], name="year"), name="missiles")
    assert chart_data(series) == "year,missiles\n2023,3\n2024,5\n"
    days = pd.DataFrame({"date": pd.to_datetime(["2024-10-31"]), "km": [7687.5]})
    assert chart_data(days) == "date,km\n2024-10-31,7687.5\n"  # the default 0, 1, 2 index is left out
    both = chart_data({"a": series, "b": [{"year": 2025, "missiles": 1}]})
    assert both.splitlines() == ["part,year,missiles", "a,2023,3", "a,2024,5", "b,2025,1"]
    with pytest.raises(TypeError, match="frame: found str"):
        chart_data("not a frame")


def test_an_as_of_build_writes_the_png_and_the_values_only(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from helpers.figures.style import save_figure
    from helpers.tools.pages import figure_pack

    monkeypatch.setenv("TRIANGLE_FIGURES_DIR", str(tmp_path))
    monkeypatch.setenv("TRIANGLE_AS_OF", "2024-11-01")
    load.missile_launches()
    fig, ax = plt.subplots()
    ax.bar([2023, 2024], [3, 5])
    save_figure(fig, "asof_test", source="test", alt="Two bars.", data=("missile_launches",), show=False,
                frame=pd.Series([3, 5], index=pd.Index([2023, 2024], name="year"), name="missiles"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["asof_test.csv", "asof_test.json", "asof_test.png"]
    pack = figure_pack(tmp_path, for_site=True)
    assert "as-of build" in pack and "`asof_test.svg`" not in pack and "16:9 slide" not in pack
