"""C7: Beijing is uneasy about the North Korea–Russia alignment (inference: the article's thesis), and C8: the
article's aside that Beijing's reactions were "varied".

C7 is judged on a bundle of indicators, each against a baseline, over the year after the treaty was signed
(19 June 2024; to the date judged or where the data end): Beijing's distancing or critical signals against
their 2018 – mid-2023 share; its senior contact with Pyongyang, weighted by rank, against the same span before
the treaty; whether it keeps the denuclearisation line as often as before; and what third parties report of its
private views. A channel that cannot vary (ministry answers on the alignment) is a variant, not the test."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from ..data.schemas import ALIGNMENT_TOPICS
from .engine import (BASELINE, TREATY_SIGNED, Finding, between, end_of, fmt, graded, row_refs, thin,
                     untestable, visit_weights, wilson)

COOL = ("distancing", "critical")
MIN_SIGNALS = 8  # fewer signals in a period than this give a share too uncertain to compare (see wilson)
MIN_ACCOUNTS = 2
TIMES_BASELINE = 2.0  # "at least twice the baseline share": the review's and the codebook's relative threshold
CUTS = (0.6, 0.25)  # share of computable indicators pointing to unease: most of them / at least one in four
TRUSTED = ("A", "B", "C")
LINE_CHANNELS = ("mfa_briefing", "mfa_statement", "un_statement", "senior_official")  # accounts from officials or services, named or not; analysts' inference (D) left out


def treaty_year(data: dict, when: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The window: from the treaty's signing to 12 months later, the date judged, or where the signals end."""
    end = min(end_of(data["signals"], "date", when), TREATY_SIGNED + pd.DateOffset(months=12) - pd.Timedelta(days=1))
    return TREATY_SIGNED, end


def before_treaty(when: pd.Timestamp) -> Finding | None:
    """The rules judge the year after the treaty: before it was signed they have nothing to judge."""
    if when < TREATY_SIGNED:
        return untestable(f"The treaty was signed on {fmt(TREATY_SIGNED)}, after the date judged ({fmt(when)}).")
    return None


def _signal_refs(df: pd.DataFrame) -> list[dict]:
    return row_refs(df.sort_values("date"), "china_signals", "signal_id", "date",
                    lambda r: f"{r['speaker']}: {r['topic']}, {r['stance']}")


def cool_share(sig: pd.DataFrame, start, end) -> tuple[int, int]:
    rows = between(sig, "date", start, end)
    return int(rows["stance"].isin(COOL).sum()), len(rows)


def share_text(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k} of {n} ({k / n:.0%}; 95 % interval {lo:.0%}–{hi:.0%})" if n else "none"


def _statements(data: dict, start, end):
    # Like with like: Beijing's signals on North Korea itself in both periods. Answers on the Russia–North Korea
    # alignment have no counterpart before mid-2023, so they are judged by their own variant, not mixed in here.
    sig = data["signals"][~data["signals"]["topic"].isin(ALIGNMENT_TOPICS)]
    kb, nb = cool_share(sig, *BASELINE)
    kw, nw = cool_share(sig, start, end)
    text = (f"statements on North Korea itself: distancing or critical {share_text(kw, nw)} from {fmt(start)} to "
            f"{fmt(end)}, against {share_text(kb, nb)} in 2018 – mid-2023")
    if nw < MIN_SIGNALS or nb < MIN_SIGNALS:
        return None, text + " (too few signals to compare)", (kb, nb, kw, nw)
    return kw >= 2 and kw / nw >= TIMES_BASELINE * kb / nb, text, (kb, nb, kw, nw)


def _contact(data: dict, start, end):
    v = data["visits"]
    v = v[v["pair"] == "CHN-PRK"]
    reach = end_of(data["visits"], "start_date", end)
    if reach < start + pd.DateOffset(months=3):
        return None, f"contact: the visits register ends {fmt(reach)}, under three months into the window", 0, 0
    span = reach - start
    w = visit_weights(v)
    after = float(w[(v["start_date"] >= start) & (v["start_date"] <= reach)].sum())
    before = float(w[(v["start_date"] < start) & (v["start_date"] >= start - span)].sum())
    text = (f"contact: rank-weighted China–North Korea visits {after:g} from {fmt(start)} to {fmt(reach)}, "
            f"against {before:g} in as many days before")
    return after < before, text, after, before


