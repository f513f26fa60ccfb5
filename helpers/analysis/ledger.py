"""The claims ledger: the article's claims in order, each with its measurement plan (the article's words, our
reading, the baseline and why the thresholds sit where they do), its main rule and its variants, and the
functions notebooks call: `evaluate`, `robustness`, `tally`, `data_reach`, `rows_table`."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..data import load
from .c1_benefactor import c1_aid_only, c1_majority_since, c1_partner_or_donor, c1_trade_only
from .c2_alliance import c2_summits, c2_treaty
from .c3_troops import c3_acknowledged, c3_combat, c3_governments
from .c4_escalation import c4_capability, c4_engagement, c4_missiles, c4_tempo
from .c5_influence import c5_attention, c5_fuel_carried_forward, c5_leverage, c5_trade_ratio, c5_with_revenue
from .c6_seoul import STAGES_DECIDED, c6_new_government, c6_share
from .c7_beijing import (c7_accounts, c7_alignment_statements, c7_bundle, c7_contact, c7_statements_vs_baseline,
                         c8_varied)
from .engine import (ARTICLE_DATE, GRADED, HIGH_LEVEL, KINDS, NOT, PARTLY, SUPPORTED, THIN,  # noqa: F401
                     UNTESTABLE, VERDICTS, Claim, Rule, Verdict, judge)

CLAIMS = (
    Claim("C1", "Since the Soviet Union collapsed, China has been North Korea's primary benefactor.", "01-benefactor",
          "premise", "Another partner or donor first in most years since 1992.",
          (Rule("Largest partner or donor since 1992", "Share of the years since 1992 with comparable figures in "
                "which China was North Korea's largest trade partner or largest aid donor: four in five or more: "
                "supported; half or more: partly.", c1_partner_or_donor,
                "China first in under half of the years with figures."),
           Rule("Largest trade partner", "As the main rule, trade only.", c1_trade_only),
           Rule("Largest donor", "As the main rule, aid only (years with US$ values for two or more donors).",
                c1_aid_only),
           Rule("Majority partner by 1995", "The majority reading: China's KOTRA share above half every year since "
                "it first was, by 1995 at the latest (partly within ten years more).", c1_majority_since(1995))),
          words='"since the Soviet Union\'s dissolution, Beijing has been North Korea\'s primary benefactor"',
          reading="Primary means first, in trade or in aid, year by year since 1992; the majority reading (more "
                  "than half of all trade) is a stricter variant.",
          baseline="No baseline: a premise about a period. Four years in five allows for the transition years of "
                   "the 1990s and South Korea's large aid of the 2000s without losing 'primary'.",
          datasets=("trade", "aid")),
    Claim("C2", "Kim Jong Un and Vladimir Putin are forging an alliance.", "05-network", "premise",
          "No treaty and no summit or high-level visit between the two since 2023.",
          (Rule("Treaty signed", "Supported once a mutual-defence treaty is signed; summits without a treaty: "
                "partly.", c2_treaty(require_in_force=False), "No treaty signed."),
           Rule("Treaty in force", "Supported only once the treaty is in force.", c2_treaty(require_in_force=True)),
           Rule("Summits only", "Three or more summits and high-level visits since 2023: supported; one or two: "
                "partly.", c2_summits)),
          words='"the duo of Kim Jong Un and Vladimir Putin appears to have forged a burgeoning alliance"',
          reading="An alliance is a formal commitment; the meetings that build it are partial evidence.",
          baseline="No baseline: there was no Russia–North Korea alliance between 1991 and 2024.",
          datasets=("events",)),
    Claim("C3", "North Korea is sending troops to help Russia fight Ukraine.", "03-troops", "premise",
          "No government estimate of troops sent, and no acknowledgement by Moscow or Pyongyang.",
          (Rule("Acknowledged by both parties", "Supported once Moscow and Pyongyang both acknowledge it; "
                "estimates alone: partly.", c3_acknowledged, "No estimate and no acknowledgement."),
           Rule("Two governments' estimates", "Estimates by two or more governments or their groups: supported; "
                "one: partly.", c3_governments),
           Rule("Losses reported", "Reported losses (killed, wounded, captured): supported; deployment only: "
                "partly.", c3_combat)),
          words='"North Korea may be sending troops to assist Russia in its conflict in Ukraine"',
          reading="A deployment to fight, established by the parties' own acknowledgement.",
          baseline="No baseline: North Korea had not sent combat troops abroad in decades.",
          datasets=("troop_reports",)),
    Claim("C4", "North Korea's ICBM test of 31 October 2024 signalled an escalation in its military engagement "
          "with Russia.", "02-missiles", "premise",
          "No step up in the North Korea–Russia military engagement in the six months after the test.",
          (Rule("Engagement stepped up", "Steps up in the North Korea–Russia military engagement in the six months "
                "after the test (first reported combat losses, a deployment estimate above any before it, the "
                "treaty in force): two or more: supported; one: partly.", c4_engagement,
                "None of the three steps in six months."),
           Rule("Missile escalation", "The missile reading: a record apogee and no fall in launches in the (up to) "
                "12 months after the test: both: supported; one: partly.", c4_missiles),
           Rule("Capability only", "A record apogee: supported; within 10% of the record: partly.", c4_capability),
           Rule("Launch tempo only", "No fall in launches after the test: supported; at least half as many: "
                "partly.", c4_tempo(None))),
          words='"an intercontinental missile test, signaling a possible escalation in their military engagement"',
          reading="'Their' most naturally means North Korea and Russia, so the main rule tests the engagement; "
                  "the missile reading (a record apogee, a faster tempo) is a variant. Neither can show that the "
                  "test *signalled* anything: the treaty was ratified and troops were moving before it, so the "
                  "test is a date stamp, and the rule asks only whether escalation followed. Apogees are North "
                  "Korea's own announced figures; 2025 launch counts are floors.",
          baseline="The engagement before the test (the highest deployment estimate, losses reported before it); "
                   "launches in as many months before the test.",
          datasets=("troop_reports", "events", "missile_launches")),
    Claim("C5", "Beijing's influence over Pyongyang is waning as Pyongyang turns to Moscow.",
          "08-since-the-article", "inference",
          "China–North Korea trade holding up or growing and China still the larger fuel supplier.",
          (Rule("Leverage: trade and fuel, then attention", "Durable leverage first: annual China customs trade "
                "down a tenth or more on the year before, and Russia supplying more fuel than China on outside "
                "estimates for both in the same year (the suppliers' own reports are not comparable). Both: supported; one, or only more rank-weighted senior contact with "
                "Russia than China in 12 months: partly; none: not supported.", c5_leverage,
                "Trade not falling and China the larger fuel supplier."),
           Rule("Attention only (rank-weighted)", "Russia's share of rank-weighted senior contact with Pyongyang in "
                "12 months: 60 % or more: supported; more than half: partly.", c5_attention),
           Rule("Trade alone", "China's trade under 10 times Russia's: supported; under 20: partly.",
                c5_trade_ratio),
           Rule("Trade with arms revenue (ranges)", "Russia's trade plus the annualised published estimates of "
                "North Korea's arms revenue (midpoint of their range) against China's trade: as large or larger: "
                "supported; a quarter or more: partly. A year no estimate covers is missing, not zero.",
                c5_with_revenue),
           Rule("Fuel with China's crude carried forward", "Russia's share of fuel on outside estimates, with the "
                "last estimate of China's pipeline crude carried forward: half or more: supported; a third: "
                "partly.", c5_fuel_carried_forward)),
          words='"concerned that its influence over Pyongyang may be waning"',
          reading="The article reports Beijing's concern; the ledger tests the stronger, implied claim that "
                  "influence is waning, read as leverage: what Pyongyang cannot easily replace (trade, fuel) "
                  "before where its diplomacy turns (attention).",
          baseline="Trade: the year before (a fall of a tenth is beyond ordinary year-to-year noise outside the "
                   "sanctions and Covid years; on the article's date the latest year is 2023, a rebound from Covid, "
                   "which favours 'not waning'). Fuel: the other supplier, in the same year, on outside estimates. "
                   "Attention: the other capital in the same 12 months.",
          datasets=("trade", "refined_petroleum", "crude_oil", "visits", "revenue_estimates")),
    Claim("C6", "South Korea is weighing stronger security measures.", "06-neighbours", "premise",
          "Seoul's measures in the year judged mostly relaxing or holding its posture.",
          (Rule("Seoul's measures, 12 months to the article", "Share of South Korea's security measures "
                "(considered, announced, decided or carried out) in the 12 months to the article's date that "
                "strengthen its posture: three in four or more: supported; half or more: partly. At least five "
                "measures are needed. Later measures are the new government's variant, not this claim.",
                c6_share(12), "Under half of Seoul's measures strengthening."),
           Rule("Decided or carried out only", "As the main rule, counting only measures decided or carried out.",
                c6_share(12, STAGES_DECIDED)),
           Rule("Six months", "As the main rule over the six months to the article's date.", c6_share(6)),
           Rule("Under the new government", "As the main rule, from Lee Jae-myung's inauguration (4 June 2025) to "
                "the register's end: did Seoul follow through?", c6_new_government)),
          words='"South Korea contemplating bolstered security measures"',
          reading="'Contemplating' counts measures considered as well as taken; the claim is about late 2024, so "
                  "the verdict on the article's date is the test and 2025–26 is reported apart.",
          baseline="The direction of Seoul's measures is read against an even split: three in four strengthening "
                   "is a clear net direction, half is mixed. Judged on the register of Seoul's own measures, not "
                   "the events timeline.",
          datasets=("rok_measures",)),
    Claim("C7", "Beijing is uneasy about the North Korea–Russia alignment.", "07-beijing", "inference",
          "Beijing's statements no cooler than before, no pull-back in its contact with Pyongyang, the "
          "denuclearisation line kept no more often, and third parties reporting comfort rather than unease.",
          (Rule("Change against the baseline, four indicators", "In the year after the treaty (19 June 2024): "
                "distancing or critical signals on North Korea itself at least twice their 2018 – mid-2023 share; "
                "rank-weighted senior contact below the same span before the treaty; the denuclearisation line "
                "endorsed at least as often as in 2018 – mid-2023 on the same channels; accounts of Chinese unease "
                "from at least two officials outnumbering accounts of comfort. Share of the indicators that can be computed (at least two) pointing to unease: 60 % "
                "or more: supported; a quarter or more: partly; none: not supported.", c7_bundle,
                "None of the indicators that can be computed points to unease."),
           Rule("Statements against their baseline", "The distancing-or-critical share of Beijing's signals on "
                "North Korea itself (not the alignment) in the year after the treaty, as a multiple of its 2018 – mid-2023 share: twice or "
                "more: supported; one and a half: partly.", c7_statements_vs_baseline),
           Rule("Contact fell", "Rank-weighted China–North Korea senior contact in the year after the treaty, as a "
                "share of the same span before: half or less: supported; less than before: partly.", c7_contact),
           Rule("Officials' accounts", "Share of officials' accounts (reliability A–C) dated in the window that "
                "report Chinese unease: 60 % or more: supported; 40 %: partly.", c7_accounts),
           Rule("Public statements on the alignment", "The old main rule: share of Beijing's signals on the "
                "alignment itself since the treaty that distance or criticise: half: supported; a fifth: partly. "
                "Ministry answers on a partner's treaty almost never do, so it can hardly return Supported.",
                c7_alignment_statements(("distancing", "critical"), "distancing or critical")),
           Rule("Evasion counts as unease", "As the previous rule, counting non-committal answers ('their own "
                "matter') as unease too; it can hardly return Not supported.",
                c7_alignment_statements(("neutral", "distancing", "critical"),
                                        "non-committal, distancing or critical"))),
          words='"raising alarm bells in Beijing" … "China\'s apprehension that the North\'s alliance with Russia '
                'could destabilize the region"',
          reading="Unease shows in what Beijing says and does, measured as change: cooler words, less contact, a "
                  "line Pyongyang rejects kept, and what officials who talk to Beijing report.",
          baseline="2018 – mid-2023 for Beijing's signals on North Korea itself and for the denuclearisation line "
                   "on the same channels (before the alignment began with Shoigu's July 2023 visit); the same span "
                   "before the treaty for contact. 'Twice the baseline share' is a conventional mark of a "
                   "substantive change, not a significance test: with these counts a doubling is within sampling "
                   "noise, which is why every share is printed with its count and interval. The test is the treaty "
                   "year; the period after it is shown in notebook 7.",
          datasets=("china_signals", "visits", "china_private_views")),
    Claim("C8", "Beijing's reactions to the alignment have been varied.", "07-beijing", "premise",
          "Beijing's answers on the alignment nearly all of one stance.",
          (Rule("Most common stance", "Share of Beijing's signals on the alignment since July 2023 in the most "
                "common stance: 70 % or less: supported (varied); 85 % or less: partly; more: not supported "
                "(uniform).", c8_varied, "More than 85 % of one stance."),),
          words='"an action that has elicited varied reactions from the Chinese government"',
          reading="Varied means more than one stance among Beijing's reactions to the alignment itself.",
          baseline="An even split of two stances is 50 %; 70 % leaves at least three answers in ten of another kind.",
          datasets=("china_signals",)),
)

NOT_TESTED = (
    ("could destabilize the region", "The article attributes it to unnamed experts as China's apprehension about "
     "a future effect. The proxies a dataset could count (launches, inter-Korean incidents, allied exercises) "
     "cannot separate the alignment's effect from North Korea's own programme and the peninsula's cycles, so a "
     "verdict would measure the proxy, not the claim."),
    ("possibly prompting a reevaluation of security dynamics in East Asia", "Too open to test as stated; its "
     "testable part, Seoul's response, is C6."),
)


def data_for(known_by: dt.date | None = None) -> dict:
    kw = {"known_by": known_by} if known_by else {}
    return {"trade": load.trade(**kw), "events": load.events(**kw), "troops": load.troop_reports(**kw),
            "missiles": load.missile_launches(**kw), "transfers": load.transfers(**kw),
            "signals": load.china_signals(**kw), "trade_monthly": load.trade_monthly(**kw),
            "petroleum": load.refined_petroleum(**kw), "crude": load.load("crude_oil", **kw),
            "aid": load.aid(**kw), "visits": load.load("visits", **kw),
            "rok_measures": load.load("rok_measures", **kw),
            "private_views": load.load("china_private_views", **kw),
            "revenue": load.load("revenue_estimates", **kw)}


def _when(known_by: dt.date | None) -> pd.Timestamp:
    return pd.Timestamp(known_by or load.as_of() or dt.date.today())


def evaluate(known_by: dt.date | None = None) -> dict[str, Verdict]:
    """Judge every claim by its main rule on the data known by `known_by` (default: all this build may use)."""
    data, when = data_for(known_by), _when(known_by)
    return {c.claim_id: judge(c, c.main, data, when) for c in CLAIMS}


def robustness(known_by: dt.date | None = None) -> pd.DataFrame:
    """Every rule of every claim judged on the same data: one row per (claim, rule)."""
    data, when = data_for(known_by), _when(known_by)
    rows = []
    for c in CLAIMS:
        main = judge(c, c.main, data, when).verdict
        for i, rule in enumerate(c.rules):
            v = judge(c, rule, data, when)
            rows.append({"claim_id": c.claim_id, "kind": c.kind, "rule": rule.name, "main": i == 0,
                         "description": rule.description, "verdict": v.verdict, "evidence": v.evidence,
                         "flip": v.flip, "value": v.value, "cuts": v.cuts, "plausible": v.plausible,
                         "window_end": v.window_end, "agrees": v.verdict == main})
    return pd.DataFrame(rows)


def robust_claims(table: pd.DataFrame) -> list[str]:
    """Claims whose verdict is the same under every variant of their rule (a claim with one rule is not listed)."""
    return [cid for cid, part in table.groupby("claim_id", sort=False) if len(part) > 1 and part["agrees"].all()]


def tally(verdicts: dict[str, Verdict], kind: str) -> dict[str, int]:
    ids = [c.claim_id for c in CLAIMS if c.kind == kind]
    return {v: sum(verdicts[i].verdict == v for i in ids) for v in VERDICTS if any(verdicts[i].verdict == v for i in ids)}


def data_reach(claim: Claim, known_by: dt.date | None = None) -> str:
    """'events 25 Feb 2026; trade 2025': how far each dataset a claim reads reaches (computed, never typed)."""
    kw = {"known_by": known_by} if known_by else {}
    parts = []
    for name in claim.datasets:
        df = load.load(name, **kw)
        known = load.reach(load.DATASETS[name], df).dropna()  # how far the rows reach, not when they were known
        if known.empty:
            parts.append(f"{name.replace('_', ' ')}: none")
            continue
        latest = known.max()
        yearly = load.DATASETS[name].column(load.DATASETS[name].known_date).kind == "int"
        parts.append(f"{name.replace('_', ' ')} {latest.year if yearly else latest.strftime('%-d %b %Y')}")
    return "; ".join(parts)


def data_span(known_by: dt.date | None = None) -> str:
    """The column heading for 'all data': 'Data to Feb–Apr 2026' from the latest dates of the dated datasets the
    claims read (yearly series are left out: their year is not a date)."""
    latest = []
    for name in sorted({n for c in CLAIMS for n in c.datasets}):
        schema = load.DATASETS[name]
        if schema.column(schema.known_date).kind == "int":
            continue
        known = load.reach(schema, load.load(name, **({"known_by": known_by} if known_by else {}))).dropna()
        if len(known):
            latest.append(known.max())
    if not latest:
        return "Data to: none"
    lo, hi = min(latest), max(latest)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"Data to {hi:%b %Y}"
    return f"Data to {lo:%b}{'' if lo.year == hi.year else f' {lo.year}'}–{hi:%b %Y}"


def rows_table(verdicts: dict[str, Verdict], label: str) -> pd.DataFrame:
    """The rows each verdict rests on, one line per (claim, row), for the per-build CSV researchers download."""
    out = [{"judged": label, "claim_id": cid, "verdict": v.verdict, **r} for cid, v in verdicts.items()
           for r in v.rows]
    return pd.DataFrame(out, columns=["judged", "claim_id", "verdict", "dataset", "id", "date", "label", "quote",
                                      "url"])
