"""The seminar guide's numbers, computed on every build, and the pages built from the notebooks' exercises.

The guide (`seminar/*.md`) never types a number the data could change: it writes a placeholder, `{{name}}`, and
the build fills it from `guide_values()` when it copies the page to the site. An unknown name stops the build
with the file and the name. `tests/test_seminar_guide.py` recomputes every value from the CSVs.

`answer_sheet()` writes the answer sheet for students who work on the site only: every exercise with its label,
level, minutes and question, and room for the answer (a page on both sites and a plain-text download).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..data import paths

PLACEHOLDER = re.compile(r"\{\{\s*([a-z0-9_]+)\s*\}\}")
BRIEF_YEARS = (2023, 2024, 2025)  # the worked example brief compares China's trade in these years


class GuideError(ValueError):
    pass


def exercise_values() -> dict[str, str]:
    """Exercise counts and minutes: in all, per level and per notebook (`minutes_09`, `exercises_09`)."""
    from .student import LEVELS, exercises

    values, found = {}, []
    for source in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.md")):
        ex = exercises(source.read_text(encoding="utf-8"))
        found += ex
        values[f"exercises_{source.stem[:2]}"] = str(len(ex))
        values[f"minutes_{source.stem[:2]}"] = str(sum(e["minutes"] or 0 for e in ex))
    values["exercises_total"] = str(len(found))
    values["minutes_total"] = str(sum(e["minutes"] or 0 for e in found))
    values["hours_total"] = f"{sum(e['minutes'] or 0 for e in found) / 60:.1f}"
    for level in LEVELS:
        key = level.lower().replace(" ", "_")
        values[f"exercises_{key}"] = str(sum(e["level"] == level for e in found))
        values[f"minutes_{key}"] = str(sum(e["minutes"] or 0 for e in found if e["level"] == level))
    return values


def claim_values() -> dict[str, str]:
    from ..analysis import ledger

    kinds = [c.kind for c in ledger.CLAIMS]
    return {"claims": str(len(kinds)), "premises": str(kinds.count("premise")),
            "inferences": str(kinds.count("inference")), "last_claim": ledger.CLAIMS[-1].claim_id}


def missile_values() -> dict[str, str]:
    """Session 3: the rows of the two disputed salvos, and the rows removed when counts followed the JCS."""
    import csv

    from ..data import load

    launches = load.missile_launches(all_rows=True)
    removed = []
    for path in sorted((paths.data_dir() / "removed").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            removed += [r for r in csv.DictReader(f) if r["dataset"] == "missile_launches"
                        and r["reason_class"] == "launch_count"]
    return {"missiles_2024_05_30": str(int((launches["date"] == "2024-05-30").sum())),
            "missiles_2024_11_05": str(int((launches["date"] == "2024-11-05").sum())),
            "missiles_removed_launch_count": str(len(removed)),
            "missiles_removed_2024_05_30": str(sum('"date": "2024-05-30"' in r["row"] for r in removed))}


def brief_values() -> dict[str, str]:
    """The worked example brief: China's trade by the collection's rule, KOTRA's share, meetings in the year after
    the treaty, and Beijing's alignment signals since it."""
    from ..analysis.engine import HIGH_LEVEL, TREATY_SIGNED
    from ..data import load
    from ..data.schemas import ALIGNMENT_TOPICS
    from ..data.series import trade_figure, trade_series

    trade = load.trade(all_rows=True)
    china, russia = trade_figure(trade, "China"), trade_figure(trade, "Russia")
    share = trade_series(trade, "kotra", "China", value="share_pct")
    out = {f"brief_china_{y}": f"{china.loc[y, 'value']:,.0f}" if y in china.index else "no figure"
           for y in BRIEF_YEARS}
    out["brief_kotra_share_2024"] = f"{share[2024]:.1f}" if 2024 in share.index else "no figure"
    if 2024 in russia.index and 2024 in china.index:
        out["brief_russia_2024"] = f"{russia.loc[2024, 'value']:,.0f}"
        out["brief_russia_pct_2024"] = f"{100 * russia.loc[2024, 'value'] / china.loc[2024, 'value']:.1f}"
    events = load.events(all_rows=True)
    start = TREATY_SIGNED  # the brief's window opens when the alignment became a treaty
    year = events[events["event_type"].isin(HIGH_LEVEL) & (events["date"] > start)
                  & (events["date"] < start + pd.DateOffset(years=1))]
    codes = year["actors"].str.split(";")
    with_prk = codes.apply(lambda c: "PRK" in c)
    out["brief_meetings_russia"] = str(int((with_prk & codes.apply(lambda c: "RUS" in c and "CHN" not in c)).sum()))
    out["brief_meetings_china"] = str(int((with_prk & codes.apply(lambda c: "CHN" in c and "RUS" not in c)).sum()))
    ahead = int(out["brief_meetings_russia"]) - int(out["brief_meetings_china"])
    out["brief_attention"] = ("fell behind Russia" if ahead > 0 else "kept pace with Russia" if ahead == 0
                              else "stayed ahead of Russia")
    signals = load.china_signals(all_rows=True)
    alignment = signals[signals["topic"].isin(ALIGNMENT_TOPICS) & (signals["date"] >= start)]
    out["brief_alignment_signals"] = str(len(alignment))
    out["brief_alignment_distancing"] = str(int(alignment["stance"].isin(["distancing", "critical"]).sum()))
    return out


