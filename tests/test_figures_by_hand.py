"""A notebook run by hand (as in JupyterLab: no build, so no TRIANGLE_FIGURES_DIR and any hash seed) leaves
the committed figures alone, writing into a scratch folder, and draws byte-identical figures whatever the
hash seed. Run on the network notebook, whose drawing once followed the order of a set."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "05-network.md"
# What JupyterLab does: execute every cell in a fresh kernel started in notebooks/.
RUN_BY_HAND = """
import sys
import jupytext
from nbclient import NotebookClient
nb = jupytext.read(sys.argv[1])
NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
"""


def digests(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under `folder` (figures, sidecars, slides)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_by_hand_runs_write_elsewhere_and_do_not_depend_on_the_hash_seed(tmp_path):
    committed = digests(ROOT / "figures")
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRIANGLE_")}  # nothing from a build
    runs = {}
    for seed in ("1", "2"):  # the build uses 0; by hand it is random, so any two must agree
        # TRIANGLE_BUILD_DIR only moves the scratch folder (_build/figures-by-hand/) into tmp_path.
        env = dict(base, PYTHONHASHSEED=seed, TRIANGLE_BUILD_DIR=str(tmp_path / f"seed{seed}"))
        runs[seed] = subprocess.Popen([sys.executable, "-c", RUN_BY_HAND, str(NOTEBOOK), str(NOTEBOOK.parent)],
                                      cwd=NOTEBOOK.parent, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True)
    for seed, proc in runs.items():
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, f"PYTHONHASHSEED={seed}: the notebook failed\n{out}\n{err[-3000:]}"
    first, second = (digests(tmp_path / f"seed{seed}" / "figures-by-hand") for seed in runs)
    assert any(name.endswith(".png") for name in first), "no figure was written to the scratch folder"
    differ = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert not differ, f"figures differ between hash seeds 1 and 2: {differ}"
    assert digests(ROOT / "figures") == committed, "a run by hand changed the committed figures/"
