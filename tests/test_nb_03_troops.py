"""The troops notebook's headline numbers, recomputed independently from the CSV."""
import datetime as dt
import re

from conftest import read_csv

# A figure North Korea published: a North Korean reporter on the record (its state media, its leader). A North
# Korean row of another status (a `claim` such as "DPRK (as reported by Yonhap)") is one others attribute to it.
PUBLISHED = ("acknowledgement", "official_statement")


def published_by_north_korea(row) -> bool:
    return row["reporter_country"] == "PRK" and row["status"] in PUBLISHED


def test_troops_headline(site):
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    assert res["rows"] == len(rows)
    assert res["rows_without_number"] == sum(1 for r in rows if not r["value_high"])

    deployed = [r for r in rows if r["measure"] == "deployed" and r["value_high"]]
    first_day = min(r["report_date"] for r in deployed)
    firsts = [float(r["value_high"]) for r in deployed if r["report_date"] == first_day]
    assert res["first_report_date"] == min(r["report_date"] for r in rows)
    assert (res["first_deployed_date"], res["first_deployed_figure"], res["first_deployed_high"]) == (
        first_day, min(firsts), max(firsts))

    top = max(float(r["value_high"]) for r in deployed)
    top_row = next(r for r in deployed if float(r["value_high"]) == top)  # first line among ties
    assert (res["highest_deployed"], res["highest_deployed_reporter"], res["highest_deployed_date"]) == (
        top, top_row["reporter"], top_row["report_date"])


def test_troops_acknowledgements_and_casualties(site):
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    acks = {}
    for r in rows:
        if r["status"] == "acknowledgement" and r["measure"] == "deployed":
            acks[r["reporter_country"]] = min(acks.get(r["reporter_country"], "9999"), r["report_date"])
    assert res["ack_dates"] == acks and set(acks) == {"RUS", "PRK"}

    # Latest cumulative casualty figure: single-episode rows (flagged in notes) do not count.
    episode = ("not cumulative", "episode", "single engagement")
    cas = [r for r in rows if r["measure"] == "casualties" and r["value_high"]
           and not any(w in r["notes"] for w in episode)]
    latest = cas[0]
    for r in cas:
        if r["report_date"] >= latest["report_date"]:  # the later CSV line wins a tie, as in the notebook
            latest = r
    assert (res["latest_casualties"], res["latest_casualties_reporter"], res["latest_casualties_date"]) == (
        float(latest["value_high"]), latest["reporter"], latest["report_date"])
    # The doubtful Reuters "killed" line (TR-099) must not be the latest killed estimate.
    assert res["latest_killed_reporter"] != next(r["reporter"] for r in rows if r["report_id"] == "TR-099")


def test_troops_combat_date_comes_from_the_events_timeline(site):
    # The prose once said "from December 2024"; combat was first reported on the date the timeline records.
    res = site.results("03-troops")
    combat = [r["date"] for r in read_csv("events")
              if r["event_type"] == "troop_deployment" and "combat" in r["title"].lower()]
    assert res["first_combat_date"] == min(combat)
    assert res["first_combat_date"] < "2024-12-01"


def test_troops_casualty_range_and_kinds(site):
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    episode = ("not cumulative", "episode", "single engagement")
    running = [r for r in rows if r["measure"] == "casualties" and r["value_high"]
               and not any(w in r["notes"] for w in episode) and "doubtful" not in r["notes"].lower()]
    month = min(r["report_date"][:7] for r in running)
    firsts = [float(r["value_high"]) for r in running if r["report_date"][:7] == month]
    assert res["casualties_first_month"] == [month, min(firsts), max(firsts)]
    top = max(running, key=lambda r: float(r["value_high"]))
    assert res["casualties_highest"] == [float(top["value_high"]), top["report_date"]]
    kinds = {}
    for r in rows:
        kinds[r["reporter_kind"]] = kinds.get(r["reporter_kind"], 0) + 1
    assert res["rows_by_kind"] == kinds


