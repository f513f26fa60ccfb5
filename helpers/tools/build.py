"""Build the collection: validate data -> execute notebooks (cached on their real inputs) -> site.

The execution cache keys each notebook on the files it actually read when it last ran (the loaders log
every data file they open), plus its own text and the helpers' code. Editing one CSV therefore
re-executes only the notebooks that read it; a rebuild with no change executes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..data import paths

PLOTLY_JS = "plotly.min.js"


def notebook_sources() -> list[Path]:
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.md"))


def build_dirs(as_of: str | None) -> dict[str, Path]:
    base = paths.build_dir() / f"asof-{as_of}" if as_of else paths.build_dir()
    return {
        "base": base, "executed": base / "executed", "src": base / "src", "html": base / "html",
        "doctrees": base / "doctrees",
        # The student site: the same pages without solutions (Sphinx only; the executed notebooks are shared).
        "student_src": base / "student-site" / "src", "student_html": base / "student-site" / "html",
        "student_doctrees": base / "student-site" / "doctrees",
        "figures": base / "figures" if as_of else paths.figures_dir(),
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path.resolve())


def _abs(rel: str) -> Path:
    p = Path(rel)
    return p if p.is_absolute() else paths.ROOT / p


def code_inputs(source: Path) -> list[Path]:
    return [source, *sorted((paths.ROOT / "helpers").rglob("*.py"))]


def stamp_for(files: list[Path], as_of: str | None) -> dict:
    return {"as_of": as_of or "", "inputs": {_rel(f): _digest(f) for f in files}}


def is_current(source: Path, dirs: dict[str, Path], as_of: str | None) -> bool:
    stamp_path = dirs["executed"] / f"{source.stem}.stamp.json"
    out = dirs["executed"] / f"{source.stem}.ipynb"
    if not (stamp_path.exists() and out.exists()):
        return False
    old = json.loads(stamp_path.read_text(encoding="utf-8"))
    files = [_abs(f) for f in old["inputs"]]
    if set(map(_rel, code_inputs(source))) - set(old["inputs"]):
        return False  # a new helper module appeared
    return stamp_for(files, as_of) == old


def execute_one(source: Path, dirs: dict[str, Path], as_of: str | None) -> tuple[str, float, str | None]:
    """Run one MyST notebook in a fresh kernel. Returns (name, seconds, error or None)."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    start = time.perf_counter()
    out_dir = dirs["executed"]
    out_dir.mkdir(parents=True, exist_ok=True)
    reads = Path(tempfile.mkstemp(prefix=f"{source.stem}-reads-")[1])
    results = out_dir / f"{source.stem}.results.json"
    results.unlink(missing_ok=True)
    os.environ.update({
        "TRIANGLE_READS_LOG": str(reads), "TRIANGLE_RESULTS": str(results), "TRIANGLE_NOTEBOOK": source.name,
        "TRIANGLE_AS_OF": as_of or "", "TRIANGLE_FIGURES_DIR": str(dirs["figures"]),
        "PYTHONHASHSEED": "0",
    })
    nb = jupytext.read(source)
    if as_of:  # an as-of site shows what was known on a date, for readers: no exercise keys, which teach on all data
        from .student import strip_solutions

        nb = strip_solutions(nb, source.name, keep_outputs=True)
    from jupyter_client.manager import KernelManager

    # IPC sockets: local only, and no warning about unencrypted TCP in the build log.
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(tempfile.mkdtemp()) / "kernel"))
    client = NotebookClient(nb, km=km, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(paths.NOTEBOOKS)}})
    error = None
    try:
        client.execute()
    except CellExecutionError as err:
        error = f"{source.name} failed while executing a cell:\n{err}"
    except Exception as err:  # a kernel that dies or times out is reported, not a bare traceback
        error = f"{source.name} could not be executed: {err.__class__.__name__}: {err}"
    finally:
        if km.has_kernel:  # we own the kernel manager, so we shut the kernel down
            km.shutdown_kernel(now=True)
    read_files = {Path(p) for p in reads.read_text(encoding="utf-8").split()} if reads.exists() else set()
    reads.unlink(missing_ok=True)
    stamp_path = out_dir / f"{source.stem}.stamp.json"
    if error is None:
        nbformat.write(nb, out_dir / f"{source.stem}.ipynb")
        files = code_inputs(source) + sorted(read_files)
        stamp_path.write_text(json.dumps(stamp_for(files, as_of), indent=1), encoding="utf-8")
    else:
        stamp_path.unlink(missing_ok=True)
    return source.name, time.perf_counter() - start, error


def execute_all(as_of: str | None = None, jobs: int = 2, only: list[str] | None = None) -> dict[str, Path]:
    dirs = build_dirs(as_of)
    sources = [s for s in notebook_sources() if not only or s.stem in only or s.name in only]
    todo = [s for s in sources if not is_current(s, dirs, as_of)]
    for s in sources:
        if s not in todo:
            print(f"  cached    {s.name}", flush=True)
    errors = []
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            futures = [pool.submit(execute_one, s, dirs, as_of) for s in todo]
            for fut in futures:
                name, seconds, error = fut.result()
                print(f"  {'FAILED' if error else 'executed'}  {name} ({seconds:.1f} s)", flush=True)
                if error:
                    errors.append(error)
    if errors:
        raise SystemExit("\n\n".join(errors))
    return dirs


