"""Every number in a row appears in the source's own words kept beside it (`source_quote`), allowing the
conversions the codebook documents: thousands separators, decimal commas, words ("three-thousand",
"15-hundred", "one-point-five million", "half"), million/billion, Korean units (만, 억) and ranges.
Rows whose quote carries the number in a form these rules cannot read are listed with the reason."""
from __future__ import annotations

import re

import pytest

from conftest import read_csv

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "hundred": 100, "a": 1, "cien": 100, "dos": 2, "tres": 3}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "millionen": 1e6, "billion": 1e9, "millones": 1e6,
          "만": 1e4, "억": 1e8, "천": 1e3}
# Digits with separators: a comma or point only between digits, a space only before a group of three
# ("1 500"), so a list such as "31, 1999, 1.9" reads as three numbers.
NUMBER = r"\d(?:\d|[,.](?=\d)| (?=\d{3}\b))*"


def _to_float(text: str) -> list[float]:
    """Readings of a digit string: '1,500' -> 1500; '2,3' -> 2.3 (decimal comma); '1.500' -> 1500 or 1.5."""
    t = text.replace(" ", "")
    out = set()
    for thousands, decimal in ((",", "."), (".", ",")):
        try:
            out.add(float(t.replace(thousands, "").replace(decimal, ".")))
        except ValueError:
            pass
    return list(out)


CJK_UNITS = {"억": 1e8, "億": 1e8, "亿": 1e8, "만": 1e4, "万": 1e4, "천": 1e3, "千": 1e3, "백": 100, "百": 100}
CJK = r"[\d.,]*\d[\d.,\s억億亿만万천千백百]*[억億亿만万천千백百](?:\s*\d+)?"


def cjk_number(text: str) -> float:
    """Korean, Japanese and Chinese numbers: '11억 4천만' = 1,140,000,000; '3천96만' = 30,960,000."""
    total = section = 0.0
    for num, unit, plain in re.findall(r"(\d[\d.,]*)?\s*([억億亿만万천千백百])|(\d[\d.,]*)", text):
        if plain:
            section += float(plain.replace(",", ""))
            continue
        n = float(num.replace(",", "")) if num else None
        scale = CJK_UNITS[unit]
        if scale in (1e4, 1e8):  # 만/억 close a group: everything gathered so far is counted in them
            total += (section + (n or 0) or 1) * scale
            section = 0.0
        else:
            section += (n if n is not None else 1) * scale
    return total + section


def numbers_in(quote: str) -> set[float]:
    """Every number the quote states, in digits or words, with scale words applied."""
    q = quote.lower().replace("‑", "-")
    found: set[float] = set()
    for m in re.finditer(rf"({NUMBER})\s*-?\s*(hundred|thousand|millionen|millones|million|billion|만|억|천)?", q):
        for part in m[1].split(" ") if " " in m[1] else ():  # "1 500", or a table row "240 182 422"
            found.update(_to_float(part))
        for v in _to_float(m[1]):
            found.add(v)
            if m[2]:
                found.add(v * SCALES[m[2]])
    # Words: "three-thousand", "four-thousand-100", "one-point-five million", "some nine million", "half"
    for m in re.finditer(r"\b(\w+)(?:-point-((?:[a-z0-9]+-)*[a-z0-9]+))?[- ](hundred|thousand|millones|million|billion)(?:-(\d+))?", q):
        head = WORDS.get(m[1]) if not m[1].isdigit() else float(m[1])
        if head is None:
            continue
        digits = "".join(w if w.isdigit() else str(WORDS.get(w, 0)) for w in m[2].split("-")) if m[2] else "0"
        value = float(f"{head:g}.{digits}") * SCALES[m[3]] + (float(m[4]) if m[4] else 0)
        found.add(value)
    for word, v in WORDS.items():
        if re.search(rf"\b{word}\b", q) and word != "a":
            found.add(float(v))
    if "half" in q:
        found.add(50.0)
    for m in re.finditer(r"half an? (million|billion)", q):  # "half a million tons"
        found.add(0.5 * SCALES[m[1]])
    for m in re.finditer(r"(\d+) million (\d+) thousand", q):  # "$33 million 220 thousand"
        found.add(float(m[1]) * 1e6 + float(m[2]) * 1e3)
    for m in re.finditer(rf"({NUMBER})\s*(bn|млрд|миллиард|мільярд|млн|миллион|мільйон)", q):  # "$2.1bn", Russian, Ukrainian
        scale = 1e9 if m[2] in ("bn", "млрд", "миллиард", "мільярд") else 1e6
        found.update(v * scale for v in _to_float(m[1]))
    for m in re.finditer(rf"({NUMBER})\s*(?:miles|mi)\b", q):  # US outlets give JCS kilometres in miles
        for v in _to_float(m[1]):
            found.update({round(v * 1.609344, -1), round(v * 1.609344 / 50) * 50})
    if re.search(r"\b(zero|none|nothing|no|not|never)\b|전무|전혀|없", q):  # a zero stated in words (English, Korean)
        found.add(0.0)
    found |= {cjk_number(m) for m in re.findall(CJK, quote)}
    return found