def test_troops_exercise_solutions_rest_on_the_data():
    rows = read_csv("troop_reports")
    num = [r for r in rows if r["value_high"]]
    # ex-troops-read: the NIS raised its death estimate at every briefing, about twentyfold, Dec 2024 -> Sep 2025.
    nis = sorted((r for r in num if r["measure"] == "killed" and r["reporter"] == "South Korea NIS"),
                 key=lambda r: r["report_date"])
    values = [float(r["value_high"]) for r in nis]
    assert values == sorted(values) and len(set(values)) == len(values)
    assert 15 <= values[-1] / values[0] <= 25
    assert (nis[0]["report_date"][:7], nis[-1]["report_date"][:7]) == ("2024-12", "2025-09")
    # North Korea's own death figures: three; its largest acknowledged one (the memorial wall) is close to the
    # NIS's first estimate, the others count one regiment or rest on a press report.
    own = [r for r in num if r["measure"] == "killed" and r["reporter_country"] == "PRK"]
    wall = max(float(r["value_high"]) for r in own if r["status"] == "acknowledgement")
    assert len(own) == 3 and abs(wall - values[0]) <= 0.25 * values[0]
    assert any("memorial wall" in r["notes"] and float(r["value_high"]) == wall for r in own)
    # ex-troops-spread: figures agree more in Nov-Dec 2024 than from 2025.
    dep = [r for r in num if r["measure"] == "deployed"]

    def spread(part):
        vals = [float(r["value_high"]) for r in part]
        return max(vals) / min(vals)
    late = [r for r in dep if "2024-11-01" <= r["report_date"] <= "2024-12-31"]
    assert spread(late) < spread([r for r in dep if r["report_date"] >= "2025-01-01"])
    # ex-troops-judge: nobody put more than about 12,000 in Russia in 2024; reinforcements reported from
    # February 2025; the NIS's highest figure (April 2025) sums two deployments and is near Reuters' TR-098.
    assert max(float(r["value_high"]) for r in dep if r["report_date"] <= "2024-12-31") <= 12_000
    extra_2025 = [r["report_date"] for r in num if r["measure"] == "additional_deployed" and r["report_date"] >= "2025"]
    assert min(extra_2025)[:7] == "2025-02"
    nis_top = max((r for r in dep if r["reporter"] == "South Korea NIS"), key=lambda r: float(r["value_high"]))
    assert nis_top["report_date"][:7] == "2025-04" and "two deployments" in nis_top["notes"]
    tr098 = next(r for r in rows if r["report_id"] == "TR-098")
    assert tr098["reporter_kind"] == "news"
    assert abs(float(tr098["value_high"]) - float(nis_top["value_high"])) <= 0.1 * float(nis_top["value_high"])


def test_troops_caveats_still_hold():
    rows = read_csv("troop_reports")
    reuters = {"TR-098", "TR-099"}
    news_lines = reuters | {"TR-100"}  # Reuters (January 2026) and Yonhap (February 2026) background lines
    # "No official casualty estimate after September 2025 and no numeric 2026 figure except two news lines."
    losses = [r for r in rows if r["measure"] in ("casualties", "killed", "wounded") and r["value_high"]
              and r["status"] in ("estimate", "official_statement") and r["report_id"] not in reuters]
    assert max(r["report_date"] for r in losses) <= "2025-09-30"
    assert {r["report_id"] for r in rows if r["report_date"] >= "2026" and r["value_high"]} <= news_lines
    assert all(r["reporter_kind"] == "news" for r in rows if r["report_id"] in news_lines)
    # TR-099 (January 2026, 6,000 killed) matches the UK's 6,000 casualties of June 2025.
    tr099 = next(r for r in rows if r["report_id"] == "TR-099")
    uk = [r for r in rows if r["reporter"].startswith("UK MoD") and r["measure"] == "casualties"]
    assert tr099["report_date"][:7] == "2026-01" and "doubtful" in tr099["notes"].lower()
    assert any(r["report_date"][:7] == "2025-06" and r["value_high"] == tr099["value_high"] for r in uk)


def _month(day: str) -> str:
    """'2025-04-30' -> 'April 2025', as the takeaways write months."""
    return dt.date.fromisoformat(day).strftime("%B %Y")


def _body(reporter: str) -> str:
    """The reporting body without the person or relay in brackets, as the notebook groups them."""
    return reporter.split(" (")[0]


