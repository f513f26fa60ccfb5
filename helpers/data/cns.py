"""Import a newer export of the CNS/NTI North Korea Missile Test Database into data/missile_launches.csv.

The export is read as published (CSV in latin-1 or XLSX; dates like `9-Apr-84`; its own column names).
CNS gives the UTC date and the UTC launch time; our `date` is the Korea local date (UTC+9), so a launch at
or after 15:00 UTC lands on the next day. The UTC time stays in `time_utc`. A row without a launch time
keeps CNS's date and says so in `notes` (NO_TIME_NOTE).
Rows are matched to ours by CNS row number (F1), else by Korea local date and order within the day.
CNS-owned fields are refreshed, curated fields (cross-check sources, notes) are kept, new launches are
added, and no row is ever deleted. When a row's Korea date changes, the launch ids of the days it leaves
and joins are renumbered in launch order (`launch_id` = Korea date and order within the Korean day).
The default is a dry run that prints the diff.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path

from . import paths
from .schemas import MISSILE_LAUNCHES, MISSILE_TYPES
from .store import format_cell, write_dataset
from .validate import DataError, check_file

CNS_URL = "https://www.nti.org/analysis/articles/cns-north-korea-missile-test-database/"
REQUIRED = ("F1", "Date", "Date Entered/Updated", "Launch Time (UTC)", "Missile Name", "Missile Type",
            "Facility Name", "Facility Latitude", "Facility Longitude", "Landing Location", "Apogee",
            "Distance Travelled", "Confirmation Status", "Test Outcome")
# Fields the CNS export owns; everything else in our file is curated by us and kept on re-import.
CNS_FIELDS = ("cns_id", "date", "date_precision", "time_utc", "missile_name", "missile_type", "launch_site",
              "lat", "lon", "landing_location", "apogee_km", "distance_km", "outcome", "confirmation",
              "source_name", "source_url", "source_date", "source_kind")
KST_OFFSET = dt.timedelta(hours=9)  # Korea Standard Time, UTC+9 (no daylight saving since 1988)
NO_TIME_NOTE = "No launch time in CNS: date as CNS gives it, not converted to Korea time"
# A row without a time whose salvo (the other rows of its CNS date) was launched only at or after 15:00 UTC takes
# the salvo's Korea date: the third missile of 10 September 2019 (KST) has no time, the other two 21:53-22:12 UTC.
SALVO_NOTE = "No launch time in CNS: dated to the Korea date of its salvo (the other launches of that CNS date are " \
             "at or after 15:00 UTC)"
TIME_NOTES = (NO_TIME_NOTE, SALVO_NOTE)
# CNS rows whose `Date` is already the Korea local date although their time is UTC, so converting would put
# them a day late. F1 -> (CNS date, true UTC date); checked against news reports (see the rows' notes).
# Applied only while the export still gives that date, so a corrected export needs no change here.
CNS_DATE_ERRATA = {
    79: (dt.date(2016, 4, 15), dt.date(2016, 4, 14)),  # Musudan, about 05:33 KST on 15 April 2016
    108: (dt.date(2017, 5, 14), dt.date(2017, 5, 13)),  # Hwasong-12, about 05:00 KST on 14 May 2017
    161: (dt.date(2022, 1, 5), dt.date(2022, 1, 4)),  # Hwasong-8 MARV, about 08:10 KST on 5 January 2022
}
MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"), start=1)}


class CnsError(ValueError):
    pass


def _year(two: str) -> int:
    y = int(two)
    return y + (1900 if y >= 50 else 2000) if len(two) == 2 else y


def parse_cns_date(value) -> tuple[dt.date, str]:
    """'9-Apr-84' -> (1984-04-09, 'day'); 'Sep-84' -> (1984-09-01, 'month'); also ISO and M/D/YYYY."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{1,2})-([A-Z][a-z]{2})-(\d{2}|\d{4})", text):
        if m[2] in MONTHS:
            return dt.date(_year(m[3]), MONTHS[m[2]], int(m[1])), "day"
    if m := re.fullmatch(r"([A-Z][a-z]{2})-(\d{2}|\d{4})", text):
        if m[1] in MONTHS:
            return dt.date(_year(m[2]), MONTHS[m[1]], 1), "month"
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return dt.date(int(m[3]), int(m[1]), int(m[2])), "day"
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])), "day"
    raise ValueError("a date like 9-Apr-84, Sep-84 or 4/19/2023")


