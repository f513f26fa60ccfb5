"""The seminar guide (seminar/*.md), checked like code: every figure, exercise, file, command and piece of code it
names exists (and so for the student kit's README and the primer), every number the data could change is filled
at build time and recomputed here from the CSVs, each session has a required reading and a no-code route, the
rubrics' weights add up, the brief has one due week, marking notes are instructor-only, and the article is
cited with its address."""
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
    for heading in ("## Glossary", "## Ethics", "## Assessment", "## Further reading"):
        assert heading in GUIDE, heading
    glossary = GUIDE.split("## Glossary")[1].split("\n## ")[0]
    for term in ("SRBM", "Mirror statistics", "MSMT", "Casualties", "OSINT"):
        assert term in glossary, term
    assessment = (ROOT / "seminar" / "assessment.md").read_text(encoding="utf-8")
    for heading in ("### A worked example brief", "## Source-criticism exercise", "## Ledger debate",
                    "## Presentation of the brief", "## Weekly exercises"):
        assert heading in assessment, heading
    grade = re.search(r"\*\*Course grade[^\n]*\n[^\n]*\n[^\n]*", assessment)[0]
    assert sum(int(n) for n in re.findall(r"(\d+)%", grade.split("(100%")[0])) == 100
    rubric = assessment.split("### Rubric (the brief)")[1].split("###")[0]
    assert sum(int(n) for n in re.findall(r"\((\d+)%\)", rubric)) == 100
    for part in ("## Source-criticism exercise", "## Ledger debate", "## Presentation of the brief"):
        table = assessment.split(part)[1].split("\n## ")[0]
        assert sum(int(n) for n in re.findall(r"\((\d+)%\)", table)) == 100, part


def test_article_is_cited():
    assert "China's Uneasy Position Amidst North Korea and Russia's Growing Alliance" in " ".join(GUIDE.split())
    assert "www.bbc.com" in GUIDE
    assert "<https://nwzctchr.com/?p=19113>" in GUIDE and "web.archive.org/web/" in GUIDE  # repost and archive
    assert "The BBC original: what was done to find it" in GUIDE
    # The article's text is not part of the project, so copied runs were checked by hand, not here.



# The guide is checked like code ---------------------------------------------------------------------------------

PAGES = sorted((ROOT / "seminar").glob("*.md"))
KIT_README = ROOT / "seminar" / "student-kit" / "README.md"
PRIMER = ROOT / "notebooks" / "09-primer.md"
EXTERNAL = ("python ", "python3 ", "py ", "pip ", "jupyter ", "conda ", "cd ", "source ", "sudo ", "git ",
            "Set-ExecutionPolicy", "unzip ")
BUILD_OUTPUTS = ("_build/html/", "_build/student-site/html/", "_build/student/", "_build/asof-2024-11-01/html/",
                 "_build/figures-by-hand/")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")


def prose(text: str) -> str:
    """Markdown without its fenced code blocks (those are run by tests/test_activities.py)."""
    return re.sub(r"(?ms)^\s*```.*?^\s*```", "", text)


def named_texts():
    """Every text the test checks: the guide's pages, the student kit's README and the primer's prose."""
    for path in (*PAGES, KIT_README, PRIMER):
        yield path, prose(path.read_text(encoding="utf-8"))


def corpus() -> str:
    """What a name in the guide may refer to: the helpers the notebooks import (not the guide's own numbers
    module), the notebooks, the data (headers and values), the kit's set-up files and the Makefile."""
    files = [p for p in (ROOT / "helpers").rglob("*.py") if p.name != "guide.py"]
    files += [*(ROOT / "notebooks").glob("*.md"), *(ROOT / "data").glob("*.csv"), *(ROOT / "data" / "removed").glob("*.csv"),
              *(ROOT / "seminar" / "student-kit").iterdir(), ROOT / "Makefile", ROOT / "requirements.txt"]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.is_file())