def matches(value: float, found: set[float]) -> bool:
    return any(abs(value - f) <= 1e-6 * max(1.0, abs(value)) for f in found)


DATASETS = {  # dataset -> (id column, numeric columns, quote column)
    "troop_reports": ("report_id", ("value_low", "value_high"), "source_quote"),
    "transfers": ("transfer_id", ("value_low", "value_high"), "source_quote"),
    "trade_monthly": (None, ("value_usd_m",), "source_quote"),
    "refined_petroleum": (None, ("quantity",), "source_quote"),
    "trade": (None, ("value_usd_m", "share_pct"), "source_quote"),
    "aid": (None, ("value_usd_m", "quantity"), "source_quote"),
    "missile_launches": ("launch_id", ("distance_km", "apogee_km"), "check_source_quote"),
    "crude_oil": (None, ("quantity",), "source_quote"),
    "revenue_estimates": ("estimate_id", ("low_usd_m", "high_usd_m", "point_usd_m"), "source_quote"),
    "rok_nuclear_polls": ("poll_id", ("support_pct", "sample_size"), "source_quote"),
}
MILLIONS = ("trade_monthly", "trade", "revenue_estimates")  # columns in US$ m: '$5.5 billion' is 5,500
# Row units whose source tables count in another unit: (row unit, words in the quote naming the table's unit,
# factor from the row's unit to the table's). The Unification Ministry tables count KRW in hundreds of millions.
UNIT_READINGS = (("KRW billion", "hundreds of millions", 10.0),)
# Rows whose quote carries the number in a form the rules above cannot read (reason in words).
UNREADABLE = {
    "trade:2001 China total": "the page prints the share as '32. 6' with a stray space",
    "trade:2004 Japan total": "the page misprints the unit: '2억5천263억4천' for 2억5천263만4천",
    "trade:2014 South Korea total": "Arabic number words: 'مليارين و342 مليونا و640 ألف' is 2,342.64 million",
    "transfers:TF-024": "one verified case: the quote names the missile type, the count of one is implicit",
    "transfers:TF-040": "the quote carries only the upper bound of a $1.7–5.5 billion range (the notes give both)",
    "transfers:TF-042": "the quote (a headline) carries only the upper figure of a 600,000–700,000 t range",
    "transfers:TF-058": "a range written '4 to 6 million': the scale applies to both ends",
    "crude_oil:2022 CHN KOTRA (as reported by VOA via News1) 500000 tonnes": "'50여만톤' (some 500,000 tonnes): "
    "the Korean 'odd' suffix sits between the number and its unit",
    "refined_petroleum:2022 CHN China (report to 1718 Committee) 105321.69 barrels": "'10만5천321.69': a decimal "
    "after a Korean thousands group",
    "revenue_estimates:RE-015": "the low bound ('최소 360만 달러') is on the same page, outside the quoted sentence",
    "rok_nuclear_polls:RP-002": "a share spoken as words: '76-point-six percent'",
    "rok_nuclear_polls:RP-003": "a share spoken as words: '56-point-five percent'",
}