def parse_time(value) -> str | None:
    text = str(value or "").strip()
    if text in ("", "Unknown", "unknown", "N/A"):
        return None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*([AP]M)?", text)
    if not m:
        raise ValueError("a time like 9:20:00 AM")
    hour = int(m[1]) % 12 + (12 if m[3] == "PM" else 0) if m[3] else int(m[1])
    return f"{hour:02d}:{m[2]}"


def korea_date(utc_date: dt.date, time_utc: str | None) -> dt.date:
    """Korea local date (UTC+9) of a launch at `time_utc` (HH:MM) on `utc_date`. 15:00 UTC is midnight in
    Korea, so 15:30 UTC lands on the next day and 14:59 UTC stays. Without a time the date is unchanged."""
    if not time_utc:
        return utc_date
    hour, minute = map(int, time_utc.split(":"))
    return (dt.datetime.combine(utc_date, dt.time(hour, minute)) + KST_OFFSET).date()


def _kst_minutes(time_utc: str) -> int:
    hour, minute = map(int, time_utc.split(":"))
    return (hour * 60 + minute + 9 * 60) % (24 * 60)


def _no_time_flag(notes: str | None, wanted: str | None) -> str | None:
    """`notes` carrying the `wanted` note of TIME_NOTES (or none of them); unchanged when already right."""
    parts = (notes or "").split("; ")
    if [p for p in parts if p in TIME_NOTES] == ([wanted] if wanted else []):
        return notes
    parts = [p for p in parts if p and p not in TIME_NOTES] + ([wanted] if wanted else [])
    return "; ".join(parts) or None


def _date_salvos(rows: list[dict]) -> None:
    """Give a day-precision row without a time the Korea date of its salvo when every timed row of its CNS
    date was launched at or after 15:00 UTC (see SALVO_NOTE); other untimed rows keep the CNS date."""
    by_cns_date: dict[dt.date, list[dict]] = {}
    for row in rows:
        by_cns_date.setdefault(row["_cns_date"], []).append(row)
    for row in rows:
        if row["_time_note"] != NO_TIME_NOTE:
            continue
        timed = [r["time_utc"] for r in by_cns_date[row["_cns_date"]] if r.get("time_utc")]
        if timed and all(t >= "15:00" for t in timed):
            row["date"] = row["_cns_date"] + dt.timedelta(days=1)
            row["_time_note"] = SALVO_NOTE


def parse_km(value) -> tuple[float | None, str | None]:
    """'350 km' -> 350. Text CNS gives that is not one number is kept for the notes, never lost."""
    text = str(value or "").strip()
    if text in ("", "Unknown", "N/A", "unknown"):
        return None, None
    m = re.fullmatch(r"~?\s*([\d,]+(?:\.\d+)?)\s*(km|lm)?", text)
    if m:
        return float(m[1].replace(",", "")), None
    return None, text


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_export(path: Path) -> list[tuple[int, dict]]:
    """Rows of a CNS export as (line or sheet row, {column: value}). Raises CnsError on a wrong layout."""
    if not path.exists():
        raise CnsError(f"{path}: found no file, expected a CNS export (.csv or .xlsx)")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        header = [str(h).strip() if h is not None else "" for h in values[0]]
        rows = [(i, dict(zip(header, ["" if v is None else v for v in r])))
                for i, r in enumerate(values[1:], start=2) if any(v not in (None, "") for v in r)]
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")  # the CNS CSV export is latin-1
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        rows = []
        for record in reader:
            rows.append((reader.line_num, record))
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CnsError(f"{path.name}:1: found no column(s) {', '.join(missing)}, expected the CNS export columns "
                       f"({', '.join(REQUIRED)})")
    return rows


