"""One loader per dataset, each returning a typed, validated DataFrame.

A loader validates the whole file first and raises DataError (file, line, column, what was expected) on
any problem, so a notebook never runs on a silently shortened table. In an as-of build
(TRIANGLE_AS_OF=YYYY-MM-DD) rows not yet known on that date (known_on: the end of the row's date period or its
source's publication, whichever is later) are left out, and the loader says how many.
"""
from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from . import paths
from .schemas import DATASETS, Dataset
from .validate import DataError, check_file


def as_of() -> dt.date | None:
    """The as-of date of this build, or None for a build on all data."""
    value = os.environ.get("TRIANGLE_AS_OF", "").strip()
    return dt.date.fromisoformat(value) if value else None


def record_read(path) -> None:
    # The build records which files each notebook reads, so an edited CSV re-executes only its readers.
    log = os.environ.get("TRIANGLE_READS_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{path}\n")


# The last day of a date's precision period: a row dated 2024-11-01 to the month is about all of November.
PERIOD_ENDS = {"day": None, "month": pd.offsets.MonthEnd(0), "quarter": pd.offsets.QuarterEnd(0),
               "year": pd.offsets.YearEnd(0)}


def reach(schema: Dataset, df: pd.DataFrame) -> pd.Series:
    """The date each row is about (its launch, report, event or period date; 31 December for a yearly figure):
    how far a dataset reaches is the latest of these. Not the date the row became known (see known_on)."""
    if not schema.known_date:  # a reference table: no dated facts
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    col = df[schema.known_date]
    if schema.column(schema.known_date).kind == "int":
        return pd.to_datetime(col.astype("string") + "-12-31", errors="coerce")
    return pd.to_datetime(col)


def period_end(schema: Dataset, df: pd.DataFrame) -> pd.Series:
    """The last day of the period each row's date stands for, by the dataset's precision column (if any; a value
    such as `unknown` leaves the date as written)."""
    end = reach(schema, df)
    if schema.known_precision and schema.known_precision in df:
        precision = df[schema.known_precision].astype("string")
        for value, offset in PERIOD_ENDS.items():
            rows = (precision == value).fillna(False).astype(bool)
            if offset is not None and rows.any():
                end = end.where(~rows, end[rows] + offset)
    return end


def known_on(schema: Dataset, df: pd.DataFrame) -> pd.Series:
    """The day each row became known: the one rule for as-of builds, the ledger's "known on" verdicts and every
    "known on" figure.

    The later of (a) the end of its date's precision period (a month-precision row dated 2024-11-01 is known on
    30 November; a yearly figure on 31 December) and (b) the earliest of its filled source dates
    (`Dataset.known_sources`: the source could not say it before it was published). Where no source date is
    later than the period's end, the dataset's publication lag is added to the end (monthly customs data:
    schemas.CUSTOMS_PUBLICATION_LAG_DAYS). A row without its own date is never known (NaT): as-of builds leave it out."""
    end = period_end(schema, df)
    sources = [c for c in schema.known_sources if c in df]
    published = df[sources].apply(pd.to_datetime).min(axis=1) if sources else pd.Series(pd.NaT, index=df.index)
    later = published.notna() & (published > end)
    lagged = end + pd.Timedelta(days=schema.publication_lag_days)
    return pd.to_datetime(published.where(later, lagged).where(end.notna()))


def _frame(schema: Dataset, rows: list[dict], lines: list[int]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=schema.column_names)
    for col in schema.columns:
        if col.kind == "date":
            df[col.name] = pd.to_datetime(df[col.name])
        elif col.kind == "int":
            df[col.name] = df[col.name].astype("Int64")
        elif col.kind == "float":
            df[col.name] = df[col.name].astype("float64")
        elif col.kind == "category":
            df[col.name] = pd.Categorical(df[col.name], categories=list(col.allowed))
        else:
            df[col.name] = df[col.name].astype("string")
    df.index = pd.Index(lines, name="line")  # the index is the CSV line, so any row can be traced back
    return df


# How far each dataset loaded in this kernel reaches (its latest known date), for honest coverage lines.
COVERAGE: dict[str, pd.Timestamp | None] = {}


def _note_coverage(name: str, schema: Dataset, df: pd.DataFrame) -> None:
    latest = reach(schema, df).max() if len(df) else None
    if latest is None or pd.isna(latest):
        COVERAGE.setdefault(name, None)  # loaded, but no dated row
    else:
        COVERAGE[name] = max(COVERAGE.get(name) or latest, latest)


def coverage_text(names=None) -> str:
    """'events to 25 Feb 2026; trade to 2025': how far the named (default: all loaded) datasets reach."""
    parts = []
    for name in names or COVERAGE:
        if name not in COVERAGE:
            raise KeyError(f"{name} has not been loaded in this session, so its coverage is unknown")
        latest, yearly = COVERAGE[name], DATASETS[name].column(DATASETS[name].known_date).kind == "int"
        if latest is None:
            parts.append(f"{name.replace('_', ' ')}: no rows")
            continue
        parts.append(f"{name.replace('_', ' ')} to {latest.year if yearly else latest.strftime('%-d %b %Y')}")
    return "; ".join(parts)


def load(name: str, *, all_rows: bool = False, known_by: dt.date | None = None) -> pd.DataFrame:
    """Load a dataset by name. all_rows=True ignores the build's as-of date (to show what came later);
    known_by keeps only rows known on that date (the claims ledger uses it for the article's date). Whether a
    row is known on a date is decided by known_on, here and nowhere else."""
    schema = DATASETS[name]
    path = paths.data_dir() / schema.file
    record_read(path)
    rows, lines, problems = check_file(path, schema)
    if problems:
        raise DataError(problems)
    df = _frame(schema, rows, lines)
    cutoff = None if all_rows else as_of()
    if known_by is not None:
        cutoff = min(known_by, cutoff) if cutoff else known_by
    if cutoff is not None:
        keep = known_on(schema, df) <= pd.Timestamp(cutoff)
        df = df[keep]
        df.attrs["left_out_as_of"] = int((~keep).sum())
    df.attrs["dataset"] = name
    _note_coverage(name, schema, df)
    return df


def missile_launches(**kw) -> pd.DataFrame:
    return load("missile_launches", **kw)


def troop_reports(**kw) -> pd.DataFrame:
    return load("troop_reports", **kw)


def trade(**kw) -> pd.DataFrame:
    return load("trade", **kw)


def aid(**kw) -> pd.DataFrame:
    return load("aid", **kw)


def transfers(**kw) -> pd.DataFrame:
    return load("transfers", **kw)


def events(**kw) -> pd.DataFrame:
    return load("events", **kw)


def china_signals(**kw) -> pd.DataFrame:
    return load("china_signals", **kw)


def trade_monthly(**kw) -> pd.DataFrame:
    return load("trade_monthly", **kw)


def refined_petroleum(**kw) -> pd.DataFrame:
    return load("refined_petroleum", **kw)


def places(**kw) -> pd.DataFrame:
    return load("places", **kw)