def new_code(text: str) -> set[str]:
    """The replacement text of the guide's edit instructions (`change `X` to `Y``): new code, not a name to find."""
    return set(re.findall(r"change\s+`[^`]+`\s+to\s+`([^`]+)`", " ".join(text.split())))


def problem(span: str, text_names: set[str], code: str) -> str | None:
    """Why a backticked span of the guide names nothing that exists (None when it does, or is not a name)."""
    from helpers.tools.student import BUNDLE_NAME

    if PLACEHOLDER.fullmatch(span) or span in text_names or re.fullmatch(r"(ex|bank)-[\w*-]+", span):
        return None  # placeholders, new code, exercise labels (checked below)
    if span.startswith("make "):
        target = span.split()[1]
        return None if re.search(rf"(?m)^{re.escape(target)}:", code) else f"no make target {target!r}"
    if span.startswith("python -m helpers "):
        command = span.split()[3]
        main = (ROOT / "helpers" / "__main__.py").read_text(encoding="utf-8")
        return None if f'add_parser("{command}"' in main else f"no helpers command {command!r}"
    if span.startswith(("%env ", "$env:")) or "TRIANGLE_" in span:
        var = re.search(r"(TRIANGLE_\w+)", span)
        return None if var and var[1] in code else "an environment switch the helpers do not read"
    if span.startswith(EXTERNAL) or re.fullmatch(r"(Ctrl|Cmd|Shift)\+\w+", span) or "\\" in span:
        return None  # other programs' commands and keys
    if span.startswith(BUILD_OUTPUTS) or span.startswith("_build/") and span.rstrip("/") in {
            o.rstrip("/") for o in BUILD_OUTPUTS}:
        return None
    if span in (f"{BUNDLE_NAME}.zip", "answer-sheet.txt"):
        return None
    if re.fullmatch(r"\d\d-[\w-]+\.ipynb", span):
        return None if (ROOT / "notebooks" / span.replace(".ipynb", ".md")).exists() else "no such notebook"
    if re.fullmatch(r"[\w.-]+(/[\w.*-]*)*/?", span) and ("/" in span or re.search(r"\.(md|csv|py|txt|yml|json|png)$", span)):
        for base in (ROOT, ROOT / "seminar", ROOT / "seminar" / "student-kit"):
            if list(base.glob(span.rstrip("/"))) or (base / span).exists():
                return None
        return "no such file or folder"
    if re.fullmatch(r"[A-Z]{2}-NNN|YYYY-MM-DD|[a-z_]+ = [\w ]+", span):
        return None  # patterns the codebook defines
    if ": found " in span and ", expected " in span:  # a message of the checks: its wording must be the code's
        return None if span.split(", expected ")[1] in code else "a message the checks do not give"
    looks_like_code = re.search(r"[()_.=\[\]:]", span) or re.fullmatch(r"[A-Z][A-Z0-9_]+", span)
    if looks_like_code and span not in code:
        return "not found in the helpers, notebooks, data or kit files"
    return None


def test_every_name_command_and_file_the_guide_names_exists():
    """Each backticked name in the guide, the kit's README and the primer: a file, a make target, a helpers
    command, an environment switch or a piece of code that exists (the review found `first_majority > 1995`)."""
    code = corpus()
    found = []
    for path, text in named_texts():
        names = new_code(text)
        for span in re.findall(r"`([^`\n]+)`", text):
            why = problem(span.strip(), names, code)
            if why:
                found.append(f"{path.relative_to(ROOT)}: `{span}`: {why}")
    assert not found, "\n".join(found)


def test_every_exercise_label_named_anywhere_exists():
    labels = set(re.findall(r":label: (ex-[\w-]+)", NOTEBOOK_TEXT))
    bank = set(re.findall(r"(?m)^## (bank-[\w-]+)", (ROOT / "seminar" / "exercise-bank.md").read_text(encoding="utf-8")))
    for path, text in named_texts():
        for name in re.findall(r"`((?:ex|bank)-[\w-]+?)(?:-\*)?`", text):
            ok = name in labels | bank or any(label.startswith(name + "-") for label in labels)
            assert ok, f"{path.relative_to(ROOT)} names {name}, which no exercise has"


