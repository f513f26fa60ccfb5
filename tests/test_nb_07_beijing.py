"""Beijing's position (notebook 7): its headline counts, gaps and verdicts recomputed from the CSVs."""
from collections import Counter

from conftest import read_csv

ALIGNMENT = {"troops_to_russia", "russia_dprk_treaty", "russia_dprk_ties"}


def treaty_date():
    return next(e["date"] for e in read_csv("events") if e["event_id"] == "EV-2024-csp-treaty-signed")


def alignment_rows():
    return [s for s in read_csv("china_signals") if s["topic"] in ALIGNMENT and s["date"] >= treaty_date()]


def test_signals_dataset_meets_its_brief():
    rows = read_csv("china_signals")
    assert len(rows) >= 100
    assert sum(r["date"] >= "2024-10-01" for r in rows) >= 40
    for i, r in enumerate(rows, start=2):
        assert 0 < len(r["source_quote"]) <= 300, f"china_signals.csv:{i} quote missing or too long"
        assert r["source_kind"] != "encyclopedia", f"china_signals.csv:{i} cites an encyclopedia"


def test_headline_counts(site):
    res = site.results("07-beijing")
    assert res["signals_rows"] == len(read_csv("china_signals"))
    assert res["signals_since_oct_2024"] == sum(r["date"] >= "2024-10-01" for r in read_csv("china_signals"))
    counts = Counter(s["stance"] for s in alignment_rows())
    assert res["alignment_stances"] == {k: counts.get(k, 0) for k in ("supportive", "neutral", "distancing", "critical")}


def test_thesis_verdict_follows_the_rule(site):
    rows = alignment_rows()
    share = sum(r["stance"] in ("distancing", "critical") for r in rows) / len(rows)
    expected = "Supported" if share >= 0.5 else "Partly supported" if share >= 0.2 else "Not supported"
    res = site.results("07-beijing")
    assert res["answer_c7"] == expected
    assert site.results("00-claims")["verdicts_now"]["C7"] == expected
    assert len(res["c7_variants"]) >= 3


def test_the_two_readings_still_rest_on_the_data(site):
    # Notebook 7's "two readings" and notebook 8's conclusion state these in words; a data update that makes
    # one false must fail here so the prose is rewritten.
    stances = Counter(s["stance"] for s in alignment_rows())
    assert stances["neutral"] > 0 and stances["distancing"] + stances["critical"] + stances["supportive"] == 0, \
        "the prose says China's line on the alignment never moved from non-committal"
    signals = read_csv("china_signals")
    assert any(s["topic"] == "friendship_year" and s["stance"] == "distancing" for s in signals), \
        "the prose cites a quiet close of the Friendship Year"
    variants = site.results("07-beijing")["c7_variants"]
    assert variants["Contact with Pyongyang fell"] == "Supported", "the prose cites a fall in high-level contact"
    assert any(e["date"].startswith("2025") and e["event_type"] == "summit" and set(e["actors"].split(";")) ==
               {"CHN", "PRK"} for e in read_csv("events")), "the prose says Beijing re-engaged at the top in 2025"


def test_monthly_gaps_are_the_months_without_a_total(site):
    months = {r["period_start"][:7] for r in read_csv("trade_monthly")
              if r["period"] == "month" and r["flow"] == "total"}
    res = site.results("07-beijing")
    assert res["monthly_months_reported"] == len(months)
    latest = max(months)
    every = [f"{y}-{m:02d}" for y in range(2019, int(latest[:4]) + 1) for m in range(1, 13)
             if f"{y}-{m:02d}" <= latest]
    assert res["monthly_gaps"] == [m for m in every if m not in months]


def test_readout_language_table(site):
    leaders = [s for s in read_csv("china_signals") if s["channel"] in
               ("leader_readout", "leader_message", "joint_statement")
               and s["mentions_denuclearisation"] != "not_applicable"]
    res = site.results("07-beijing")["readout_language"]
    for year in {s["date"][:4] for s in leaders}:
        said = Counter(s["mentions_denuclearisation"] for s in leaders if s["date"][:4] == year)
        assert res[year]["Mentions it"] == said.get("yes", 0)
        assert res[year]["Does not"] == said.get("no", 0)


def test_codebook_counts_match_the_data():
    # The codebook states counts in words; a data update that changes them must fail here.
    from conftest import DATA

    text = " ".join((DATA / "README.md").read_text(encoding="utf-8").split())
    signals = read_csv("china_signals")
    since = sum(r["date"] >= "2024-10-01" for r in signals)
    mirrors = sum(r["source_kind"] == "mirror" for r in signals)
    assert f"({len(signals)} rows, {since} from October 2024 on)" in text
    assert f"{mirrors} rows ({round(100 * mirrors / len(signals))} %)" in text
    monthly = read_csv("trade_monthly")
    changelog = " ".join((DATA / "CHANGELOG.md").read_text(encoding="utf-8").split())
    assert f"({len(monthly)} rows)" in changelog
    totals = {r["period_start"][:7] for r in monthly if r["period"] == "month" and r["flow"] == "total"}
    assert f"monthly totals for {len(totals)} of the" in text
    months = sum(1 for y in range(2019, 2026) for m in range(1, 13) if f"{y}-{m:02d}" <= max(totals))
    assert f"of the {months} months from January 2019" in text
    pet = read_csv("refined_petroleum")
    pet_mirrors = sum(r["source_kind"] == "mirror" for r in pet)
    assert f"({pet_mirrors} rows, {round(100 * pet_mirrors / len(pet))} %," in text


def test_border_map_takeaway_names_the_sourced_trade_share(site):
    crossings = [r for r in read_csv("places") if r["role"] == "china_border"]
    shares = [r for r in crossings if r["trade_share_pct"]]
    lead = max(shares, key=lambda r: float(r["trade_share_pct"]))
    text = site.results("07-beijing")["takeaway_beijing_border_crossings_map"]
    assert text.startswith(f"{len(shares)} of the {len(crossings)} crossings on the map"), text
    assert (f"{lead['name'].split(' (')[0]}, with {float(lead['trade_share_pct']):.0f}% "
            f"({lead['source_date'][:4]})") in text, text
