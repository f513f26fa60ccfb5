"""C3: North Korea is sending troops to help Russia fight Ukraine (premise)."""
from __future__ import annotations

import pandas as pd

from .engine import Finding, figure_label, fmt, graded, row_refs

GOVERNMENTS = ("KOR", "USA", "UKR", "GBR", "JPN", "NATO", "MSMT")  # governments and their groups, not the parties


def _deployed(data: dict) -> pd.DataFrame:
    tr = data["troops"]
    return tr[tr["measure"].isin(["deployed", "additional_deployed"]) & (tr["value_high"] > 0)]


def _refs(df: pd.DataFrame) -> list[dict]:
    return row_refs(df.sort_values("report_date"), "troop_reports", "report_id", "report_date",
                    figure_label)


def c3_acknowledged(data: dict, when: pd.Timestamp) -> Finding:
    """Indicator: 0 nothing, 1 estimates only, 2 estimates and one party's acknowledgement, 3 both parties'."""
    tr, deployed = data["troops"], _deployed(data)
    acks = tr[(tr["status"] == "acknowledgement") & tr["reporter_country"].isin(["RUS", "PRK"])]
    firsts = acks.groupby("reporter_country", observed=True)["report_date"].min()
    top = deployed.loc[deployed["value_high"].idxmax()] if len(deployed) else None
    evidence = (f"Highest estimate of troops sent: {top['value_high']:,.0f} ({top['reporter']}, "
                f"{fmt(top['report_date'])})" if top is not None else "No estimate of troops sent")
    level = (1 if top is not None else 0) + len(firsts)
    evidence += (f"; acknowledged by Russia and North Korea (by {fmt(firsts.max())})." if len(firsts) == 2 else
                 "; acknowledged by one of Moscow and Pyongyang." if len(firsts) == 1 else
                 "; not acknowledged by Moscow or Pyongyang.")
    refs = _refs(pd.concat([deployed.nlargest(1, "value_high"), acks]))
    return graded(level, (3, 1), (0, 3), "evidence level (estimates, then each party's acknowledgement)",
                  evidence, refs)


def c3_governments(data: dict, when: pd.Timestamp) -> Finding:
    deployed = _deployed(data)
    govs = deployed[deployed["reporter_country"].isin(GOVERNMENTS)]
    n = int(govs["reporter_country"].nunique())
    return graded(n, (2, 1), (0, len(GOVERNMENTS)), "number of governments estimating",
                  f"{n} government(s) or intergovernmental groups gave an estimate of troops sent.",
                  _refs(govs.drop_duplicates("reporter_country")))


def c3_combat(data: dict, when: pd.Timestamp) -> Finding:
    tr = data["troops"]
    losses = tr[tr["measure"].isin(["killed", "wounded", "casualties", "captured"]) & (tr["value_high"] > 0)]
    level = 2 if len(losses) else 1 if len(_deployed(data)) else 0
    evidence = (f"{len(losses)} reported figures of North Korean losses (first {fmt(losses['report_date'].min())})."
                if len(losses) else "No reported losses yet" + ("; troops reported deployed." if level else "."))
    return graded(level, (2, 1), (0, 2), "evidence level (deployment, then losses)", evidence,
                  _refs(losses.head(5)))
