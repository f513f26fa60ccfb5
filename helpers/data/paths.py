"""Every path the project uses, anchored at the repository root (never the current directory)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # helpers/data/paths.py -> the repository root
NOTEBOOKS = ROOT / "notebooks"
SITE = ROOT / "site"
CITATION = ROOT / "CITATION.cff"  # the version and release date readers cite (helpers/tools/release.py bumps them)


def build_dir() -> Path:
    """Build outputs; TRIANGLE_BUILD_DIR lets the tests build into a temporary folder."""
    return Path(os.environ.get("TRIANGLE_BUILD_DIR", ROOT / "_build"))


def data_dir() -> Path:
    """The data folder; TRIANGLE_DATA_DIR lets tests and the importer point at a copy."""
    return Path(os.environ.get("TRIANGLE_DATA_DIR", ROOT / "data"))


def releases_dir() -> Path:
    """Each data release's verdicts, one JSON file per version (python -m helpers release VERSION)."""
    return data_dir() / "releases"


def figures_dir() -> Path:
    """Where the build sends figures: the committed figures/ folder, or TRIANGLE_FIGURES_DIR (tests)."""
    return Path(os.environ.get("TRIANGLE_FIGURES_DIR", ROOT / "figures"))


def figure_output_dir() -> Path:
    """Where save_figure writes: the folder the build names in TRIANGLE_FIGURES_DIR, else (a notebook run
    by hand, e.g. in JupyterLab) a scratch folder, so only the build ever rewrites the committed figures."""
    named = os.environ.get("TRIANGLE_FIGURES_DIR")
    return Path(named) if named else build_dir() / "figures-by-hand"
