"""The article's claims, each judged by explicit rules computed from the data.

Every claim is a *premise* (a fact the argument rests on) or an *inference* (the argument itself). Every claim
has a main rule and two to four reasonable variants; each rule can return every verdict, states in advance
what result would count against the claim, and ends its time windows where its data end (never at today's
date, so months with no data are not read as "nothing happened").

`evaluate(known_by)` judges the main rules with only the rows known on that date; `robustness(known_by)`
judges every variant, so a reader sees which verdicts hinge on a choice of rule.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..data import load
from ..data.schemas import ALIGNMENT_TOPICS
from ..data.series import monthly_totals, trade_figure, trade_series

# The article discusses the 31 October 2024 ICBM test as recent news; we date it to the next day.
ARTICLE_DATE = dt.date(2024, 11, 1)
TREATY_SIGNED = pd.Timestamp("2024-06-19")  # the date the alignment became a treaty (events data agree)
ICBM_TEST = pd.Timestamp("2024-10-31")
HIGH_LEVEL = ("summit", "visit")
SUPPORTED, PARTLY, NOT, UNTESTABLE = "Supported", "Partly supported", "Not supported", "Not yet testable"
VERDICTS = (SUPPORTED, PARTLY, NOT, UNTESTABLE)
KINDS = {"premise": "Premises: facts the argument rests on",
         "inference": "Inferences: the argument itself"}


@dataclass
class Verdict:
    claim_id: str
    verdict: str
    evidence: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str  # how the verdict is reached, in words a reader can check
    judge: Callable[[dict, pd.Timestamp], tuple[str, str]]  # (data, date judged) -> (verdict, evidence)


@dataclass(frozen=True)
class Claim:
    claim_id: str
    text: str  # the article's claim in our own words
    notebook: str
    kind: str  # premise | inference
    against: str  # what result would count against the claim, stated before the data
    rules: tuple[Rule, ...]  # rules[0] is the main rule; the others are the robustness variants

    @property
    def main(self) -> Rule:
        return self.rules[0]


# ---------------------------------------------------------------------------------------------------------
# Small tools shared by the rules


def _fmt(date) -> str:
    return pd.Timestamp(date).strftime("%-d %b %Y")


def _pair(events: pd.DataFrame, a: str, b: str) -> pd.Series:
    return events["actors"].str.split(";").apply(lambda c: a in c and b in c)


def _end(df: pd.DataFrame, column: str, when: pd.Timestamp) -> pd.Timestamp:
    """A window ends on the date judged or where the data end, whichever is earlier."""
    latest = df[column].max() if len(df) else pd.NaT
    return when if pd.isna(latest) else min(when, pd.Timestamp(latest))


def _window(df: pd.DataFrame, column: str, end: pd.Timestamp, months: int) -> pd.DataFrame:
    return df[(df[column] > end - pd.DateOffset(months=months)) & (df[column] <= end)]


def _grade(value: float, supported: float, partly: float) -> str:
    return SUPPORTED if value >= supported else PARTLY if value >= partly else NOT


# ---------------------------------------------------------------------------------------------------------
# C1: China, the benefactor (premise)


def _china_share(data: dict) -> pd.Series:
    share = trade_series(data["trade"], "kotra", "China", value="share_pct")
    return share[share.index >= 1992]


def c1_majority_since(by_year: int) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        since = _china_share(data)
        if since.empty:
            return UNTESTABLE, "No KOTRA China-share figures in the data."
        latest_year, latest = int(since.index.max()), float(since.iloc[-1])
        majority = since[since >= 50]
        first = int(majority.index.min()) if len(majority) else None
        held = first is not None and bool((since[since.index >= first] >= 50).all())
        evidence = f"China's share of North Korea's trade (KOTRA) was {latest:.1f}% in {latest_year}"
        if latest < 50:
            return NOT, evidence + ", under half."
        if held and first <= by_year:
            return SUPPORTED, evidence + f"; above half every year since {first}."
        return PARTLY, evidence + (f"; China became the majority partner only in {first}." if held else
                                   "; above half now, but not in every year since it first was.")
    return judge


def c1_latest_share(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    since = _china_share(data)
    if since.empty:
        return UNTESTABLE, "No KOTRA China-share figures in the data."
    latest = float(since.iloc[-1])
    return _grade(latest, 50, 33), f"China's share was {latest:.1f}% in {int(since.index.max())}."


# ---------------------------------------------------------------------------------------------------------
# C2: a Kim–Putin alliance (premise)


def _prk_rus(data: dict) -> pd.DataFrame:
    ev = data["events"]
    return ev[_pair(ev, "PRK", "RUS") & (ev["date"] >= "2023-01-01")]


def c2_treaty(require_in_force: bool) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        pr = _prk_rus(data)
        summits = pr[pr["event_type"].isin(HIGH_LEVEL)]
        signed = pr[pr["event_type"] == "treaty_signed"]
        in_force = pr[pr["event_type"] == "treaty_in_force"]
        evidence = f"{len(summits)} North Korea–Russia summits and high-level visits since 2023"
        if len(in_force):
            return SUPPORTED, evidence + (f"; mutual-defence treaty signed {_fmt(signed['date'].min())} and"
                                          if len(signed) else ";") + f" in force since {_fmt(in_force['date'].min())}."
        if len(signed):
            verdict = PARTLY if require_in_force else SUPPORTED
            return verdict, evidence + f"; mutual-defence treaty signed {_fmt(signed['date'].min())}, not yet in force."
        return (PARTLY if len(summits) else NOT), evidence + "; no treaty."
    return judge


def c2_summits(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    n = int(_prk_rus(data)["event_type"].isin(HIGH_LEVEL).sum())
    return _grade(n, 3, 1), f"{n} North Korea–Russia summits and high-level visits since 2023."


# ---------------------------------------------------------------------------------------------------------
# C3: troops for Russia (premise)

GOVERNMENTS = ("KOR", "USA", "UKR", "GBR", "JPN", "NATO", "MSMT")  # governments and their groups, not the parties


def _deployed(data: dict) -> pd.DataFrame:
    tr = data["troops"]
    return tr[tr["measure"].isin(["deployed", "additional_deployed"]) & (tr["value_high"] > 0)]


def _acknowledged_by(data: dict) -> pd.Series:
    tr = data["troops"]
    acks = tr[(tr["status"] == "acknowledgement") & tr["reporter_country"].isin(["RUS", "PRK"])]
    return acks.groupby("reporter_country", observed=True)["report_date"].min()


def c3_acknowledged(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    deployed, acks = _deployed(data), _acknowledged_by(data)
    top = deployed.loc[deployed["value_high"].idxmax()] if len(deployed) else None
    evidence = (f"Highest estimate of troops sent: {top['value_high']:,.0f} ({top['reporter']}, "
                f"{_fmt(top['report_date'])})" if top is not None else "No estimate of troops sent")
    if len(acks) == 2:
        return SUPPORTED, evidence + f"; acknowledged by Russia and North Korea (by {_fmt(acks.max())})."
    if top is not None:
        return PARTLY, evidence + "; not yet acknowledged by both Moscow and Pyongyang."
    return NOT, evidence + " and no acknowledgement."


def c3_governments(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    deployed = _deployed(data)
    n = int(deployed.loc[deployed["reporter_country"].isin(GOVERNMENTS), "reporter_country"].nunique())
    return _grade(n, 2, 1), f"{n} government(s) or intergovernmental groups gave an estimate of troops sent."


def c3_combat(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    tr = data["troops"]
    losses = tr[tr["measure"].isin(["killed", "wounded", "casualties", "captured"]) & (tr["value_high"] > 0)]
    if len(losses):
        return SUPPORTED, f"{len(losses)} reported figures of North Korean losses (first {_fmt(losses['report_date'].min())})."
    return (PARTLY if len(_deployed(data)) else NOT), "No reported losses yet" + (
        "; troops reported deployed." if len(_deployed(data)) else ".")


# ---------------------------------------------------------------------------------------------------------
# C4: the ICBM test signalled escalation (premise)


def _icbm_record(data: dict) -> tuple[float, float] | None:
    icbm = data["missiles"][data["missiles"]["missile_type"] == "ICBM"].dropna(subset=["apogee_km"])
    test = icbm[icbm["date"] == ICBM_TEST]
    if test.empty:
        return None
    return float(test["apogee_km"].max()), float(icbm[icbm["date"] < ICBM_TEST]["apogee_km"].max())


def _tempo(data: dict, when: pd.Timestamp, types: tuple[str, ...] | None = None) -> tuple[int, int, pd.Timestamp] | None:
    """Missiles launched in the 12 months before the test and in up to 12 months after it (to the data's end).
    None when less than 6 months after the test are covered: too soon to judge the tempo."""
    ml = data["missiles"]
    if types:
        ml = ml[ml["missile_type"].isin(types)]
    end = min(_end(data["missiles"], "date", when), ICBM_TEST + pd.DateOffset(months=12))
    if end < ICBM_TEST + pd.DateOffset(months=6):
        return None
    months = (end.year - ICBM_TEST.year) * 12 + end.month - ICBM_TEST.month
    before = ml[(ml["date"] < ICBM_TEST) & (ml["date"] >= ICBM_TEST - pd.DateOffset(months=months))]
    after = ml[(ml["date"] > ICBM_TEST) & (ml["date"] <= end)]
    return len(before), len(after), end


def c4_capability_and_tempo(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    rec = _icbm_record(data)
    if rec is None:
        return UNTESTABLE, "The 31 October 2024 launch is not in the data."
    apogee, before = rec
    record = apogee > before
    evidence = f"The 31 Oct 2024 ICBM reached {apogee:,.0f} km against a previous record of {before:,.0f} km"
    tempo = _tempo(data, when)
    if tempo is None:
        return (SUPPORTED if record else NOT), evidence + "; too soon after the test to judge the launch tempo."
    n_before, n_after, end = tempo
    kept_up = n_after >= n_before
    evidence += (f"; {n_after} missiles launched in the months to {_fmt(end)} after it, against {n_before} in as "
                 "many months before")
    return (SUPPORTED if record and kept_up else PARTLY if record or kept_up else NOT), evidence + "."


def c4_capability(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    rec = _icbm_record(data)
    if rec is None:
        return UNTESTABLE, "The 31 October 2024 launch is not in the data."
    apogee, before = rec
    return _grade(apogee / before, 1.0 + 1e-9, 0.9), f"Apogee {apogee:,.0f} km against a previous record of {before:,.0f} km."


def c4_tempo(types: tuple[str, ...] | None) -> Callable:
    label = "ICBMs" if types else "missiles"

    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        tempo = _tempo(data, when, types)
        if tempo is None:
            return UNTESTABLE, "Less than six months of data after the test."
        n_before, n_after, end = tempo
        verdict = SUPPORTED if n_after >= max(n_before, 1) else PARTLY if n_after >= n_before / 2 and n_after else NOT
        return verdict, f"{n_after} {label} after the test (to {_fmt(end)}), {n_before} in as many months before."
    return judge


# ---------------------------------------------------------------------------------------------------------
# C5: Beijing's influence is waning (inference)


def _russia_trade(data: dict) -> pd.Series:
    """Russia–North Korea trade per year, chosen by the collection's one rule (helpers.data.series.trade_figure)."""
    return trade_figure(data["trade"], "Russia")["value"]


def _trade_ratio(data: dict, with_arms: bool = False) -> tuple[int, float] | None:
    """China's trade over Russia's in the latest year both have a figure (each chosen by trade_figure)."""
    china, russia = trade_figure(data["trade"], "China")["value"], _russia_trade(data)
    if with_arms:  # estimated North Korean arms sales to Russia, per year the estimate covers (lowest figure)
        tf = data["transfers"]
        arms = tf[(tf["unit"] == "usd_m") & (tf["from"] == "PRK") & tf["period_start"].notna()
                  & (tf["period_start"].dt.year == tf["period_end"].dt.year)]
        extra = arms.groupby(arms["period_start"].dt.year)["value_low"].min()
        russia = russia.add(extra, fill_value=0)
    common = sorted(set(china.index) & set(russia.index))
    if not common:
        return None
    year = common[-1]
    return year, float(china[year] / russia[year])


def _monthly_change(data: dict, when: pd.Timestamp) -> tuple[float, int, pd.Timestamp] | None:
    """China–North Korea trade in the latest 12 months of monthly data against the 12 months before, over the
    calendar months reported in both windows (never interpolated). None with fewer than 3 such months."""
    month = monthly_totals(data["trade_monthly"])
    if month.empty:
        return None
    end = min(when, month.index.max().end_time.normalize())  # the window ends where the monthly data end
    last = end.to_period("M")
    recent = {m: v for m, v in month.items() if last - 11 <= m <= last}
    earlier = {m: month[m - 12] for m in recent if (m - 12) in month.index}
    both = [m for m in recent if m in earlier]
    if len(both) < 3:
        return None
    change = sum(recent[m] for m in both) / sum(earlier[m] for m in both) - 1
    return change, len(both), end


def _meetings(data: dict, when: pd.Timestamp) -> tuple[int, int, pd.Timestamp]:
    ev = data["events"]
    end = _end(ev, "date", when)
    recent = _window(ev[ev["event_type"].isin(HIGH_LEVEL)], "date", end, 12)
    return int(_pair(recent, "PRK", "CHN").sum()), int(_pair(recent, "PRK", "RUS").sum()), end


def _oil_shift(data: dict) -> tuple[int, float, float] | None:
    """The latest year with a refined-petroleum figure in barrels for both suppliers: the highest figure for
    Russia and for China that year (self-reports and others' estimates alike). A missing figure is not zero."""
    pet = data["petroleum"]
    pet = pet[pet["unit"] == "barrels"]
    both = pet.groupby("year")["supplier"].nunique()
    years = both[both == 2].index
    if not len(years):
        return None
    year = int(max(years))
    this = pet[pet["year"] == year].groupby("supplier", observed=True)["quantity"].max()
    return year, float(this["RUS"]), float(this["CHN"])


def c5_three_indicators(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """Trade, oil and attention: does each point to influence moving from Beijing to Moscow?"""
    signs, parts = [], []
    monthly = _monthly_change(data, when)
    if monthly:
        change, n, end = monthly
        signs.append(change <= -0.10)
        parts.append(f"trade: China–North Korea trade {'fell' if change < 0 else 'rose'} {abs(change):.0%} in the "
                     f"12 months to {_fmt(end)} against a year earlier ({n} months reported in both)")
    oil = _oil_shift(data)
    if oil:
        year, rus, chn = oil
        signs.append(rus > chn)
        parts.append(f"oil: in {year} the highest reported refined-petroleum figure is {rus:,.0f} barrels from "
                     f"Russia against {chn:,.0f} from China")
    chn, rus, end = _meetings(data, when)
    signs.append(rus > chn)
    parts.append(f"attention: {chn} high-level meeting(s) with China against {rus} with Russia in the 12 months "
                 f"to {_fmt(end)}")
    toward = sum(signs)
    evidence = "; ".join(parts) + f". {toward} of {len(signs)} indicators point to waning influence."
    if len(signs) < 2:
        return UNTESTABLE, evidence
    return (SUPPORTED if toward >= 2 else PARTLY if toward == 1 else NOT), evidence


def c5_trade_and_meetings(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    ratio = _trade_ratio(data)
    if ratio is None:
        return UNTESTABLE, "No year with both China and Russia trade figures."
    year, r = ratio
    chn, rus, end = _meetings(data, when)
    evidence = (f"China–North Korea trade {r:,.0f} times Russia's in {year}; {chn} meeting(s) with China, {rus} with "
                f"Russia in the 12 months to {_fmt(end)}.")
    return (SUPPORTED if r < 10 else PARTLY if rus > chn else NOT), evidence


def c5_summits_only(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    chn, rus, end = _meetings(data, when)
    verdict = SUPPORTED if rus > chn else PARTLY if rus == chn and rus else NOT
    return verdict, f"{chn} high-level meeting(s) with China, {rus} with Russia in the 12 months to {_fmt(end)}."


def c5_trade_only(with_arms: bool) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        ratio = _trade_ratio(data, with_arms)
        if ratio is None:
            return UNTESTABLE, "No year with both China and Russia trade figures."
        year, r = ratio
        what = "Russia's trade plus estimated arms sales" if with_arms else "Russia's"
        return (SUPPORTED if r < 10 else PARTLY if r < 20 else NOT), f"China's trade {r:,.1f} times {what} in {year}."
    return judge


# ---------------------------------------------------------------------------------------------------------
# C6: South Korea weighs stronger security measures (premise)


def c6_seoul_moves(months: int, types: tuple[str, ...], seoul_first: bool) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        ev = data["events"]
        codes = ev["actors"].str.split(";")
        # Seoul's own moves: the first actor code is the initiator; a US-led exercise is not Seoul's move.
        mine = codes.str[0].eq("KOR") if seoul_first else codes.apply(lambda c: "KOR" in c and c[0] != "PRK")
        end = _end(ev, "date", when)
        recent = _window(ev[mine & ev["event_type"].isin(types)], "date", end, months)
        evidence = f"{len(recent)} South Korean move(s) in the {months} months to {_fmt(end)}"
        if len(recent):
            last = recent.sort_values("date").iloc[-1]
            evidence += f"; latest: {last['title']} ({_fmt(last['date'])})"
        return _grade(len(recent), 2, 1), evidence + "."
    return judge


# ---------------------------------------------------------------------------------------------------------
# C7: Beijing is uneasy about the alignment (inference: the article's thesis)


def _alignment_signals(data: dict, when: pd.Timestamp) -> tuple[pd.DataFrame, pd.Timestamp]:
    sig = data["signals"]
    end = _end(sig, "date", when)
    return sig[sig["topic"].isin(ALIGNMENT_TOPICS) & (sig["date"] >= TREATY_SIGNED) & (sig["date"] <= end)], end


def c7_stance_share(uneasy: tuple[str, ...], label: str) -> Callable:
    def judge(data: dict, when: pd.Timestamp) -> tuple[str, str]:
        sig, end = _alignment_signals(data, when)
        if len(sig) < 3:
            return UNTESTABLE, f"{len(sig)} Chinese signal(s) on the alignment from {_fmt(TREATY_SIGNED)} to {_fmt(end)}."
        counts = sig["stance"].value_counts()
        share = float(sig["stance"].isin(uneasy).mean())
        tally = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("supportive", "neutral", "distancing", "critical"))
        return (_grade(share, 0.5, 0.2),
                f"{share:.0%} of {len(sig)} Chinese signals on the Russia–North Korea alignment from "
                f"{_fmt(TREATY_SIGNED)} to {_fmt(end)} were {label} ({tally}).")
    return judge


def c7_cooling(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """All of China's signals on North Korea (any topic) in the year after the treaty: a cooling shows as
    distancing or critical words and acts, whatever their subject."""
    sig = data["signals"]
    end = min(_end(sig, "date", when), TREATY_SIGNED + pd.DateOffset(months=12))
    year = sig[(sig["date"] >= TREATY_SIGNED) & (sig["date"] <= end)]
    if len(year) < 3:
        return UNTESTABLE, f"{len(year)} Chinese signal(s) from {_fmt(TREATY_SIGNED)} to {_fmt(end)}."
    share = float(year["stance"].isin(("distancing", "critical")).mean())
    return _grade(share, 0.5, 0.2), (f"{share:.0%} of {len(year)} Chinese signals on North Korea (any topic) from "
                                     f"{_fmt(TREATY_SIGNED)} to {_fmt(end)} were distancing or critical.")


def c7_engagement(data: dict, when: pd.Timestamp) -> tuple[str, str]:
    """Behaviour: did Beijing's high-level contact with Pyongyang fall in the year after the treaty?"""
    ev = data["events"]
    meet = ev[ev["event_type"].isin(HIGH_LEVEL) & _pair(ev, "PRK", "CHN")]
    end = min(_end(ev, "date", when), TREATY_SIGNED + pd.DateOffset(months=12))
    if end < TREATY_SIGNED + pd.DateOffset(months=3):
        return UNTESTABLE, "Less than three months of events after the treaty."
    span = (end - TREATY_SIGNED).days
    before = int(((meet["date"] < TREATY_SIGNED) & (meet["date"] >= TREATY_SIGNED - pd.Timedelta(days=span))).sum())
    after = int(((meet["date"] >= TREATY_SIGNED) & (meet["date"] <= end)).sum())
    verdict = SUPPORTED if after < before else PARTLY if after == before else NOT
    return verdict, (f"{after} China–North Korea high-level meeting(s) in the {span} days after the treaty "
                     f"(to {_fmt(end)}) against {before} in as many days before.")


# ---------------------------------------------------------------------------------------------------------
# The ledger

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
