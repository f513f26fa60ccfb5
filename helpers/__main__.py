"""Command line: `python -m helpers validate|package|build|import-cns|student|codebook|new-row|release|audit ...`.

Every command reports bad input as plain messages (file, line, column, what was expected) and exits 1;
none shows a bare traceback for a data problem.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import paths


def _data_dir(args) -> Path | None:
    data = Path(args.data_dir) if args.data_dir else paths.data_dir()
    if not data.is_dir():
        print(f"{data}: found no folder, expected a data folder", file=sys.stderr)
        return None
    return data


def cmd_validate(args) -> int:
    from .data.validate import summary, validate_dir

    data = _data_dir(args)
    if data is None:
        return 1
    counts, problems = validate_dir(data)
    if problems:
        print("\n".join(summary(problems)), file=sys.stderr)
        print(f"{len(problems)} problem(s) found; no file was changed.", file=sys.stderr)
        return 1
    from .data.schemas import DATASETS, OUTLETS

    datasets = {n: c for n, c in counts.items() if n in DATASETS}
    listing = ", ".join(f"{n} {c}" for n, c in datasets.items())
    print(f"OK: {len(datasets)} datasets, {sum(datasets.values())} rows ({listing}); "
          f"register of outlets: {counts[OUTLETS.name]} hosts")
    from .data.validate import mirror_shares

    shares = mirror_shares(data)
    mirrors, total = shares.pop("all")
    worst = ", ".join(f"{n} {m}/{t}" for n, (m, t) in sorted(shares.items(), key=lambda x: -x[1][0] / max(x[1][1], 1))
                      if m)
    print(f"Rows on mirrors or aggregators: {mirrors} of {total} ({100 * mirrors / max(total, 1):.1f} %); by dataset: {worst}")
    return 0


def cmd_package(args) -> int:
    from .data.package import check, write

    data = _data_dir(args)
    if data is None:
        return 1
    ok, messages = check(data) if args.check else write(data, tuple(args.removed), args.why)
    print("\n".join(messages), file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_build(args) -> int:
    from .tools.build import build

    build(as_of=args.as_of or None, jobs=args.jobs, only=args.only or None, execute_only=args.execute_only)
    return 0


def cmd_import_cns(args) -> int:
    from .data.cns import import_cns

    return import_cns(Path(args.file), write=args.write, data_dir=Path(args.data_dir) if args.data_dir else None)


def cmd_student(args) -> int:
    from .tools.student import make_student_editions

    make_student_editions(Path(args.out) if args.out else paths.build_dir() / "student")
    return 0


def cmd_codebook(args) -> int:
    from .tools.codebook import update

    readme = paths.data_dir() / "README.md"
    if args.check:
        if not update(readme, check=True):
            print(f"{readme}: column tables are out of date; run `python -m helpers codebook`", file=sys.stderr)
            return 1
        print("codebook column tables match the schemas")
        return 0
    update(readme)
    print(f"updated {readme}")
    return 0


def cmd_new_row(args) -> int:
    from .data.schemas import DATASETS
    from .tools.new_row import dataset_name, template

    data = _data_dir(args)
    if data is None:
        return 1
    name = dataset_name(args.dataset)
    if name is None:
        print(f"new-row: found dataset {args.dataset!r}, expected one of {', '.join(DATASETS)}", file=sys.stderr)
        return 1
    print(template(name, data), end="")
    return 0


def cmd_release(args) -> int:
    import datetime as dt
    import os

    from .tools.release import release

    if args.data_dir:  # the verdicts are judged on this folder's data too
        if _data_dir(args) is None:
            return 1
        os.environ["TRIANGLE_DATA_DIR"] = str(Path(args.data_dir).resolve())
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
        cutoff = dt.date.fromisoformat(args.cutoff) if args.cutoff else None
    except ValueError:
        print(f"release: found --date {args.date!r} or --cutoff {args.cutoff!r}, expected YYYY-MM-DD", file=sys.stderr)
        return 1
    ok, messages = release(args.version, date, cutoff, Path(args.citation) if args.citation else None)
    print("\n".join(messages), file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def cmd_audit(args) -> int:
    from .tools.audit import audit, report

    data = _data_dir(args)
    if data is None:
        return 1
    print(report(audit(data)))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every dataset against its schema (changes nothing)")
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("package", help="write data/datapackage.json (Frictionless: types, row counts, hashes)")
    p.add_argument("data_dir", nargs="?")
    p.add_argument("--check", action="store_true", help="exit 1 if data/datapackage.json is out of date")
    p.add_argument("--removed", action="append", default=[], metavar="DATASET",
                   help="record that rows of DATASET were removed on purpose (repeatable; needs --why)")
    p.add_argument("--why", default="", help="the reason for the removal, recorded in the package")
    p.set_defaults(func=cmd_package)
    p = sub.add_parser("build", help="validate, execute notebooks (cached), render the site")
    p.add_argument("--as-of", default="", help="only use data known on this date (YYYY-MM-DD)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--only", nargs="*", help="execute only these notebooks (e.g. 02-missiles)")
    p.add_argument("--execute-only", action="store_true", help="execute the notebooks, skip rendering the site")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("import-cns", help="merge a newer CNS/NTI missile test database export")
    p.add_argument("file")
    p.add_argument("--write", action="store_true", help="write the merge (default: dry run, shows the diff)")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_import_cns)
    p = sub.add_parser("student", help="write student editions (no solutions, no outputs)")
    p.add_argument("--out")
    p.set_defaults(func=cmd_student)
    p = sub.add_parser("codebook", help="regenerate the column tables in data/README.md")
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_codebook)
    p = sub.add_parser("new-row", help="print a template row for DATASET: header, next id, allowed values")
    p.add_argument("dataset", metavar="DATASET", help="a dataset name, e.g. troop_reports")
    p.add_argument("--data-dir")
    p.set_defaults(func=cmd_new_row)
    p = sub.add_parser("release", help="record a data release: bump CITATION.cff, record the verdicts in "
                       "data/releases/VERSION.json, add a changelog entry")
    p.add_argument("version", metavar="VERSION", help="the new version, MAJOR.MINOR.PATCH (e.g. 0.3.0)")
    p.add_argument("--date", default="", help="release date YYYY-MM-DD (default: today)")
    p.add_argument("--cutoff", default="", help="the day the sources were last searched (default: as the "
                   "newest changelog entry says)")
    p.add_argument("--data-dir")
    p.add_argument("--citation", help="the CITATION.cff to bump (default: the repository's)")
    p.set_defaults(func=cmd_release)
    p = sub.add_parser("audit", help="list rows whose labels break a rule, notes that name another outlet, "
                                     "copies that name no original (changes nothing)")
    p.add_argument("data_dir", nargs="?")
    p.set_defaults(func=cmd_audit)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