def _copy_if_changed(src: Path, dst: Path) -> None:
    # Keeping unchanged files untouched lets Sphinx rebuild only the pages that changed.
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists() and dst.read_bytes() == src.read_bytes():
        return
    shutil.copyfile(src, dst)


def _write_if_changed(dst: Path, text: str) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.exists() and dst.read_text(encoding="utf-8") == text:
        return
    dst.write_text(text, encoding="utf-8")


def assemble_site(dirs: dict[str, Path], as_of: str | None) -> None:
    import plotly

    from .pages import CITE_MARKER, SITE_PAGES, changes_page, downloads_page, figure_pack, front_page, how_to_cite, site_links
    from .codebook import site_page

    src = dirs["src"]
    filled = {"index.md": lambda text: front_page(text, dirs["executed"]),  # pages with parts computed on each build
              "about.md": lambda text: text.replace(CITE_MARKER, how_to_cite())}
    for page in paths.SITE.rglob("*"):
        if page.is_file() and page.relative_to(paths.SITE).as_posix() not in filled:
            _copy_if_changed(page, src / page.relative_to(paths.SITE))
    for name, fill in filled.items():
        _write_if_changed(src / name, fill((paths.SITE / name).read_text(encoding="utf-8")))
    current = {s.stem for s in notebook_sources()}
    for stale in (src / "notebooks").glob("*.ipynb"):  # a renamed or removed notebook leaves no page behind
        if stale.stem not in current:
            stale.unlink()
    for executed in sorted(dirs["executed"].glob("*.ipynb")):
        if executed.stem in current:
            _copy_if_changed(executed, src / "notebooks" / executed.name)
    for repo_page, target in SITE_PAGES.items():  # the repository's own pages, their links pointed at the site's
        origin = paths.data_dir() / "README.md" if repo_page == "data/README.md" else paths.ROOT / repo_page
        if repo_page.startswith("seminar/"):
            continue  # the guide's pages are written below, their numbers filled from the data
        if origin.exists() and target != "changes.md":  # the changelog is shown by the generated "What changed"
            text = origin.read_text(encoding="utf-8")
            if repo_page == "data/README.md":  # the codebook's share-of-copies block is filled from the data
                text = site_page(text)
            _write_if_changed(src / target, site_links(text, repo_page))
    write_seminar_pages(src)
    _write_if_changed(src / "changes.md", changes_page())
    offered = write_downloads(src / "_extra", dirs["base"], as_of)
    _write_if_changed(src / "downloads.md", downloads_page(with_package="datapackage.json" in offered))
    _write_if_changed(src / "figures.md", figure_pack(dirs["figures"], for_site=True))
    for fig in sorted([*dirs["figures"].glob("*.png"), *dirs["figures"].glob("*.csv")]):  # images, values drawn
        _copy_if_changed(fig, src / "figures" / fig.name)
    _copy_if_changed(Path(plotly.__file__).parent / "package_data" / PLOTLY_JS, src / "_static" / PLOTLY_JS)
    _write_if_changed(src / "_build_info.json", json.dumps({"as_of": as_of or ""}) + "\n")


def write_seminar_pages(src: Path) -> None:
    """The seminar guide's pages with their numbers filled from the data, and the answer sheet (a page and a
    plain-text download)."""
    from .guide import answer_sheet, fill, guide_values, seminar_pages
    from .pages import site_links

    values = guide_values()
    for page, (repo_page, target) in seminar_pages().items():
        text = fill(page.read_text(encoding="utf-8"), values, _rel(page))
        _write_if_changed(src / target, site_links(text, repo_page))
    _write_if_changed(src / "answer-sheet.md", answer_sheet())
    _write_if_changed(src / "_static" / "answer-sheet.txt", answer_sheet(text_only=True))


