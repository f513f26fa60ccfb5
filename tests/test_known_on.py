"""The known-on rule (helpers/data/load.py, known_on) is the one rule for as-of builds, the ledger's
"known on" verdicts and every "known on" figure: a row is known from the end of its date's precision period or
its source's publication, whichever is later (monthly customs data: a publication lag when no later source date
is held). Checked on generated rows, and on the real data for every dataset (no row counted too early)."""
import datetime as dt
import shutil

import pytest

from conftest import DATA, known_on_csv, read_csv, write_rows
from helpers.data import load
from helpers.data.schemas import CUSTOMS_PUBLICATION_LAG_DAYS, DATASETS

SOURCE = {"source_quote": "Test words", "source_name": "Test", "source_url": "https://example.org",
          "source_kind": "news"}


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("TRIANGLE_DATA_DIR", str(folder))
    monkeypatch.delenv("TRIANGLE_AS_OF", raising=False)
    return folder


def ids(name, **kw):
    key = {"events": "event_id", "troop_reports": "report_id", "china_signals": "signal_id"}[name]
    return set(load.load(name, **kw)[key])


def test_month_precision_row_is_not_known_before_the_month_ends(data_copy, monkeypatch):
    write_rows(data_copy, "events", [{"event_id": "EV-2024-test-month", "date": "2024-11-01", "date_precision": "month",
                                      "event_type": "other", "actors": "PRK;RUS", "title": "Test",
                                      "description": "Test row.", **SOURCE}])
    assert "EV-2024-test-month" not in ids("events", known_by=dt.date(2024, 11, 1))
    assert "EV-2024-test-month" not in ids("events", known_by=dt.date(2024, 11, 29))
    assert "EV-2024-test-month" in ids("events", known_by=dt.date(2024, 11, 30))
    monkeypatch.setenv("TRIANGLE_AS_OF", "2024-11-15")  # an as-of build uses the same rule
    assert "EV-2024-test-month" not in ids("events")


def test_row_whose_source_was_published_later_is_not_known_before_it(data_copy):
    write_rows(data_copy, "troop_reports", [{"report_id": "TR-999", "report_date": "2024-10-20", "report_date_precision": "day", "reporter": "Test",
                                             "reporter_kind": "news", "measure": "deployed", "value_low": "1",
                                             "value_high": "1", "status": "estimate", "source_date": "2024-11-20",
                                             **SOURCE}])
    assert "TR-999" not in ids("troop_reports", known_by=dt.date(2024, 11, 1))
    assert "TR-999" in ids("troop_reports", known_by=dt.date(2024, 11, 20))


def test_monthly_customs_figures_wait_for_publication(data_copy):
    month = {"period_start": "2024-09-01", "period_end": "2024-09-30", "period": "month", "flow": "total",
             "reporter_series": "china_customs", **SOURCE}
    write_rows(data_copy, "trade_monthly", [{**month, "value_usd_m": "123.456"},
                                            {**month, "value_usd_m": "654.321", "source_date": "2024-10-11"}])
    schema = DATASETS["trade_monthly"]
    df = load.load("trade_monthly")
    known = load.known_on(schema, df)
    lagged = known[df["value_usd_m"] == 123.456].iloc[0]
    sourced = known[df["value_usd_m"] == 654.321].iloc[0]
    assert lagged.date() == dt.date(2024, 9, 30) + dt.timedelta(days=CUSTOMS_PUBLICATION_LAG_DAYS)
    assert sourced.date() == dt.date(2024, 10, 11)  # the source's own date where we hold it


def test_yearly_figures_are_known_at_the_end_of_their_year(data_copy):
    df = load.load("aid")
    known = load.known_on(DATASETS["aid"], df)
    no_source = df["source_date"].isna()
    assert no_source.any()
    assert (known[no_source].dt.strftime("%m-%d") == "12-31").all()
    assert (known[no_source].dt.year == df.loc[no_source, "year"]).all()


def test_schema_names_real_columns_for_the_rule():
    for schema in DATASETS.values():
        names = set(schema.column_names)
        assert schema.known_date in names, schema.name
        assert not schema.known_precision or schema.known_precision in names, schema.name
        assert set(schema.known_sources) <= names, schema.name
        assert all(schema.column(c).kind == "date" for c in schema.known_sources), schema.name


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("day", ["2024-11-01", "2023-06-01"])
def test_real_data_leak_nothing_into_an_earlier_date(name, day):
    """No row counted as known on the day has its own date, its period's end or every source date after it; and
    the loader keeps exactly the rows the rule (written out again in conftest) says were known."""
    cutoff = dt.date.fromisoformat(day)
    schema = DATASETS[name]
    kept = load.load(name, known_by=cutoff)
    rows = read_csv(name)
    lines = set(kept.index)  # the loader's index is the CSV line (header = line 1)
    expected = {i for i, r in enumerate(rows, start=2) if (known_on_csv(name, r) or dt.date.max) <= cutoff}
    assert lines == expected
    for i in lines:
        r = rows[i - 2]
        own = r[schema.known_date]
        own = f"{own}-12-31" if schema.column(schema.known_date).kind == "int" else own  # a year: its last day
        assert own and own <= day, (name, i, own)
        sources = [r[c] for c in schema.known_sources if r.get(c)]  # missiles: the database or the news check
        assert not sources or min(sources) <= day, (name, i, sources)


def test_the_runbook_states_the_publication_lag_in_the_code():
    text = " ".join((DATA.parent / "UPDATING.md").read_text(encoding="utf-8").split())
    assert f"counts as known {CUSTOMS_PUBLICATION_LAG_DAYS} days after its month ends" in text
