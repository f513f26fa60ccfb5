"""The article's claims, each with evidence and a verdict computed from the data.

`evaluate(known_by)` judges every claim with only the rows known on that date, so the ledger can show the
verdict as the article's authors could have reached it (ARTICLE_DATE) beside the verdict today. The
rules are explicit and deliberately simple, so a reader can check them and new data can change them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from . import load
from .series import trade_series

# The article discusses the 31 October 2024 ICBM test as recent news; we date it to the next day.
ARTICLE_DATE = dt.date(2024, 11, 1)
HIGH_LEVEL = ("summit", "visit")
VERDICTS = ("Supported", "Partly supported", "Not supported", "Not yet testable")


@dataclass
class Verdict:
    claim_id: str
    verdict: str
    evidence: str


@dataclass(frozen=True)
class Claim:
    claim_id: str
    text: str  # the article's claim in our own words
    notebook: str


CLAIMS = (
    Claim("C1", "Since the Soviet Union collapsed, China has been North Korea's main benefactor.", "01-benefactor"),
    Claim("C2", "Kim Jong Un and Vladimir Putin are forging an alliance.", "05-network"),
    Claim("C3", "North Korea is sending troops to help Russia fight Ukraine.", "03-troops"),
    Claim("C4", "North Korea's ICBM test signalled an escalation.", "02-missiles"),
    Claim("C5", "Beijing's influence over Pyongyang is waning as Pyongyang turns to Moscow.", "07-since-the-article"),
    Claim("C6", "South Korea is weighing stronger security measures.", "06-neighbours"),
)


def _pair(events: pd.DataFrame, a: str, b: str) -> pd.Series:
    codes = events["actors"].str.split(";")
    return codes.apply(lambda c: a in c and b in c)


def _fmt(date) -> str:
    return pd.Timestamp(date).strftime("%-d %b %Y")


def _window_end(events: pd.DataFrame, known_by: dt.date) -> pd.Timestamp:
    # Windows end at the latest event the timeline holds, so a quiet stretch after it is not read as silence.
    return min(pd.Timestamp(known_by), events["date"].max())


def c1_benefactor(data: dict) -> Verdict:
    share = trade_series(data["trade"], "kotra", "China", value="share_pct")
    since = share[share.index >= 1992]
    if since.empty:
        return Verdict("C1", "Not yet testable", "No KOTRA China-share figures in the data.")
    majority = since[since >= 50]
    latest_year = int(since.index.max())
    first_majority = int(majority.index.min()) if len(majority) else None
    evidence = (f"China's share of North Korea's trade (KOTRA) was {since.iloc[-1]:.1f}% in {latest_year}"
                + (f"; above half every year since {first_majority}" if first_majority and
                   (since[since.index >= first_majority] >= 50).all() else "") + ".")
    if since.iloc[-1] >= 50 and first_majority is not None:
        verdict = "Supported"
        if first_majority > 1995:
            verdict = "Partly supported"
            evidence += (f" China became the majority partner only in {first_majority}, not at once after "
                         "the Soviet collapse.")
        return Verdict("C1", verdict, evidence)
    return Verdict("C1", "Not supported", evidence)


def c2_alliance(data: dict) -> Verdict:
    ev = data["events"]
    pr = ev[_pair(ev, "PRK", "RUS")]
    since = pr[pr["date"] >= "2023-01-01"]
    summits = since[since["event_type"].isin(HIGH_LEVEL)]
    signed = since[since["event_type"] == "treaty_signed"]
    in_force = since[since["event_type"] == "treaty_in_force"]
    evidence = f"{len(summits)} North Korea–Russia summits and high-level visits since 2023"
    if len(in_force):
        return Verdict("C2", "Supported", evidence + f"; mutual-defence treaty signed {_fmt(signed['date'].min())}"
                       f" and in force since {_fmt(in_force['date'].min())}." if len(signed) else evidence + ".")
    if len(signed):
        return Verdict("C2", "Supported", evidence + f"; mutual-defence treaty signed {_fmt(signed['date'].min())},"
                       " not yet in force.")
    return Verdict("C2", "Partly supported" if len(summits) else "Not supported", evidence + "; no treaty.")


def c3_troops(data: dict) -> Verdict:
    tr = data["troops"]
    deployed = tr[tr["measure"].isin(["deployed", "additional_deployed"])].dropna(subset=["value_high"])
    acks = tr[tr["status"] == "acknowledgement"]
    ack_parties = sorted(set(acks["reporter_country"].dropna()) & {"RUS", "PRK"})
    if deployed.empty and acks.empty:
        return Verdict("C3", "Not yet testable", "No troop reports in the data.")
    top = deployed.loc[deployed["value_high"].idxmax()] if len(deployed) else None
    evidence = (f"Highest estimate of troops sent: {top['value_high']:,.0f} ({top['reporter']}, "
                f"{_fmt(top['report_date'])})" if top is not None else "No numeric estimate")
    if {"RUS", "PRK"} <= set(ack_parties):
        first_by_party = acks[acks["reporter_country"].isin(["RUS", "PRK"])].groupby("reporter_country")["report_date"].min()
        when = _fmt(first_by_party.max())
        return Verdict("C3", "Supported", evidence + f"; acknowledged by Russia and North Korea (by {when}).")
    return Verdict("C3", "Supported" if top is not None else "Partly supported",
                   evidence + "; not yet acknowledged by Moscow or Pyongyang (intelligence estimates only).")


def c4_icbm(data: dict) -> Verdict:
    ml = data["missiles"]
    icbm = ml[(ml["missile_type"] == "ICBM")].dropna(subset=["apogee_km"])
    test = icbm[icbm["date"] == "2024-10-31"]
    if test.empty:
        return Verdict("C4", "Not yet testable", "The 31 October 2024 launch is not in the data.")
    before = icbm[icbm["date"] < "2024-10-31"]["apogee_km"].max()
    apogee = float(test["apogee_km"].iloc[0])
    per_year = ml.groupby(ml["date"].dt.year).size()
    evidence = (f"The 31 Oct 2024 ICBM reached {apogee:,.0f} km, above the previous record of {before:,.0f} km; "
                f"{int(per_year.get(2024, 0))} missiles were launched in 2024 against {int(per_year.get(2022, 0))}"
                " in 2022.")
    return Verdict("C4", "Supported" if apogee > before else "Partly supported", evidence)


def c5_influence(data: dict, known_by: dt.date) -> Verdict:
    china = trade_series(data["trade"], "china_customs", "China")
    russia = pd.concat([trade_series(data["trade"], s, "Russia") for s in ("russia_customs", "kotra", "other")])
    russia = russia.groupby(level=0).first()
    common = sorted(set(china.index) & set(russia.index))
    ev = data["events"]
    end = _window_end(ev, known_by)
    recent = ev[(ev["date"] > end - pd.DateOffset(years=1)) & (ev["date"] <= end) & ev["event_type"].isin(HIGH_LEVEL)]
    n_chn, n_rus = int(_pair(recent, "PRK", "CHN").sum()), int(_pair(recent, "PRK", "RUS").sum())
    if not common:
        return Verdict("C5", "Not yet testable", "No year with both China and Russia trade figures.")
    year = common[-1]
    ratio = china[year] / russia[year]
    latest = int(china.index.max())
    evidence = (f"China–North Korea trade was {ratio:,.0f} times Russia–North Korea trade in {year} "
                f"(China: ${china[latest]:,.0f} m in {latest}); in the 12 months to {_fmt(end)}, "
                f"{n_chn} high-level China–North Korea meeting(s) against {n_rus} with Russia.")
    if ratio < 10:
        return Verdict("C5", "Supported", evidence)
    if n_rus > n_chn:
        return Verdict("C5", "Partly supported", evidence + " Political attention shifted towards Moscow; "
                       "economic dependence on China did not.")
    return Verdict("C5", "Not supported", evidence)


def c6_south_korea(data: dict, known_by: dt.date) -> Verdict:
    ev = data["events"]
    codes = ev["actors"].str.split(";")
    # South Korean moves: measures and exercises with Seoul among the actors, not initiated by Pyongyang
    # (the first actor code is the initiator), plus statements Seoul itself made.
    kor = ev[codes.apply(lambda c: "KOR" in c and c[0] != "PRK")
             & (ev["event_type"].isin(["security_measure", "military_exercise"])
                | ((ev["event_type"] == "statement") & codes.str[0].eq("KOR")))]
    end = _window_end(ev, known_by)
    recent = kor[(kor["date"] > end - pd.DateOffset(years=2)) & (kor["date"] <= end)]
    evidence = f"{len(recent)} South Korean security measure(s), exercise(s) or statement(s) in the two years to {_fmt(end)}"
    if len(recent):
        last = recent.sort_values("date").iloc[-1]
        return Verdict("C6", "Supported", evidence + f"; latest: {last['title']} ({_fmt(last['date'])}).")
    return Verdict("C6", "Not supported", evidence + ".")


def evaluate(known_by: dt.date | None = None) -> dict[str, Verdict]:
    """Judge every claim on the data known by `known_by` (default: everything this build may use)."""
    when = known_by or load.as_of() or dt.date.today()
    kw = {"known_by": known_by} if known_by else {}
    data = {"trade": load.trade(**kw), "events": load.events(**kw), "troops": load.troop_reports(**kw),
            "missiles": load.missile_launches(**kw)}
    from .meta import data_cutoff

    when = min(when, data_cutoff())
    return {v.claim_id: v for v in (c1_benefactor(data), c2_alliance(data), c3_troops(data), c4_icbm(data),
                                    c5_influence(data, when), c6_south_korea(data, when))}