def bank_values() -> dict[str, str]:
    """The keys of the exercise bank (seminar/exercise-bank.md), shown on the instructor site only."""
    from ..data import load
    from ..data.series import trade_series

    out = {}
    launches = load.missile_launches(all_rows=True)
    early = launches[launches["date"].dt.year < 2014]
    per_year = early["date"].dt.year.value_counts().sort_index()
    peak = int(per_year.idxmax())
    types = early[early["date"].dt.year == peak]["missile_type"].astype(str).value_counts()
    out |= {"bank_pre2014_peak_year": str(peak), "bank_pre2014_peak_count": str(int(per_year.max())),
            "bank_pre2014_peak_type": types.index[0], "bank_pre2014_peak_type_count": str(int(types.iloc[0]))}
    share = trade_series(load.trade(all_rows=True), "kotra", "China", value="share_pct")
    above = share[share > 75]
    out |= {"bank_share_75_year": str(int(above.index[0])), "bank_share_75_value": f"{above.iloc[0]:.1f}"}
    tr = load.troop_reports(all_rows=True)
    running = tr[(tr["measure"] == "casualties") & tr["value_high"].notna()
                 & ~tr["notes"].fillna("").str.contains(r"not cumulative|episode|single engagement", regex=True)]
    running = running.assign(body=running["reporter"].str.split(" (", regex=False).str[0]).sort_values(
        "report_date", kind="stable")
    counts = running["body"].value_counts()
    body = sorted(counts[counts == counts.max()].index)[0]
    mine = running[running["body"] == body]
    out |= {"bank_casualty_body": body, "bank_casualty_count": str(len(mine)),
            "bank_casualty_first": f"{mine['value_high'].iloc[0]:,.0f} ({mine['report_date'].iloc[0]:%B %Y})",
            "bank_casualty_last": f"{mine['value_high'].iloc[-1]:,.0f} ({mine['report_date'].iloc[-1]:%B %Y})"}
    tf = load.transfers(all_rows=True)
    big = tf[(tf["item_category"] == "containers") & (tf["value_high"] > 10_000) & tf["report_date"].notna()]
    first = big.sort_values("report_date", kind="stable").iloc[0]
    start = f"{first['period_start']:%B %Y}" if pd.notna(first["period_start"]) else "a start date it does not state"
    out |= {"bank_containers_value": f"{first['value_high']:,.0f}", "bank_containers_by": first["reporter"],
            "bank_containers_date": f"{first['report_date']:%-d %B %Y}", "bank_containers_start": start}
    events = load.events(all_rows=True)
    codes = events["actors"].str.split(";")
    summits = (events["event_type"] == "summit") & (events["date"].dt.year >= 2018) & codes.apply(lambda c: "PRK" in c)
    out |= {"bank_summits_russia": str(int((summits & codes.apply(lambda c: "RUS" in c and "CHN" not in c)).sum())),
            "bank_summits_china": str(int((summits & codes.apply(lambda c: "CHN" in c and "RUS" not in c)).sum()))}
    row = tr[tr["report_id"] == "TR-053"].iloc[0]
    out |= {"bank_tr053_low": f"{row['value_low']:,.0f}", "bank_tr053_high": f"{row['value_high']:,.0f}"}
    return out


