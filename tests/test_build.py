"""Build behaviour: editing one CSV re-executes only the notebooks that read it; figures are
byte-identical across builds; as-of builds use only data known on that date."""
import shutil

from conftest import DATA, read_csv, run_build


def test_cache_reexecutes_only_readers_of_changed_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    env = {"TRIANGLE_DATA_DIR": str(data)}
    first = run_build(tmp_path / "b", "--only", "02-missiles", env_extra=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "executed  02-missiles.md" in first.stdout
    again = run_build(tmp_path / "b", "--only", "02-missiles", env_extra=env)
    assert "cached    02-missiles.md" in again.stdout, again.stdout
    with open(data / "events.csv", "a", encoding="utf-8") as f:  # a file the notebook does not read
        f.write("EV-2026-test-event,2026-11-01,day,other,PRK;RUS,Test,Test row.,,Test,https://example.org,\n")
    third = run_build(tmp_path / "b", "--only", "02-missiles", env_extra=env)
    assert "cached    02-missiles.md" in third.stdout, third.stdout
    lines = (data / "missile_launches.csv").read_text(encoding="utf-8").splitlines()
    last = lines[-1].split(",")
    last[0] = last[0].split("-")[0] + "-99"
    with open(data / "missile_launches.csv", "a", encoding="utf-8") as f:  # a file it does read
        f.write(",".join(last) + "\n")
    fourth = run_build(tmp_path / "b", "--only", "02-missiles", env_extra=env)
    assert "executed  02-missiles.md" in fourth.stdout, fourth.stdout + fourth.stderr


def test_figures_are_byte_identical_across_builds(site, tmp_path):
    again = run_build(tmp_path / "b", "--only", "02-missiles")
    assert again.returncode == 0, again.stdout + again.stderr
    made = sorted((tmp_path / "b" / "figures").glob("missiles_*.*"))
    assert len(made) >= 4
    for fig in made:
        assert fig.read_bytes() == (site.figures / fig.name).read_bytes(), f"{fig.name} differs between builds"


def test_as_of_build_uses_only_data_known_then(tmp_path):
    proc = run_build(tmp_path / "b", "--as-of", "2024-11-01", "--only", "02-missiles")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = (tmp_path / "b" / "asof-2024-11-01" / "executed" / "02-missiles.results.json")
    import json
    res = json.loads(results.read_text(encoding="utf-8"))
    known = [r for r in read_csv("missile_launches") if r["date"] <= "2024-11-01"]
    assert res["total_launches"] == len(known) < len(read_csv("missile_launches"))
    page = (tmp_path / "b" / "asof-2024-11-01" / "html" / "notebooks" / "02-missiles.html").read_text("utf-8")
    assert "As-of build (data known on 2024-11-01)" in page and "missile launches to 31 Oct 2024" in page


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