def test_troops_takeaways_state_the_data(site):
    """Each figure's takeaway (item 6 of issue #12), its key numbers recomputed from the CSV."""
    res = site.results("03-troops")
    rows = read_csv("troop_reports")
    num = [r for r in rows if r["value_high"]]
    dep = sorted((r for r in num if r["measure"] == "deployed"), key=lambda r: r["report_date"])

    # Every estimate: the first day's range, the 2024 ceiling, and the highest figure, made public later.
    text = res["takeaway_troops_deployed_estimates"]
    first = dep[0]["report_date"]
    firsts = [float(r["value_high"]) for r in dep if r["report_date"] == first]
    in_2024 = max(float(r["value_high"]) for r in dep if r["report_date"] <= "2024-12-31")
    top = max(dep, key=lambda r: float(r["value_high"]))
    day = dt.date.fromisoformat(first)
    assert f"on {day.day} {day:%B %Y}, ranged from {min(firsts):,.0f} to {max(firsts):,.0f};" in text
    assert f"none made public in 2024 exceeded {in_2024:,.0f}," in text
    assert f"the highest, {float(top['value_high']):,.0f} ({_body(top['reporter'])}), came in " \
           f"{_month(top['report_date'])}." in text
    assert top["report_date"] > "2024-12-31" and float(top["value_high"]) > in_2024

    # Spread: each body's latest figure (the later CSV line wins a same-day tie) and the widest own range.
    text = res["takeaway_troops_deployed_spread"]
    latest, values = {}, {}
    for r in dep:
        latest[_body(r["reporter"])] = float(r["value_high"])
        values.setdefault(_body(r["reporter"]), []).append(float(r["value_high"]))
    assert (f"The latest figures of the {len(latest)} reporting bodies run from {min(latest.values()):,.0f} to "
            f"{max(latest.values()):,.0f} troops") in text
    width = {b: max(v) - min(v) for b, v in values.items()}
    widest = [b for b, w in width.items() if w == max(width.values())]
    assert any(f"{b}'s own figures alone span {min(values[b]):,.0f} to {max(values[b]):,.0f}." in text for b in widest)

    # Casualties: running totals (no single episodes, no doubtful line) rose; North Korea's own dead figures.
    text = res["takeaway_troops_casualties"]
    episode = ("not cumulative", "episode", "single engagement")
    running = [r for r in num if r["measure"] == "casualties" and not any(w in r["notes"] for w in episode)
               and "doubtful" not in r["notes"].lower()]
    month = min(r["report_date"][:7] for r in running)
    firsts = [float(r["value_high"]) for r in running if r["report_date"][:7] == month]
    top = max(running, key=lambda r: float(r["value_high"]))
    assert (f"rose from {min(firsts):,.0f}–{max(firsts):,.0f} in {_month(month + '-01')} to "
            f"{float(top['value_high']):,.0f} in {_month(top['report_date'])}") in text
    assert top["report_date"][:7] > month and float(top["value_high"]) > max(firsts)  # "rose" is true
    own = max(float(r["value_high"]) for r in num if r["measure"] == "killed" and published_by_north_korea(r))
    assert text.endswith(f"North Korea's own figures for its dead reach at most {own:,.0f}.")
    assert own < min(firsts)

    # Map: rows whose location names Kursk or the Far East, and the largest deployed figure placed in Kursk.
    kursk = [r for r in rows if "Kursk" in r["location"]]
    far_east = [r for r in rows if re.search(r"Far East|Vladivostok|Eastern Russia", r["location"])]
    most = max(float(r["value_high"]) for r in kursk if r["measure"] == "deployed" and r["value_high"])
    assert res["takeaway_troops_deployment_map"] == (
        f"Of the {len(rows)} troop figures, {len(kursk)} place North Korean soldiers in the Kursk region, with up "
        f"to {most:,.0f} deployed there, and {len(far_east)} in Russia's Far East.")


def _outputs(site, stem="03-troops") -> str:
    import json

    nb = json.loads((site.root / "executed" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(out.get("data", {}).get("text/markdown", "")) + "".join(out.get("text", ""))
                     for cell in nb["cells"] for out in cell.get("outputs", []))


def test_north_koreas_own_death_figures_mean_the_same_in_text_takeaway_and_chart(site):
    """'North Korea's own' is what North Korea published; a figure others attribute to it is named as such in the
    text and labelled 'attributed to DPRK' in the chart, never 'DPRK's own'."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from helpers.data import load
    from helpers.figures import troops

    rows = [r for r in read_csv("troop_reports") if r["value_high"] and r["measure"] == "killed"]
    own = [r for r in rows if published_by_north_korea(r)]
    others = [r for r in rows if r["reporter_country"] == "PRK" and not published_by_north_korea(r)]
    text = _outputs(site)
    if own:
        top = max(float(r["value_high"]) for r in own)
        assert f"The largest death toll North Korea itself has published is {top:,.0f}," in text
        assert f"North Korea's own figures for its dead reach at most {top:,.0f}." in \
            site.results("03-troops")["takeaway_troops_casualties"]
    for r in others:
        assert (f"The {float(r['value_high']):,.0f} dead labelled \"attributed to DPRK\" in the chart "
                f"({r['reporter']}, ") in text
    # The chart: one label per North Korean figure, saying which kind it is.
    tr = load.troop_reports()
    tr["episode"] = tr["doubtful"] = False
    numeric = tr[tr["value_high"].notna()]
    panels = [("casualties", "c"), ("killed", "k"), ("wounded", "w")]
    fig, axes, _ = troops.casualty_panels(numeric, pd.Series(dtype="datetime64[ns]"), panels)
    labels = [t.get_text() for t in axes[1].texts]
    assert sorted(t for t in labels if t.startswith("DPRK's own: ")) == sorted(
        f"DPRK's own: {float(r['value_high']):,.0f}" for r in own)
    assert sorted(t.split("\n")[0] for t in labels if t.startswith("attributed to DPRK")) == sorted(
        f"attributed to DPRK: {float(r['value_high']):,.0f}" for r in others)
    plt.close(fig)