def _denuclearisation(data: dict, start, end):
    sig = data["signals"]
    # Like with like: the channels that speak in both periods (spokespeople, envoys, ministers), not summit readouts
    flagged = sig[sig["mentions_denuclearisation"].isin(["yes", "no"]) & sig["channel"].isin(LINE_CHANNELS)]
    b, w = between(flagged, "date", *BASELINE), between(flagged, "date", start, end)
    by, wy = int((b["mentions_denuclearisation"] == "yes").sum()), int((w["mentions_denuclearisation"] == "yes").sum())
    text = (f"denuclearisation line: endorsed in {wy} of {len(w)} readable ministry and envoy statements in the "
            f"window, against {by} of {len(b)} in 2018 – mid-2023")
    if len(w) < 3 or len(b) < 3:
        return None, text + " (too few to compare on the same channels)"
    return wy / len(w) >= by / len(b), text


def _accounts(data: dict, start, end):
    pv = data["private_views"]
    pv = pv[pv["reliability"].isin(TRUSTED) & pv["date_said"].notna()]
    pv = between(pv, "date_said", start, end)
    uneasy = int((pv["view"] == "uneasy").sum())
    comfy = int((pv["view"] == "comfortable").sum())
    voices = int(pv.loc[pv["view"].isin(["uneasy", "comfortable"]), "reporter"].nunique())
    text = (f"third parties: {uneasy} official account(s) of Chinese unease against {comfy} of comfort, dated in "
            f"the window, from {voices} different official(s)")
    if voices < MIN_ACCOUNTS:  # one official's repeated view is one account, however often he gives it
        return None, text + " (too few voices)", pv
    return uneasy > comfy, text, pv


def c7_bundle(data: dict, when: pd.Timestamp) -> Finding:
    if early := before_treaty(when):
        return early
    start, end = treaty_year(data, when)
    if end < start + pd.DateOffset(months=1):
        return thin(f"Less than a month of signals after the treaty (to {fmt(end)}).", end=end)
    s_point, s_text, _ = _statements(data, start, end)
    c_point, c_text, *_ = _contact(data, start, end)
    d_point, d_text = _denuclearisation(data, start, end)
    a_point, a_text, accounts = _accounts(data, start, end)
    points = [p for p in (s_point, c_point, d_point, a_point) if p is not None]
    evidence = "; ".join((s_text, c_text, d_text, a_text)) + "."
    rows = _signal_refs(between(data["signals"], "date", start, end))
    rows += row_refs(between(data["visits"][data["visits"]["pair"] == "CHN-PRK"], "start_date",
                             start - (end - start), end), "visits", "visit_id", "start_date",
                     lambda r: f"{r['visitor']} ({r['visitor_rank']})")
    rows += row_refs(accounts, "china_private_views", "view_id", "date_said",
                     lambda r: f"{r['reporter']} ({r['reliability']}): {r['view']}")
    if len(points) < 2:
        return thin(evidence + f" Only {len(points)} indicator(s) can be computed.", rows, end)
    evidence += f" {sum(points)} of the {len(points)} indicators that can be computed point to unease."
    return graded(sum(points) / len(points), CUTS, (0.0, 1.0), "share of indicators pointing to unease",
                  evidence, rows, end=end)


def c7_statements_vs_baseline(data: dict, when: pd.Timestamp) -> Finding:
    if early := before_treaty(when):
        return early
    start, end = treaty_year(data, when)
    point, text, (kb, nb, kw, nw) = _statements(data, start, end)
    rows = _signal_refs(between(data["signals"][~data["signals"]["topic"].isin(ALIGNMENT_TOPICS)], "date", start, end))
    if point is None:
        return thin(text + ".", rows, end)
    ratio = (kw / nw) / (kb / nb) if kb else (float(TIMES_BASELINE) * 2 if kw else 0.0)
    return graded(ratio, (TIMES_BASELINE, 1.5), (0.0, 5.0), "ratio of the window's share to the baseline share",
                  text + ".", rows, end=end)


