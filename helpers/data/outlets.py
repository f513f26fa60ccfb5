"""The register of outlets (data/outlets.csv): reduce a URL to its register key and look the outlet up.

The key is the URL's registrable domain, lower case: `https://m-en.yna.co.kr/view/...` and `www.yonhapnews.co.kr`
are `yna.co.kr` and `yonhapnews.co.kr`; `english.www.gov.cn` is `www.gov.cn` (gov.cn is a public suffix). Two-label
public suffixes (co.kr, go.kr, gov.cn, com.cn, co.jp, co.uk, ...) are honoured; a few hosts whose parent domain holds
unrelated outlets are kept whole (`web.archive.org`, `abcnews.go.com`); on GitHub the key is `github.com/owner/repo`;
a bare IP address is its own key. The validator checks every row's `source_kind` (and `check_source_kind`) against
the register's kind for its URL, and that every cited host is registered.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# Public suffixes of two labels found in the data's hosts, and hosting platforms (a new one is added here when a
# new host needs it).
TWO_LABEL_SUFFIXES = frozenset({
    "co.kr", "go.kr", "or.kr", "ac.kr", "ne.kr", "re.kr", "gov.cn", "com.cn", "org.cn", "net.cn", "co.jp", "or.jp",
    "ne.jp", "go.jp", "ac.jp", "co.uk", "org.uk", "gov.uk", "ac.uk", "co.za", "com.ua", "com.kp", "com.au",
    "com.pk", "com.tr", "com.do", "com.hk", "com.sg", "com.ph", "com.my", "com.tw", "org.tw", "co.in", "com.br",
    "co.nz", "com.fj", "com.vn", "co.id", "com.sa", "com.eg", "co.il", "com.ng", "co.th",
    "appspot.com", "blogspot.com", "github.io", "workers.dev",  # platforms: each subdomain is its own site
})
# Hosts kept whole: their parent domain hosts unrelated outlets or services.
WHOLE_HOSTS = ("abcnews.go.com", "voa.pangea-cms.com", "web.archive.org", "kls.law.columbia.edu")
# URL columns and the kind column each is checked against (None: the host must be registered, no kind to compare).
URL_COLUMNS = (("source_url", "source_kind"), ("check_source_url", "check_source_kind"), ("coord_source_url", None))


def key(url: str) -> str:
    """The register key of a URL (see the module text)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    if re.fullmatch(r"[0-9.]+", host):
        return host
    for whole in WHOLE_HOSTS:
        if host == whole or host.endswith("." + whole):
            return whole
    if host in ("github.com", "www.github.com"):
        owner_repo = [p for p in parts.path.split("/") if p][:2]
        return "/".join(["github.com", *owner_repo])
    labels = host.split(".")
    suffix = 2 if ".".join(labels[-2:]) in TWO_LABEL_SUFFIXES else 1
    return ".".join(labels[-(suffix + 1):])


class Register:
    """The register's rows by key; `lookup(url)` gives the outlet a URL belongs to, or None."""

    def __init__(self, rows: list[dict]):
        self.rows = {r["domain"]: r for r in rows}

    def lookup(self, url: str) -> dict | None:
        return self.rows.get(key(url))

    def names(self, domain: str) -> list[str]:
        """The outlet's name and other names (as notes and source names may mention it)."""
        row = self.rows[domain]
        return [row["outlet"], *[n.strip() for n in (row.get("other_names") or "").split(";") if n.strip()]]


def read(data_dir=None) -> Register:
    """The register in a data folder (default: the project's data/), validated like any dataset."""
    from . import paths
    from .schemas import OUTLETS
    from .validate import DataError, check_file

    rows, _, problems = check_file((data_dir or paths.data_dir()) / OUTLETS.file, OUTLETS)
    if problems:
        raise DataError(problems)
    return Register(rows)