def convert(path: Path) -> list[dict]:
    """CNS rows mapped to our columns (launch_id left for the merge). Raises CnsError listing every problem."""
    out, problems = [], []
    for line, r in read_export(path):
        row, notes = {}, []
        try:
            row["cns_id"] = int(str(r["F1"]).strip())
        except ValueError:
            problems.append(f"{path.name}:{line}: F1: found {r['F1']!r}, expected a whole number")
            continue
        for field, col, parser in (("date", "Date", parse_cns_date), ("source_date", "Date Entered/Updated",
                                                                       parse_cns_date),
                                   ("time_utc", "Launch Time (UTC)", parse_time)):
            try:
                value = parser(r[col]) if str(r[col]).strip() or field != "source_date" else None
            except ValueError as err:
                problems.append(f"{path.name}:{line}: {col}: found {r[col]!r}, expected {err}")
                continue
            if field == "date":
                row["date"], row["date_precision"] = value
            elif field == "source_date":
                row["source_date"] = value[0] if value else None
            else:
                row[field] = value
        kind = str(r["Missile Type"]).strip()
        kind = "unknown" if kind in ("", "Unknown") else kind
        if kind not in MISSILE_TYPES:
            problems.append(f"{path.name}:{line}: Missile Type: found {kind!r}, expected one of "
                            + ", ".join(MISSILE_TYPES))
        row["missile_type"] = kind
        row["missile_name"] = str(r["Missile Name"]).strip() or "Unknown"
        row["launch_site"] = str(r["Facility Name"]).strip() or "Unknown"
        row["lat"], row["lon"] = _float(r["Facility Latitude"]), _float(r["Facility Longitude"])
        row["landing_location"] = str(r["Landing Location"]).strip() or None
        for field, col in (("apogee_km", "Apogee"), ("distance_km", "Distance Travelled")):
            row[field], text = parse_km(r[col])
            if text:
                notes.append(f"CNS {col.lower()}: {text}")
        row["outcome"] = str(r["Test Outcome"]).strip().lower() or "unknown"
        row["confirmation"] = str(r["Confirmation Status"]).strip().lower() or "unconfirmed"
        row["source_name"] = "CNS/NTI North Korea Missile Test Database"
        row["source_url"] = CNS_URL
        row["source_kind"] = "research"  # a research institute's database
        row["_time_note"] = None
        if "date" in row and row["date_precision"] == "day" and "time_utc" in row:
            utc_date = row["_cns_date"] = row["date"]
            cns_date, true_utc = CNS_DATE_ERRATA.get(row["cns_id"], (None, None))
            if utc_date == cns_date:
                utc_date = true_utc
            row["date"] = korea_date(utc_date, row["time_utc"])
            if row["time_utc"] is None:
                row["_time_note"] = NO_TIME_NOTE
        row["_notes"] = "; ".join(notes)
        if "date" in row:
            out.append(row)
    if problems:
        raise CnsError("\n".join(problems))
    _date_salvos([r for r in out if "_cns_date" in r])
    for row in out:
        row.pop("_cns_date", None)
        time_note = row.pop("_time_note")
        row["_notes"] = "; ".join(filter(None, (row["_notes"], time_note)))
        row["_time_note"] = time_note
    return out


def _seq(row: dict) -> int:
    return int(row["launch_id"].split("-")[1])


def _renumber(day: dt.date, rows: list[dict]) -> list[tuple[str, str]]:
    """Give the rows of one Korean day the ids YYYYMMDD-1, -2, ... in launch order (Korea time, then CNS row,
    then old order; rows without a time last). Returns (old id, new id) for every id that changed."""
    rows.sort(key=lambda r: (r.get("time_utc") is None, _kst_minutes(r["time_utc"]) if r.get("time_utc") else 0,
                             r.get("cns_id") is None, r.get("cns_id") or 0, _seq(r)))
    renamed = []
    for n, r in enumerate(rows, start=1):
        new_id = f"{day:%Y%m%d}-{n}"
        if r["launch_id"] != new_id:
            renamed.append((r["launch_id"], new_id))
            r["launch_id"] = new_id
    return renamed


