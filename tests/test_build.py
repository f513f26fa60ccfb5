"""Build behaviour: editing one CSV re-executes only the notebooks that read it; figures are
byte-identical across builds (as-of builds: tests/test_asof_builds.py)."""
import shutil

import pytest

from conftest import DATA, run_build, TEST_EVENT_ROW

NB = "09-primer"  # the quickest notebook; it reads the missile data and troop reports, not the events


@pytest.fixture(scope="module")
def built_alone(tmp_path_factory):
    """The primer (quick; it reads the missile data but not the events) executed alone (no site) on a copy of the data; its figures are kept aside before the cache
    test edits that copy."""
    root = tmp_path_factory.mktemp("only02")
    data = root / "data"
    shutil.copytree(DATA, data)
    env = {"TRIANGLE_DATA_DIR": str(data)}
    first = run_build(root / "b", "--only", NB, "--execute-only", env_extra=env)
    assert first.returncode == 0, first.stdout + first.stderr
    shutil.copytree(root / "b" / "figures", root / "figures-first")
    return root, env, first


def test_figures_are_byte_identical_across_builds(site, built_alone):
    root, _, _ = built_alone
    made = sorted((root / "figures-first").glob("primer_*.*"))
    assert len(made) >= 3
    for fig in made:
        assert fig.read_bytes() == (site.figures / fig.name).read_bytes(), f"{fig.name} differs between builds"


def test_cache_reexecutes_only_readers_of_changed_data(built_alone):
    root, env, first = built_alone
    data = root / "data"
    assert f"executed  {NB}.md" in first.stdout

    def build():
        return run_build(root / "b", "--only", NB, "--execute-only", env_extra=env)

    assert f"cached    {NB}.md" in build().stdout
    with open(data / "events.csv", "a", encoding="utf-8") as f:  # a file the notebook does not read
        f.write(TEST_EVENT_ROW)
    third = build()
    assert f"cached    {NB}.md" in third.stdout, third.stdout
    lines = (data / "missile_launches.csv").read_text(encoding="utf-8").splitlines()
    last = lines[-1].split(",")
    last[0] = last[0].split("-")[0] + "-99"
    with open(data / "missile_launches.csv", "a", encoding="utf-8") as f:  # a file it does read
        f.write(",".join(last) + "\n")
    fourth = build()
    assert f"executed  {NB}.md" in fourth.stdout, fourth.stdout + fourth.stderr


def test_broken_data_stops_the_build_with_a_clear_message(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    text = (data / "aid.csv").read_text(encoding="utf-8").split("\n")
    text[1] = text[1].replace(text[1].split(",")[0], "19x0", 1)
    (data / "aid.csv").write_text("\n".join(text), encoding="utf-8")
    proc = run_build(tmp_path / "b", env_extra={"TRIANGLE_DATA_DIR": str(data)})
    assert proc.returncode != 0
    assert "data/aid.csv:2: year: found '19x0', expected a whole number" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
