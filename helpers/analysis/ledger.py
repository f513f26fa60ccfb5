"""The claims ledger: the article's seven claims in order, each with its main rule and variants (the rules live in
one module per claim), and the functions notebooks call: `evaluate`, `robustness`, `tally`."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..data import load
from .c1_benefactor import c1_latest_share, c1_majority_since
from .c2_alliance import c2_summits, c2_treaty
from .c3_troops import c3_acknowledged, c3_combat, c3_governments
from .c4_escalation import c4_capability, c4_capability_and_tempo, c4_tempo
from .c5_influence import c5_summits_only, c5_three_indicators, c5_trade_and_meetings, c5_trade_only
from .c6_seoul import c6_seoul_moves
from .c7_beijing import c7_cooling, c7_engagement, c7_stance_share
from .engine import (ARTICLE_DATE, HIGH_LEVEL, KINDS, NOT, PARTLY, SUPPORTED, UNTESTABLE, VERDICTS,  # noqa: F401
                     Claim, Rule, Verdict)

CLAIMS = (
    Claim("C1", "Since the Soviet Union collapsed, China has been North Korea's main benefactor.", "01-benefactor",
          "premise", "China's share of North Korea's trade under half in the latest year.",
          (Rule("Majority partner since the mid-1990s", "KOTRA China share above half in the latest year and in "
                "every year since it first was, by 1995 at the latest.", c1_majority_since(1995)),
           Rule("Majority partner by 2005", "As the main rule, allowing China to become the majority partner "
                "up to 2005.", c1_majority_since(2005)),
           Rule("Latest share only", "Above half in the latest year: supported; a third or more: partly.",
                c1_latest_share))),
    Claim("C2", "Kim Jong Un and Vladimir Putin are forging an alliance.", "05-network", "premise",
          "No treaty and no summit or high-level visit between the two since 2023.",
          (Rule("Treaty signed", "Supported once a mutual-defence treaty is signed; summits without a treaty: "
                "partly.", c2_treaty(require_in_force=False)),
           Rule("Treaty in force", "Supported only once the treaty is in force.", c2_treaty(require_in_force=True)),
           Rule("Summits only", "Three or more summits and high-level visits since 2023: supported; one or two: "
                "partly.", c2_summits))),
    Claim("C3", "North Korea is sending troops to help Russia fight Ukraine.", "03-troops", "premise",
          "No government estimate of troops sent, and no acknowledgement by Moscow or Pyongyang.",
          (Rule("Acknowledged by both parties", "Supported once Moscow and Pyongyang both acknowledge it; "
                "estimates alone: partly.", c3_acknowledged),
           Rule("Two governments' estimates", "Estimates by two or more governments or their groups: supported; "
                "one: partly.", c3_governments),
           Rule("Losses reported", "Reported losses (killed, wounded, captured): supported; deployment only: "
                "partly.", c3_combat))),
    Claim("C4", "North Korea's ICBM test of 31 October 2024 signalled an escalation.", "02-missiles", "premise",
          "The test set no altitude record and launches slowed in the year after it.",
          (Rule("Record and tempo", "A record apogee and no fall in launches in the (up to) 12 months after the "
                "test: supported; one of the two: partly; neither: not supported. Judged on the record alone "
                "while under six months of data follow the test.", c4_capability_and_tempo),
           Rule("Capability only", "A record apogee: supported; within 10% of the record: partly.", c4_capability),
           Rule("Launch tempo only", "No fall in launches after the test: supported; at least half as many: "
                "partly.", c4_tempo(None)),
           Rule("ICBM tempo only", "As launch tempo, counting only ICBMs.", c4_tempo(("ICBM",))))),
    Claim("C5", "Beijing's influence over Pyongyang is waning as Pyongyang turns to Moscow.",
          "08-since-the-article", "inference",
          "China–North Korea trade holding up or growing, China still the larger fuel supplier, and Beijing "
          "getting as much high-level attention as Moscow.",
          (Rule("Trade, oil and attention", "Three indicators: monthly China–North Korea trade down 10% or more "
                "on a year earlier; Russia's reported refined petroleum above China's; more high-level meetings "
                "with Russia than China in 12 months. Two or three: supported; one: partly; none: not supported.",
                c5_three_indicators),
           Rule("Trade ratio and meetings", "China's trade under ten times Russia's: supported; otherwise, more "
                "meetings with Russia: partly.", c5_trade_and_meetings),
           Rule("Summits only", "More meetings with Russia than China in 12 months: supported.", c5_summits_only),
           Rule("Trade alone", "China's trade under 10 times Russia's: supported; under 20: partly.",
                c5_trade_only(with_arms=False)),
           Rule("Trade with arms sales", "As trade alone, adding estimated North Korean arms sales to Russia's "
                "trade.", c5_trade_only(with_arms=True)))),
    Claim("C6", "South Korea is weighing stronger security measures.", "06-neighbours", "premise",
          "No security measure or statement initiated by Seoul in the 12 months judged.",
          (Rule("Seoul's own moves, 12 months", "Security measures and statements Seoul initiated in the 12 months "
                "to the date judged: two or more: supported; one: partly.",
                c6_seoul_moves(12, ("security_measure", "statement"), seoul_first=True)),
           Rule("Measures only", "As the main rule, counting only security measures.",
                c6_seoul_moves(12, ("security_measure",), seoul_first=True)),
           Rule("Any move with Seoul, 24 months", "Measures, statements and exercises with Seoul among the actors "
                "(not initiated by Pyongyang) over 24 months.",
                c6_seoul_moves(24, ("security_measure", "statement", "military_exercise"), seoul_first=False)))),
    Claim("C7", "Beijing is uneasy about the North Korea–Russia alignment.", "07-beijing", "inference",
          "China's statements on the alignment neutral or supportive (no distancing, no criticism), and no "
          "pull-back in its contact with Pyongyang.",
          (Rule("Distancing or critical signals", "Share of China's signals on the alignment (troops, treaty, "
                "Russia–North Korea ties) since the treaty coded distancing or critical: half or more: supported; "
                "a fifth or more: partly.", c7_stance_share(("distancing", "critical"), "distancing or critical")),
           Rule("Evasion counts as unease", "As the main rule, counting non-committal answers ('not aware', "
                "'their own matter') as unease too.",
                c7_stance_share(("neutral", "distancing", "critical"), "non-committal, distancing or critical")),
           Rule("Cooling on any topic", "As the main rule, over all of China's signals on North Korea in the year "
                "after the treaty, whatever their topic (a muted anniversary counts).", c7_cooling),
           Rule("Contact with Pyongyang fell", "Fewer China–North Korea high-level meetings in the year after the "
                "treaty than in the year before: supported; as many: partly.", c7_engagement))),
)


def data_for(known_by: dt.date | None = None) -> dict:
    kw = {"known_by": known_by} if known_by else {}
    return {"trade": load.trade(**kw), "events": load.events(**kw), "troops": load.troop_reports(**kw),
            "missiles": load.missile_launches(**kw), "transfers": load.transfers(**kw),
            "signals": load.china_signals(**kw), "trade_monthly": load.trade_monthly(**kw),
            "petroleum": load.refined_petroleum(**kw)}


def _when(known_by: dt.date | None) -> pd.Timestamp:
    return pd.Timestamp(known_by or load.as_of() or dt.date.today())


def judge(claim: Claim, rule: Rule, data: dict, when: pd.Timestamp) -> Verdict:
    verdict, evidence = rule.judge(data, when)
    return Verdict(claim.claim_id, verdict, evidence)


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
                         "agrees": v.verdict == main})
    return pd.DataFrame(rows)


def robust_claims(table: pd.DataFrame) -> list[str]:
    """Claims whose verdict is the same under every variant of their rule."""
    return [cid for cid, part in table.groupby("claim_id", sort=False) if part["agrees"].all()]


def tally(verdicts: dict[str, Verdict], kind: str) -> dict[str, int]:
    ids = [c.claim_id for c in CLAIMS if c.kind == kind]
    return {v: sum(verdicts[i].verdict == v for i in ids) for v in VERDICTS if any(verdicts[i].verdict == v for i in ids)}