def merge(existing: list[dict], incoming: list[dict]
          ) -> tuple[list[dict], list[str], list[str], int, list[str]]:
    """Merge CNS rows into ours. Returns (rows, added ids, change lines, unchanged count, renumbered lines).
    Deletes nothing."""
    rows = [dict(r) for r in existing]
    by_cns = {r["cns_id"]: r for r in rows if r.get("cns_id") is not None}
    by_day: dict[dt.date, list[dict]] = {}
    for r in rows:
        by_day.setdefault(r["date"], []).append(r)
    for day in by_day.values():
        day.sort(key=_seq)
    added, changed, unchanged = [], [], 0
    moved: set[dt.date] = set()  # days that gained or lost a row
    seen_on_day: dict[dt.date, int] = {}
    for new in sorted(incoming, key=lambda r: r["cns_id"]):
        order = seen_on_day[new["date"]] = seen_on_day.get(new["date"], 0) + 1
        target = by_cns.get(new["cns_id"])
        if target is None:
            # A launch we already hold from the extension or news: same local date, same order that day.
            candidates = [r for r in by_day.get(new["date"], []) if r.get("cns_id") is None]
            target = candidates[0] if candidates else None
        note, time_note = new.pop("_notes"), new.pop("_time_note")
        if target is None:
            day = by_day.setdefault(new["date"], [])
            used = {_seq(r) for r in day}
            n = max(used | {order - 1}) + 1 if order in used else order
            row = {c: None for c in MISSILE_LAUNCHES.column_names}
            row.update(new, launch_id=f"{new['date']:%Y%m%d}-{n}", data_origin="cns", notes=note or None)
            rows.append(row)
            day.append(row)
            by_cns[new["cns_id"]] = row
            added.append(row)
            continue
        diffs = [f"  {f}: {format_cell(target.get(f))!r} -> {format_cell(new.get(f))!r}"
                 for f in CNS_FIELDS if format_cell(target.get(f)) != format_cell(new.get(f))]
        notes = _no_time_flag(target.get("notes"), time_note)
        if notes != target.get("notes"):
            diffs.append(f"  notes: {target.get('notes')!r} -> {notes!r}")
        if diffs:
            changed.append((target, target["launch_id"], new["cns_id"], diffs))
            old_date = target["date"]
            target.update({f: new.get(f) for f in CNS_FIELDS}, notes=notes)
            if target["data_origin"] != "cns":
                target["data_origin"] = "cns"
            if target["date"] != old_date:
                by_day[old_date].remove(target)
                by_day.setdefault(target["date"], []).append(target)
                moved |= {old_date, target["date"]}
        else:
            unchanged += 1
    renumbered = []
    for day in sorted(moved):
        renumbered += _renumber(day, by_day[day])
    changes = [f"{old_id}{'' if t['launch_id'] == old_id else ' -> ' + t['launch_id']} (CNS row {cns_id}):\n"
               + "\n".join(diffs) for t, old_id, cns_id, diffs in changed]
    moved_ids = {old_id for _, old_id, _, _ in changed}
    renumbered_only = [f"{old} -> {new} (order within the Korean day)" for old, new in renumbered
                       if old not in moved_ids]
    rows.sort(key=lambda r: (r["date"], _seq(r)))
    return rows, [r["launch_id"] for r in added], changes, unchanged, renumbered_only


def import_cns(file: Path, write: bool = False, data_dir: Path | None = None) -> int:
    target = (data_dir or paths.data_dir()) / MISSILE_LAUNCHES.file
    try:
        incoming = convert(file)
        existing, _, problems = check_file(target, MISSILE_LAUNCHES) if target.exists() else ([], [], [])
        if problems:
            raise DataError(problems)
        rows, added, changes, unchanged, renumbered = merge(existing, incoming)
        print(f"CNS export {file.name}: {len(incoming)} rows read")
        print(f"  added {len(added)}, changed {len(changes)}, unchanged {unchanged}; "
              f"{len(rows) - len(existing) - len(added)} deleted (never)")
        if renumbered:
            print(f"  renumbered {len(renumbered)} other launch id(s) of days that gained or lost a launch")
        for launch_id in added[:200]:
            print(f"  + {launch_id}")
        for change in changes[:200]:
            print(f"  ~ {change}")
        for line in renumbered[:200]:
            print(f"  ~ {line}")
        if not write:
            print("Dry run: nothing written. Re-run with --write to apply.")
            return 0
        write_dataset(target, MISSILE_LAUNCHES, rows)
        print(f"wrote {target} ({len(rows)} rows)")
        return 0
    except (CnsError, DataError) as err:
        print(f"import-cns: {err}\nNothing was written.", file=sys.stderr)
        return 1