def test_the_guide_types_no_number_the_data_could_change():
    """Counts of data things are `{{placeholders}}` filled at build time, never typed (reading titles aside)."""
    nouns = (r"missiles?|launches|rows?|containers|troops|soldiers|claims|premises|inferences|exercises|signals|"
             r"events|barrels|meetings|summits|figures|responses")
    for path in PAGES:
        for item in re.split(r"\n(?=\s*(?:- |\d+\. |\n))", prose(path.read_text(encoding="utf-8"))):
            if "<http" in item:
                continue  # a reading, with its title quoted
            typed = re.findall(rf"\b\d[\d,.]*\s+(?:{nouns})\b", " ".join(item.split()))
            assert not typed, f"{path.relative_to(ROOT)}: typed count {typed} in: {' '.join(item.split())[:200]}"


_VALUES = {}


def values() -> dict[str, str]:
    """The guide's values, computed once for this module (they load every dataset)."""
    from helpers.tools.guide import guide_values

    if not _VALUES:
        _VALUES.update(guide_values())
    return _VALUES


def test_every_placeholder_has_a_value_and_the_build_fills_it():
    from helpers.tools.guide import GuideError, fill

    values_ = values()
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        filled = fill(text, values_, path.name)
        assert "{{" not in filled, path.name
    try:
        fill("a\n{{no_such_value}}", values_, "seminar/x.md")
    except GuideError as err:
        assert "seminar/x.md:2" in str(err) and "no_such_value" in str(err)
    else:
        raise AssertionError("an unknown placeholder must stop the build")


def test_the_brief_has_one_due_week():
    assessment = (ROOT / "seminar" / "assessment.md").read_text(encoding="utf-8")
    due = set(re.findall(r"due\s+in\s+week\s+(\d+)", " ".join(assessment.replace("\n>", "\n").split())))
    semester = GUIDE.split("## A 13-week semester")[1].split("\n## ")[0]
    table_week = [w for w, row in re.findall(r"(?m)^\| (\d+) \|(.*)$", semester) if "data brief due" in row]
    assert len(due) == 1 and due == set(table_week), (due, table_week)


def test_each_session_activity_has_a_no_code_route_and_no_git_or_make():
    sessions = re.split(r"(?m)^### Session ", GUIDE)[1:]
    for block in sessions:
        activity = block.split("**Activity")[1].split("**Assign.**")[0] if "**Assign.**" in block else \
            block.split("**Activity")[1]
        assert "*No-code route:*" in activity, block.splitlines()[0]
        assert not re.search(r"`(make|git) ", activity), f"Session {block.splitlines()[0]} uses make or git"


def test_marking_notes_sit_in_instructor_blocks():
    """Strong-answer notes, pitfalls, source-criticism answers and the bank's keys are instructor-only."""
    from helpers.tools.student import strip_instructor

    for path in PAGES:
        student = strip_instructor(path.read_text(encoding="utf-8"), path.name)
        for words in ("strong brief looks like", "Common pitfalls", "common pitfalls", "what students should find",
                      "Key (instructor site only)", "probably the UK's casualty figure"):
            assert words not in student, f"{path.name}: {words!r} outside an instructor block"
    bank = (ROOT / "seminar" / "exercise-bank.md").read_text(encoding="utf-8")
    assert bank.count("## bank-") == bank.count(":class: instructor") >= 5


# The guide's numbers, recomputed from the CSVs --------------------------------------------------------------

