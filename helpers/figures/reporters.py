"""Who said it: the kind of body behind a troop or transfer figure (`reporter_kind`, rule in data/README.md),
as the colours, labels and legend handles every chart that groups figures by reporter uses."""
from __future__ import annotations

import matplotlib.pyplot as plt

from ..data.schemas import REPORTER_KINDS
from .style import OKABE_ITO

KIND_LABELS = {
    "government": "Government", "military": "Military / defence ministry", "intelligence": "Intelligence service",
    "multilateral": "Multilateral body", "party_to_war": "Party to the war",
    "research": "Research institute", "news": "News outlet", "company": "Company",
}
KIND_COLOURS = {
    "government": OKABE_ITO["blue"], "military": OKABE_ITO["green"], "intelligence": OKABE_ITO["purple"],
    "multilateral": OKABE_ITO["orange"], "party_to_war": OKABE_ITO["vermillion"], "research": OKABE_ITO["sky"],
    "news": OKABE_ITO["grey"], "company": OKABE_ITO["yellow"],
}
assert set(KIND_LABELS) == set(KIND_COLOURS) == set(REPORTER_KINDS)


def edge(kind: str) -> str:
    """Marker edge: yellow needs a darker outline to be seen on white."""
    return "#8a7f00" if KIND_COLOURS[kind] == OKABE_ITO["yellow"] else KIND_COLOURS[kind]


def kinds_in(*frames) -> list[str]:
    """The kinds present in the frames' `reporter_kind`, in the codebook's order."""
    found = set().union(*(set(f["reporter_kind"].astype(str)) for f in frames))
    return [k for k in REPORTER_KINDS if k in found]


def kind_handles(kinds, **style) -> list:
    """Legend entries, one per kind (a filled circle unless `style` says otherwise)."""
    style = {"marker": "o", "ls": "", **style}
    return [plt.Line2D([], [], color=KIND_COLOURS[k], mec=edge(k), label=KIND_LABELS[k], **style) for k in kinds]
