"""The seminar guide: every figure and exercise it names exists, each session has a required reading, the
semester plan has 12–14 weeks, the glossary, ethics note and brief are there, the grade weights add up, and
the article is cited."""
import re

from conftest import ROOT

GUIDE = (ROOT / "seminar" / "README.md").read_text(encoding="utf-8")
NOTEBOOK_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.md"))


def test_every_figure_named_in_the_guide_is_drawn_by_a_notebook():
    drawn = set(re.findall(r'save_figure\([^"]*?"(\w+)"', NOTEBOOK_TEXT))
    named = set(re.findall(r"`(?:figures/)?((?:claims|benefactor|missiles|troops|transfers|network|neighbours|"
                           r"beijing|since|primer)_\w+?)(?:\.png)?`", GUIDE))
    assert named, "the guide names no figure"
    assert not named - drawn, f"figures named in the guide that no notebook draws: {sorted(named - drawn)}"


def test_every_exercise_named_in_the_guide_exists():
    labels = set(re.findall(r":label: (ex-[\w-]+)", NOTEBOOK_TEXT))
    named = set(re.findall(r"`(ex-[\w-]+?)(?:-\*)?`", GUIDE))
    prefixes = {n for n in re.findall(r"`(ex-[\w]+)-\*`", GUIDE)}
    assert not {n for n in named if n not in labels and n not in prefixes} , "unknown exercise labels"
    assert all(any(label.startswith(p + "-") for label in labels) for p in prefixes)


def test_each_session_has_a_required_reading_and_the_semester_has_12_to_14_weeks():
    sessions = re.split(r"(?m)^### Session ", GUIDE)[2:]  # Session 0 is the optional primer
    assert len(sessions) == 7
    for block in sessions:
        assert "**Required**" in block.split("**Discussion.**")[0], block.splitlines()[0]
    semester = GUIDE.split("## A 13-week semester")[1].split("\n## ")[0]
    weeks = re.findall(r"(?m)^\| (\d+) \|", semester)
    assert 12 <= len(weeks) <= 14 and weeks == [str(i) for i in range(1, len(weeks) + 1)]


def test_glossary_ethics_brief_and_weights():
    for heading in ("## Glossary", "## Ethics", "### Example student brief", "## Further reading"):
        assert heading in GUIDE, heading
    glossary = GUIDE.split("## Glossary")[1].split("\n## ")[0]
    for term in ("SRBM", "Mirror statistics", "MSMT", "Casualties", "OSINT"):
        assert term in glossary, term
    grade = re.search(r"\*\*Course grade[^\n]*\n[^\n]*\n[^\n]*", GUIDE)[0]
    assert sum(int(n) for n in re.findall(r"(\d+)%", grade.split("(100%")[0])) == 100
    rubric = GUIDE.split("### Data brief")[1].split("###")[0]
    assert sum(int(n) for n in re.findall(r"\((\d+)%\)", rubric)) == 100


def test_article_is_cited():
    assert "China's Uneasy Position Amidst North Korea and Russia's Growing Alliance" in " ".join(GUIDE.split())
    assert "www.bbc.com" in GUIDE
    # The article's text is not part of the project, so copied runs were checked by hand, not here.