def test_guide_values_recomputed():
    import datetime as dt
    from collections import Counter

    from conftest import read_csv
    from test_nb_01_benefactor import chosen, pick_rows
    from test_trade_figure import chosen as chosen_figure
    v = values()
    found = [(p.stem[:2], re.findall(r"(?m)^:::\{exercise\} (No code|Light code|Pandas) · (\d+) min", p.read_text(
        encoding="utf-8"))) for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.md")]
    every = [e for _, ex in found for e in ex]
    assert v["exercises_total"] == str(len(every)) and v["minutes_total"] == str(sum(int(m) for _, m in every))
    for stem, ex in found:
        assert (v[f"exercises_{stem}"], v[f"minutes_{stem}"]) == (str(len(ex)), str(sum(int(m) for _, m in ex)))
    for level in ("No code", "Light code", "Pandas"):
        assert v[f"exercises_{level.lower().replace(' ', '_')}"] == str(sum(lv == level for lv, _ in every))
    ledger_text = (ROOT / "helpers" / "analysis" / "ledger.py").read_text(encoding="utf-8")
    assert v["claims"] == str(ledger_text.count('    Claim("C'))
    missiles = read_csv("missile_launches")
    assert v["missiles_2024_05_30"] == str(sum(r["date"] == "2024-05-30" for r in missiles))
    assert v["missiles_2024_11_05"] == str(sum(r["date"] == "2024-11-05" for r in missiles))
    removed = []
    for path in (ROOT / "data" / "removed").glob("*.csv"):
        import csv
        with open(path, encoding="utf-8", newline="") as f:
            removed += [r for r in csv.DictReader(f) if r["dataset"] == "missile_launches"
                        and r["reason_class"] == "launch_count"]
    assert v["missiles_removed_launch_count"] == str(len(removed))
    # The worked example brief
    china, russia = chosen_figure("China"), chosen_figure("Russia")
    for year in (2023, 2024, 2025):
        assert v[f"brief_china_{year}"] == (f"{china[year][0]:,.0f}" if year in china else "no figure")
    shares = {y: val for y, (val, _) in chosen(pick_rows("kotra", "China"), "share_pct").items()}
    assert v["brief_kotra_share_2024"] == f"{shares[2024]:.1f}"
    assert v["brief_russia_pct_2024"] == f"{100 * russia[2024][0] / china[2024][0]:.1f}"
    start = dt.date(2024, 6, 19)
    end = dt.date(2025, 6, 19)
    meet = Counter()
    for r in read_csv("events"):
        actors = r["actors"].split(";")
        if r["event_type"] in ("summit", "visit") and start < dt.date.fromisoformat(r["date"]) < end and "PRK" in actors:
            meet["RUS" if "RUS" in actors and "CHN" not in actors else
                 "CHN" if "CHN" in actors and "RUS" not in actors else "both"] += 1
    assert (v["brief_meetings_russia"], v["brief_meetings_china"]) == (str(meet["RUS"]), str(meet["CHN"]))
    alignment = [r for r in read_csv("china_signals") if r["topic"] in
                 ("troops_to_russia", "russia_dprk_treaty", "russia_dprk_ties") and r["date"] >= "2024-06-19"]
    assert v["brief_alignment_signals"] == str(len(alignment))
    assert v["brief_alignment_distancing"] == str(sum(r["stance"] in ("distancing", "critical") for r in alignment))
    # The exercise bank's keys
    early = Counter(int(r["date"][:4]) for r in missiles if int(r["date"][:4]) < 2014)
    peak = max(sorted(early), key=early.get)
    assert (v["bank_pre2014_peak_year"], v["bank_pre2014_peak_count"]) == (str(peak), str(early[peak]))
    assert v["bank_share_75_year"] == str(min(y for y, s in shares.items() if s > 75))
    big = sorted((r for r in read_csv("transfers") if r["item_category"] == "containers" and r["value_high"]
                  and float(r["value_high"]) > 10_000 and r["report_date"]), key=lambda r: r["report_date"])
    assert v["bank_containers_by"] == big[0]["reporter"]
    assert v["bank_containers_value"] == f"{float(big[0]['value_high']):,.0f}"
    tr053 = next(r for r in read_csv("troop_reports") if r["report_id"] == "TR-053")
    assert (v["bank_tr053_low"], v["bank_tr053_high"]) == (f"{float(tr053['value_low']):,.0f}",
                                                           f"{float(tr053['value_high']):,.0f}")
