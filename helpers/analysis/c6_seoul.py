"""C6: South Korea weighs stronger security measures (premise): the rules that judge it."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from .engine import *  # noqa: F401,F403  (verdict names and the shared tools)
from .engine import _end, _fmt, _grade, _pair, _window  # noqa: F401


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