def c7_contact(data: dict, when: pd.Timestamp) -> Finding:
    if early := before_treaty(when):
        return early
    start, end = treaty_year(data, when)
    point, text, after, before = _contact(data, start, end)
    if point is None or before == 0:
        return thin(text + (" (no contact before to compare)" if point is not None else "") + ".", end=end)
    return graded(after / before, (0.5, 1.0), (0.0, 3.0), "ratio of contact after the treaty to before",
                  text + ".", higher=False, end=end)


def c7_accounts(data: dict, when: pd.Timestamp) -> Finding:
    if early := before_treaty(when):
        return early
    start, end = treaty_year(data, when)
    point, text, pv = _accounts(data, start, end)
    refs = row_refs(pv, "china_private_views", "view_id", "date_said", lambda r: f"{r['reporter']}: {r['view']}")
    if point is None:
        return thin(text + ".", refs, end)
    judged = pv[pv["view"].isin(["uneasy", "comfortable", "mixed"])]
    share = float((judged["view"] == "uneasy").mean())
    return graded(share, (0.6, 0.4), (0.0, 1.0), "share of accounts reporting unease", text + ".", refs, end=end)


def c7_alignment_statements(uneasy: tuple[str, ...], label: str) -> Callable:
    """The old main rule, kept as a variant: share of Beijing's signals on the alignment itself since the treaty.
    It can hardly return Supported: ministry answers on a partner's treaty almost never distance or criticise."""
    def judge(data: dict, when: pd.Timestamp) -> Finding:
        if early := before_treaty(when):
            return early
        sig = data["signals"]
        end = end_of(sig, "date", when)
        sig = sig[sig["topic"].isin(ALIGNMENT_TOPICS) & (sig["date"] >= TREATY_SIGNED) & (sig["date"] <= end)]
        if len(sig) < 3:
            return thin(f"{len(sig)} Chinese signal(s) on the alignment from {fmt(TREATY_SIGNED)} to {fmt(end)}.",
                        _signal_refs(sig), end)
        counts = sig["stance"].value_counts()
        k = int(sig["stance"].isin(uneasy).sum())
        tally = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("supportive", "neutral", "distancing", "critical"))
        return graded(k / len(sig), (0.5, 0.2), (0.0, 1.0), f"share {label}",
                      f"{share_text(k, len(sig))} of Chinese signals on the Russia–North Korea alignment from "
                      f"{fmt(TREATY_SIGNED)} to {fmt(end)} were {label} ({tally}).", _signal_refs(sig), end=end)
    return judge


def c8_varied(data: dict, when: pd.Timestamp) -> Finding:
    """C8: Beijing's reactions to the alignment were varied. Indicator: the share of the most common stance among
    Beijing's signals on the alignment since mid-2023 (uniform answers give a share near 1)."""
    sig = data["signals"]
    end = end_of(sig, "date", when)
    sig = sig[sig["topic"].isin(ALIGNMENT_TOPICS) & (sig["date"] > BASELINE[1]) & (sig["date"] <= end)]
    if len(sig) < 5:
        return thin(f"{len(sig)} Chinese signal(s) on the alignment from mid-2023 to {fmt(end)}.", _signal_refs(sig), end)
    counts = sig["stance"].value_counts()
    top, n = str(counts.idxmax()), int(counts.max())
    tally = ", ".join(f"{int(counts.get(s, 0))} {s}" for s in ("supportive", "neutral", "distancing", "critical"))
    return graded(n / len(sig), (0.7, 0.85), (0.25, 1.0), "share of the most common stance",
                  f"{n} of {len(sig)} Chinese signals on the alignment from July 2023 to {fmt(end)} were {top} "
                  f"({tally}).", _signal_refs(sig), higher=False, end=end)