def guide_values() -> dict[str, str]:
    from ..figures.beijing import UN_CAP_BARRELS

    return {**exercise_values(), **claim_values(), **missile_values(), **brief_values(), **bank_values(),
            "un_cap_barrels": f"{UN_CAP_BARRELS:,}"}


def fill(text: str, values: dict[str, str], name: str) -> str:
    """`text` with every `{{name}}` replaced; an unknown name is an error naming the file and line."""
    def one(m):
        if m[1] not in values:
            line = text.count("\n", 0, m.start()) + 1
            raise GuideError(f"{name}:{line}: placeholder {{{{{m[1]}}}}}: found no such value, expected one of "
                             f"the names in helpers/tools/guide.py")
        return values[m[1]]
    return PLACEHOLDER.sub(one, text)


def seminar_pages() -> dict[Path, tuple[str, str]]:
    """The guide's pages: {file: (its path in the repository, its page on the site)}, from the site's list of
    repository pages (`pages.SITE_PAGES`); a page in seminar/ missing from that list is an error."""
    from .pages import SITE_PAGES

    folder = paths.ROOT / "seminar"
    pages = {paths.ROOT / repo: (repo, site) for repo, site in SITE_PAGES.items() if repo.startswith("seminar/")}
    missing = sorted(p.name for p in folder.glob("*.md") if p not in pages)
    if missing:
        raise GuideError(f"seminar/{missing[0]}: found a guide page the site does not list, expected it in "
                         "SITE_PAGES in helpers/tools/pages.py")
    return pages


def answer_sheet(text_only: bool = False) -> str:
    """Every exercise, notebook by notebook: label, level, minutes, the question (hint left out) and room to
    answer. Markdown for the site page; plain text for the download."""
    from .student import exercises

    lines = ["# Answer sheet", "",
             "For students who work on the site: copy this sheet (or download the plain-text version,",
             "`answer-sheet.txt`), write your answers under each exercise and hand it in as your instructor asks.",
             "Exercises are listed by label, the name the seminar guide and your instructor use.", ""]
    if not text_only:
        lines += ["{download}`Download the answer sheet as plain text <_static/answer-sheet.txt>`", ""]
    for source in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.md")):
        text = source.read_text(encoding="utf-8")
        title = next((l[2:].strip() for l in text.splitlines() if l.startswith("# ")), source.stem)
        found = exercises(text)
        if not found:
            continue
        lines += [f"## {source.stem}: {title}", ""]
        for ex in found:
            body = ex["text"].split("\n", 2)[2]  # drop the fence and the label line
            body = re.sub(r"```\{dropdown\}.*?```", "", body, flags=re.S)
            body = body.rsplit(":::", 1)[0].strip()
            lines += [f"### {ex['label']} ({ex['level']} · {ex['minutes']} min)", "", body, "",
                      "**Your answer:**" if not text_only else "Your answer:", "", "&nbsp;" if not text_only
                      else "", "", "&nbsp;" if not text_only else "", ""]
    return "\n".join(lines)