def _data_zip(folder: Path) -> bytes:
    """The data folder as a zip, byte-identical while the files are (fixed dates, sorted names)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = path.relative_to(folder)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            info = zipfile.ZipInfo(f"data/{rel.as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def write_downloads(extra: Path, base: Path, as_of: str | None) -> list[str]:
    """The files the Data downloads page offers, into the site's extra files (copied to the site's root): each
    CSV and the data package under data/, a zip of the data folder, and verdicts.json (also written to the build
    folder itself, for scripts). Returns the names of the files offered beside the CSVs."""
    from .pages import DATA_ZIP, DOWNLOADS, VERDICTS
    from .release import read_citation
    from .verdicts import collect
    from ..data.schemas import DATASETS

    data = paths.data_dir()
    offered = [f for f in ("datapackage.json",) if (data / f).exists()]
    for name in [s.file for s in DATASETS.values()] + offered:
        _copy_if_changed(data / name, extra / DOWNLOADS / name)
    zipped = _data_zip(data)
    if not (extra / DATA_ZIP).exists() or (extra / DATA_ZIP).read_bytes() != zipped:
        (extra / DATA_ZIP).write_bytes(zipped)
    cite = read_citation()
    record = {"title": cite.title, "version": cite.version, "date_released": cite.date_released,
              **collect(dt.date.fromisoformat(as_of) if as_of else None)}
    text = json.dumps(record, indent=1, ensure_ascii=False) + "\n"
    _write_if_changed(extra / VERDICTS, text)
    _write_if_changed(base / VERDICTS, text)
    return offered


def assemble_student_site(dirs: dict[str, Path]) -> None:
    """The student site's sources: the site's, with every solution and instructor-only block cut out of the
    executed notebooks and the pages.

    (sphinx-exercise's own `hide_solutions` drops solution blocks but not gated solutions, so the cut is
    made here, by the same code as the student editions; the conf sets `hide_solutions` as well.)"""
    import nbformat

    from .student import strip_instructor, strip_solutions

    src, out = dirs["src"], dirs["student_src"]
    for stale in (out / "notebooks").glob("*.ipynb"):  # follow renames and removals on the main site
        if not (src / "notebooks" / stale.name).exists():
            stale.unlink()
    for page in sorted(src.rglob("*")):
        rel = page.relative_to(src)
        if page.suffix == ".ipynb" and rel.parts[0] == "notebooks":
            nb = strip_solutions(nbformat.read(page, as_version=4), page.name, keep_outputs=True)
            _write_if_changed(out / rel, nbformat.writes(nb) + "\n")
        elif page.suffix == ".md":  # the seminar guide's marking notes stay on the instructor site
            _write_if_changed(out / rel, strip_instructor(page.read_text(encoding="utf-8"), str(rel)))
        elif page.is_file():
            _copy_if_changed(page, out / rel)


def run_sphinx(dirs: dict[str, Path], student_site: bool = False) -> None:
    """Render the site; with `student_site`, also the student site (no solutions), both at once."""
    runs = {"site": ("src", "doctrees", "html", {})}
    if student_site:
        runs["student site"] = ("student_src", "student_doctrees", "student_html", {"TRIANGLE_STUDENT_SITE": "1"})
    procs = {}
    for label, (src, doctrees, html, env) in runs.items():
        cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(dirs[doctrees]),
               str(dirs[src]), str(dirs[html])]
        procs[label] = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env={**os.environ, "TRIANGLE_STUDENT_SITE": "", **env})
    failed = []
    for label, proc in procs.items():
        _, stderr = proc.communicate()
        for line in (line for line in stderr.splitlines() if line.strip()):
            print(f"  sphinx ({label}): {line}" if student_site else f"  sphinx: {line}")
        if proc.returncode != 0:
            failed.append(f"{label} (exit {proc.returncode})")
    if failed:
        raise SystemExit(f"Sphinx failed: {', '.join(failed)}; see the messages above.")


def build(as_of: str | None = None, jobs: int = 2, only: list[str] | None = None,
          execute_only: bool = False) -> Path:
    """Validate, execute (cached) and render. `execute_only` stops after the notebooks and their figures:
    quicker for notebook authors (and the cache tests) who do not need the pages."""
    from .pages import figure_pack
    from ..data.schemas import DATASETS, OUTLETS
    from ..data.validate import summary, validate_dir

    if as_of:
        dt.date.fromisoformat(as_of)  # fail early on a malformed date
    t0 = time.perf_counter()
    print("1/4 validating data", flush=True)
    counts, problems = validate_dir(paths.data_dir())
    if problems:
        for line in summary(problems):
            print(f"  {line}")
        raise SystemExit(f"{len(problems)} problem(s) in data/: fix them before building (nothing was built).")
    datasets = {n: c for n, c in counts.items() if n in DATASETS}
    print(f"  {sum(datasets.values())} rows in {len(datasets)} datasets; {counts[OUTLETS.name]} sites in the register "
          "of outlets", flush=True)
    print("2/4 executing notebooks" + (f" with data known on {as_of}" if as_of else ""), flush=True)
    dirs = execute_all(as_of, jobs, only)
    print("3/4 exporting figures", flush=True)
    if not as_of:
        _write_if_changed(paths.figures_dir() / "README.md", figure_pack(paths.figures_dir()))
    print(f"  {len(list(dirs['figures'].glob('*.png')))} figures in {_rel(dirs['figures'])}", flush=True)
    if execute_only:
        print(f"done in {time.perf_counter() - t0:.1f} s: notebooks executed in {_rel(dirs['executed'])}", flush=True)
        return dirs["executed"]
    # A full build also renders the student site (no solutions); partial and as-of builds skip it.
    student_site = not as_of and not only
    print("4/4 rendering site" + (" and student site" if student_site else ""), flush=True)
    assemble_site(dirs, as_of)
    if student_site:
        assemble_student_site(dirs)
    run_sphinx(dirs, student_site)
    index = dirs["html"] / "index.html"
    print(f"done in {time.perf_counter() - t0:.1f} s: {_rel(index)}", flush=True)
    if student_site:
        print(f"  student site (no solutions): {_rel(dirs['student_html'] / 'index.html')}", flush=True)
    return index