def _label(row: dict, line: int) -> str:
    """Rows without an id are named by what they count, so the list below survives removals elsewhere."""
    if "year" in row and "supplier" in row:
        return f"{row['year']} {row['supplier']} {row['reporter']} {row['quantity']} {row['unit']}"
    if "year" in row and ("partner" in row or "donor" in row):
        return " ".join(filter(None, (row["year"], row.get("partner") or row.get("donor"), row.get("flow"))))
    return str(line)


def mismatches(name: str) -> list[tuple[str, str]]:
    """(row key, message) for every row value its quote does not carry."""
    idcol, cols, quote_col = DATASETS[name]
    out = []
    for line, row in enumerate(read_csv(name), start=2):
        key = f"{name}:{row[idcol] if idcol else _label(row, line)}"
        quote = row.get(quote_col, "")
        found = numbers_in(quote)
        for col in cols:
            value = float(row[col]) if row[col] else None
            if value is None or not quote:
                continue
            millions = name in MILLIONS or row.get("unit") == "usd_m" or col == "value_usd_m"
            factors = [f for unit, words, f in UNIT_READINGS if row.get("unit") == unit and words in quote]
            if not (matches(value, found) or (millions and matches(value * 1e6, found))
                    or any(matches(value * f, found) for f in factors)):
                out.append((key, f"{key} {col}={row[col]} not in quote: {quote[:120]!r}"))
    return out


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_numbers_appear_in_their_quote(name):
    bad = [message for key, message in mismatches(name) if key not in UNREADABLE]
    assert not bad, f"{len(bad)} row value(s) not found in their quote:\n" + "\n".join(bad)


def test_unreadable_list_is_current():
    # An entry whose row now matches (or is gone) must leave the list, so the list never hides a new problem.
    flagged = {key for name in DATASETS for key, _ in mismatches(name)}
    assert set(UNREADABLE) <= flagged, sorted(set(UNREADABLE) - flagged)


def test_the_reader_reads_the_documented_forms():
    assert matches(1500, numbers_in("some 15-hundred special forces"))
    assert matches(4100, numbers_in("another four-thousand-100 have been injured"))
    assert matches(1.5e6, numbers_in("one-point-five million shells"))
    assert matches(1.66e6, numbers_in("came to one-point-66 million U.S. dollars"))
    assert matches(2.3e6, numbers_in("2,3 Millionen Artilleriegranaten"))
    assert matches(11000, numbers_in("1.1만 명"))
    assert matches(1.14e9, numbers_in("11억 4천만 달러"))
    assert matches(30.96e6, numbers_in("3천96만 달러"))
    assert matches(2.18039e9, numbers_in("およそ21億8039万ドル"))
    assert matches(2.73e9, numbers_in("达到27亿3000万美元"))
    assert matches(5.5e9, numbers_in("worth up to $5.5 billion"))
    assert not matches(12000, numbers_in("about 11,000 troops"))
    assert matches(1.9e6, numbers_in("as of July 31, 1999, 1.9 million metric tons"))
    assert matches(5e5, numbers_in("half a million tons of oil"))
    assert matches(2e6, numbers_in("supera los dos millones de rondas"))
    assert matches(33.22e6, numbers_in("$33 million 220 thousand in 2014"))
    assert matches(0, numbers_in("China did not grant aid to North Korea in 2017"))
    assert not matches(0, numbers_in("1,500 troops"))
    assert matches(400, numbers_in("flew about 248 miles before falling"))
    assert matches(2.1e9, numbers_in("to $2.1bn."))
    assert matches(6.5e6, numbers_in("близько 6,5 мільйона артилерійських снарядів"))
    assert matches(0, numbers_in("무역 실적이 전무한 것으로"))
    assert matches(24.0 * 10, numbers_in("(KRW hundreds of millions) ... ’97 240 240 240 182 422"))
