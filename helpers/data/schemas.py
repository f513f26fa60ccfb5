"""The single source of truth for every dataset: columns, types, allowed values, ranges, descriptions.

The validator, the loaders, the importer and the generated codebook (data/CODEBOOK.md) all read these
definitions, so a column is described and checked in exactly one place.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ISO3_PATTERN = r"^[A-Z]{3}(;[A-Z]{3})*$"
REPORTER_PATTERN = r"^([A-Z]{3}|NATO|UNO|MSMT)$"
# Who made a figure, kept apart from its country (data/README.md, "Who said it"): a think tank or a newspaper is
# not its country's government. Bodies of the three states at war (Ukraine, Russia, North Korea) are party_to_war.
REPORTER_KINDS = ("government", "military", "intelligence", "multilateral", "party_to_war", "research", "news",
                  "company")


def _reporter_kind_column() -> Column:
    return Column("reporter_kind", "category", "What kind of body made the figure (rule in the codebook): "
                  "government, military, intelligence service, multilateral body, party to the war (any body of "
                  "Ukraine, Russia or North Korea), research institute, news outlet, or company.", required=True,
                  allowed=REPORTER_KINDS)


PARTIES_TO_WAR = ("UKR", "RUS", "PRK")
PRECISIONS = ("day", "month", "year")
REPORT_PRECISIONS = PRECISIONS + ("unknown",)


def _report_precision_column(undated: bool) -> Column:
    """How exact the report date is; `undated` datasets also allow `unknown` (the page shows no date)."""
    unknown = ("; unknown (the page shows no date, `report_date` is empty and the row is left out of as-of builds)"
               if undated else "")
    return Column("report_date_precision", "category", "How exact `report_date` is: day; month or year (the date is "
                  f"the first day of that month or year){unknown}.", required=True,
                  allowed=REPORT_PRECISIONS if undated else PRECISIONS)


def _who_said_it_rules(statuses_for_parties: tuple[str, ...]) -> tuple[Rule, ...]:
    """The reporter-kind rules of troop reports and transfers (data/README.md, "Who said it")."""
    return (
        Rule("reporter_kind", ("party_to_war",), "reporter_country", PARTIES_TO_WAR,
             why="party_to_war is only for bodies of Ukraine, Russia or North Korea"),
        Rule("reporter_country", PARTIES_TO_WAR, "reporter_kind", ("party_to_war", "company"),
             why="a body of Ukraine, Russia or North Korea is a party to the war (a company speaks for itself)"),
        Rule("status", statuses_for_parties, "reporter_kind", ("party_to_war",),
             why="`claim` is reserved for an unverifiable statement by a party to the war"),
        Rule("report_date_precision", ("unknown",), "report_date", ("",),
             why="a row whose page shows no date has no report date"),
    )


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text | int | float | date | category | url | time
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Rule:
    """A coding rule between columns, checked on every row: where `if_column` holds one of `if_values`, `column`
    must hold one of `values`, or (for text) contain a match of `pattern` and no match of `not_pattern`
    (case-insensitive). "X only for Y" and "X must be V when Y" are both written this way. `why` is the rule in
    words, printed with any breach. With a `marker` (a column name), a row may differ if its notes say why:
    `[marker: reason]` (see MARKER)."""
    if_column: str
    if_values: tuple[str, ...]
    column: str
    values: tuple[str, ...] = ()
    pattern: str | None = None
    not_pattern: str | None = None
    why: str = ""
    marker: str = ""
    says: str = ""  # what `pattern` / `not_pattern` ask, in words (for messages)

    def expected(self) -> str:
        """What the rule asks of `column`, in words."""
        parts = ["one of " + ", ".join(v or "(empty)" for v in self.values)] if self.values else []
        if self.says:
            parts.append(self.says)
        else:
            parts += [f"text matching {self.pattern}"] if self.pattern else []
            parts += [f"no text matching {self.not_pattern}"] if self.not_pattern else []
        return " and ".join(parts)

    def words(self) -> str:
        """The rule as the codebook prints it."""
        when = " or ".join(f"`{v}`" for v in self.if_values)
        then = []
        if self.values:
            then.append("is " + " or ".join(f"`{v}`" for v in self.values))
        if self.pattern:
            then.append(f"matches `{self.pattern}`")
        if self.not_pattern:
            then.append(f"does not match `{self.not_pattern}`")
        unless = f" (unless `notes` says why with `[{self.marker}: reason]`)" if self.marker else ""
        return f"Where `{self.if_column}` is {when}, `{self.column}` {' and '.join(then)}{unless}: {self.why}."


# A row that differs from a rule or from the register of outlets on purpose says why in its notes:
# `[source_kind: the page is GlobalSecurity's own reference text]`. One marker per column, the reason in words.
MARKER = r"\[(\w+): ([^\]]{10,})\]"


@dataclass(frozen=True)
class Dataset:
    name: str
    row: str  # what one row is
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # a row is a duplicate when these repeat
    # When a row became known (as-of builds, the ledger's "known on" verdicts): see load.known_on.
    known_date: str  # the date the row is about (a launch, a report, a year): the earliest it can be known
    known_sources: tuple[str, ...] = ("source_date",)  # publication dates: known once the earliest was published
    publication_lag_days: int = 0  # added to the end of the period when no later source date is filled
    ranges: tuple[tuple[str, str], ...] = ()  # (low, high) pairs that must satisfy low <= high
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one column of each group must be filled
    # (column, condition column, values): the column is required on rows whose condition column has one of the values
    required_if: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    rules: tuple[Rule, ...] = ()  # coding rules between columns (see Rule)
    # The column that says how exact `known_date` is (day, month, year), where the dataset has one: a row known
    # only to a month or year is dated to the first day of that period, and the known-on rule reads this column.
    known_precision: str = ""  # (a value `unknown`, or an empty cell, leaves the date as written)
    coverage: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def sourced(self) -> bool:
        """False only for the curators' own records (the search log), which cite no page."""
        return "source_url" in self.column_names


SOURCE_KINDS = ("official", "multilateral", "news", "research", "archive", "mirror", "encyclopedia")
QUOTE_PATTERN = r"^[^\n]{1,300}$"  # one line of at most 300 characters

# China's customs (GAC) publish country-by-country trade for a month about three weeks after the month ends
# (around the 18th to 20th of the next month). A monthly figure whose source date we do not hold counts as
# known this many days after its period ends (helpers/data/load.py, known_on).
CUSTOMS_PUBLICATION_LAG_DAYS = 20


KIND_DESCRIPTION = ("What kind of source it is: a government's own document or statement, a multilateral body, a "
                    "news agency or outlet, a research institute, an archive copy, a mirror or aggregator, an "
                    "encyclopedia.")


def _source_columns(kind_description: str = KIND_DESCRIPTION) -> tuple[Column, ...]:
    return (
        Column("source_name", "text", "Publisher and title of the source the row was read in.", required=True),
        Column("source_url", "url", "Address of that source (http or https).", required=True),
        Column("source_date", "date", "Publication date of the source, where known."),
        Column("source_kind", "category", kind_description, required=True, allowed=SOURCE_KINDS),
        Column("notes", "text", "Coding reason and caveats in the curators' own words."),
    )


def _quoted_source_columns() -> tuple[Column, ...]:
    """Source columns with the supporting words of each source (every row outside the CNS import)."""
    return (
        Column("source_quote", "text", "The cited page's own words (verbatim, at most 300 characters) that carry "
               "the row's number, date or claim.", required=True, pattern=QUOTE_PATTERN),
    ) + _source_columns()


MISSILE_TYPES = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "HGV", "unknown")

MISSILE_LAUNCHES = Dataset(
    name="missile_launches",
    row="One missile launched (CNS convention: a salvo of three missiles is three rows).",
    coverage="North Korean ballistic missiles and space launch vehicles, April 1984 onward. "
    "CNS scope: able to carry at least 500 kg at least 300 km; cruise missiles and most rocket artillery excluded.",
    key=("launch_id",),
    known_date="date",
    # A launch is known once any source we hold on it was out: the database (CNS or its extension, whose source
    # date is when the compilation was read) or the news report that confirms it.
    known_sources=("source_date", "check_source_date"),
    columns=(
        Column("launch_id", "text", "Stable id: Korea local date as YYYYMMDD, a dash, order within the day.",
               required=True, pattern=r"^\d{8}-\d+$"),
        Column("cns_id", "int", "Row number (F1) in the CNS/NTI database export; empty for later rows.", minimum=1),
        Column("date", "date", "Launch date, Korea local time (KST = UTC+9).", required=True),
        Column("date_precision", "category", "How exact the date is.", required=True,
               allowed=("day", "month", "year")),
        Column("time_utc", "time", "Launch time in UTC as HH:MM, where reported."),
        Column("missile_name", "text", "Missile or launcher name as given by the source.", required=True),
        Column("missile_type", "category", "Class of missile (CNS classes; HGV = hypersonic glide vehicle).",
               required=True, allowed=MISSILE_TYPES),
        Column("launch_site", "text", "Launch facility or area.", required=True),
        Column("lat", "float", "Latitude of the launch site (degrees).", minimum=33, maximum=43.5),
        Column("lon", "float", "Longitude of the launch site (degrees).", minimum=124, maximum=131),
        Column("landing_location", "text", "Where the missile came down, where reported."),
        Column("apogee_km", "float", "Highest altitude reached, km.", minimum=0, maximum=10000),
        Column("distance_km", "float", "Distance flown, km.", minimum=0, maximum=20000),
        Column("outcome", "category", "Result of the test.", required=True,
               allowed=("success", "failure", "unknown")),
        Column("confirmation", "category", "Whether the launch is confirmed.", required=True,
               allowed=("confirmed", "unconfirmed")),
        Column("data_origin", "category", "Where the row comes from: the CNS export, its open extension, "
               "or news reports.", required=True, allowed=("cns", "cns_extension", "news")),
        Column("check_source_name", "text", "News report that confirms a row added after April 2023 (required "
               "on rows not from the CNS export)."),
        Column("check_source_url", "url", "Address of that news report."),
        Column("check_source_date", "date", "Publication date of that news report."),
        Column("check_source_kind", "category", "Kind of that source (as `source_kind` elsewhere).",
               allowed=SOURCE_KINDS),
        Column("check_source_quote", "text", "The news report's own words (verbatim, at most 300 characters) that "
               "carry the launch date, count and, where the row has them, range and altitude.",
               pattern=QUOTE_PATTERN),
    ) + _source_columns("Kind of source the row was read in (the CNS/NTI database and its open extension are "
                        "research)."),
    required_if=tuple((c, "data_origin", ("cns_extension", "news")) for c in
                      ("check_source_name", "check_source_url", "check_source_kind", "check_source_quote")),
    known_precision="date_precision",
)

TROOP_MEASURES = ("deployed", "planned", "additional_deployed", "killed", "wounded", "casualties",
                  "captured", "engineers", "construction_workers", "deminers", "workers", "other")

TROOP_REPORTS = Dataset(
    name="troop_reports",
    row="One reported figure about North Korean personnel sent for Russia's war against Ukraine.",
    coverage="October 2024 onward.",
    key=("report_date", "reporter", "measure", "value_low", "value_high", "as_of", "source_url"),
    known_date="report_date",
    ranges=(("value_low", "value_high"),),
    columns=(
        Column("report_id", "text", "Stable id TR-NNN.", required=True, pattern=r"^TR-\d{3,}$"),
        Column("report_date", "date", "Date the figure was made public (the first day of the month or year where "
               "only that is known).", required=True),
        _report_precision_column(undated=False),
        Column("reporter", "text", "Who made the estimate or statement (e.g. South Korea NIS).", required=True),
        Column("reporter_country", "text", "ISO3 code of the reporter; NATO, UNO (UN) or MSMT (the "
               "11-nation Multilateral Sanctions Monitoring Team) for groups; empty for unattributed groups.",
               pattern=REPORTER_PATTERN),
        _reporter_kind_column(),
        Column("measure", "category", "What is counted.", required=True, allowed=TROOP_MEASURES),
        Column("value_low", "float", "Lower bound (equal to value_high for a point figure); empty when the "
               "source gives no number (e.g. an acknowledgement without a count).", minimum=0),
        Column("value_high", "float", "Upper bound; empty when the source gives no number.", minimum=0),
        Column("as_of", "date", "Date the figure refers to, where stated."),
        Column("location", "text", "Where the personnel are, as reported."),
        Column("status", "category", "Kind of figure.", required=True,
               allowed=("estimate", "official_statement", "acknowledgement", "claim")),
    ) + _quoted_source_columns(),
    known_precision="report_date_precision",
    rules=_who_said_it_rules(("claim",))[:3],
)

# Producers with a series of their own in trade.csv: notes of an `other` row that name one must say why.
SERIES_PRODUCERS = (r"\b(KOTRA|KITA|Bank of Korea|BOK|Chinese customs|China customs|GAC|Russian (Federal )?customs"
                    r"|Factbook|Comtrade)\b")

TRADE = Dataset(
    name="trade",
    row="One figure of North Korea's trade with one partner in one year, from one reporting series.",
    coverage="1990 to the latest published year.",
    key=("year", "reporter_series", "partner", "flow", "value_usd_m", "share_pct", "source_url"),
    known_date="year",
    one_of=(("value_usd_m", "share_pct"),),
    columns=(
        Column("year", "int", "Calendar year the figure refers to.", required=True, minimum=1946, maximum=2100),
        Column("reporter_series", "category", "Statistical series; series are never mixed in one row.",
               required=True, allowed=("china_customs", "kotra", "kita", "un_comtrade_mirror", "cia_factbook",
                                       "bank_of_korea", "russia_customs", "korea_unification_ministry",
                                       "other")),
        Column("partner", "category", "Trading partner (Russia includes the USSR before 1992).", required=True,
               allowed=("China", "Russia", "South Korea", "Japan", "World")),
        Column("flow", "category", "Direction, from the partner's side: exports_to_dprk = North Korea's "
               "imports from the partner.", required=True,
               allowed=("exports_to_dprk", "imports_from_dprk", "total")),
        Column("value_usd_m", "float", "Value in millions of current US dollars.", minimum=0, maximum=100000),
        Column("share_pct", "float", "Partner's share of North Korea's trade in that flow, as the source "
               "states it (percent).", minimum=0, maximum=100),
    ) + _quoted_source_columns(),
    rules=(Rule("reporter_series", ("other",), "notes", not_pattern=SERIES_PRODUCERS, marker="reporter_series",
                says="notes that credit no producer with a series of its own",
                why="`other` is for producers without a series of their own: a figure the page credits to KOTRA, "
                "KITA, the Bank of Korea, Chinese or Russian customs, the CIA Factbook or UN Comtrade is filed "
                "under that series"),),
)

AID = Dataset(
    name="aid",
    row="One figure of aid to North Korea from one donor (or all donors) in one year.",
    coverage="1990 onward.",
    key=("year", "donor", "channel", "kind", "quantity", "unit", "value_usd_m", "source_url", "notes"),
    known_date="year",
    one_of=(("quantity", "value_usd_m"),),
    columns=(
        Column("year", "int", "Year the aid refers to.", required=True, minimum=1946, maximum=2100),
        Column("donor", "text", "Donor (or an aggregate such as all donors).", required=True),
        Column("donor_country", "text", "ISO3 code of the donor; WLD for all donors; empty for multilateral.",
               pattern=r"^[A-Z]{3}$"),
        Column("channel", "category", "How the aid was given.", required=True,
               allowed=("bilateral", "wfp", "un_cerf", "un_appeal", "ngo", "other")),
        Column("kind", "category", "What was given.", required=True,
               allowed=("food", "humanitarian_funding", "fuel", "fertiliser", "economic_assistance",
                        "vaccines", "other")),
        Column("quantity", "float", "Amount in `unit`.", minimum=0),
        Column("unit", "text", "Unit of `quantity` (e.g. tonnes)."),
        Column("value_usd_m", "float", "Value in millions of US dollars.", minimum=0, maximum=100000),
    ) + _quoted_source_columns(),
)

TRANSFERS = Dataset(
    name="transfers",
    row="One reported estimate of a transfer of arms or resources between North Korea and Russia.",
    coverage="2023 onward.",
    key=("report_date", "reporter", "from", "to", "item_category", "value_low", "value_high", "unit",
         "source_url"),
    known_date="report_date",
    ranges=(("value_low", "value_high"), ("period_start", "period_end")),
    columns=(
        Column("transfer_id", "text", "Stable id TF-NNN.", required=True, pattern=r"^TF-\d{3,}$"),
        Column("report_date", "date", "Date the estimate was made public (the first day of the month or year where "
               "only that is known); empty only where the page shows no date (precision `unknown`)."),
        _report_precision_column(undated=True),
        Column("reporter", "text", "Who made the estimate or statement.", required=True),
        Column("reporter_country", "text", "ISO3 code of the reporter; NATO, UNO (UN) or MSMT for groups; "
               "empty for unattributed media.", pattern=REPORTER_PATTERN),
        _reporter_kind_column(),
        Column("from", "text", "ISO3 code of the sending country.", required=True, pattern=r"^[A-Z]{3}$"),
        Column("to", "text", "ISO3 code of the receiving country.", required=True, pattern=r"^[A-Z]{3}$"),
        Column("item_category", "category", "Kind of item.", required=True,
               allowed=("artillery_shells", "containers", "ballistic_missiles", "howitzers", "rocket_launchers",
                        "troops_equipment", "oil", "air_defence", "technology", "food", "cash", "other")),
        Column("item", "text", "The item in the curators' words.", required=True),
        Column("value_low", "float", "Lower bound of the quantity.", minimum=0),
        Column("value_high", "float", "Upper bound of the quantity.", minimum=0),
        Column("unit", "category", "Unit of the quantity.",
               allowed=("containers", "shells", "missiles", "units", "barrels", "tonnes", "usd_m",
                        "shipments", "other")),
        Column("period_start", "date", "Start of the period the estimate covers."),
        Column("period_end", "date", "End of that period."),
        Column("status", "category", "Kind of figure.", required=True,
               allowed=("estimate", "official_statement", "claim")),
    ) + _quoted_source_columns(),
    required_if=(("report_date", "report_date_precision", PRECISIONS),),
    known_precision="report_date_precision",
    rules=_who_said_it_rules(("claim",)),
)

# The controlled list of event types with their definitions (the codebook prints them; rows must fit them).
EVENT_TYPE_DEFINITIONS = {
    "summit": "leaders of two or more states meet",
    "visit": "an official below head of state or government visits another state",
    "treaty_signed": "a treaty or binding agreement is signed",
    "treaty_ratified": "a party ratifies a treaty (a parliament's vote, a head of state's signature or decree)",
    "treaty_in_force": "a treaty enters into force, or is extended for a further term",
    "treaty_termination_announced": "a party announces that it will end, not renew or withdraw from a treaty",
    "treaty_expired": "a treaty, agreement or mandate lapses or loses effect",
    "un_vote": "the UN Security Council or General Assembly votes (a resolution adopted or rejected)",
    "un_veto": "a permanent member vetoes a Security Council draft",
    "sanctions": "sanctions are imposed, tightened or eased by a state or the UN",
    "nuclear_test": "a nuclear test explosion",
    "missile_milestone": "a first or record missile or space launch",
    "troop_deployment": "troops are sent, arrive or go into combat abroad",
    "troop_acknowledgement": "a government admits a deployment it had not confirmed",
    "security_measure": "a state changes its defence posture, alliances or deployments",
    "military_exercise": "a military exercise is held or suspended",
    "statement": "a government or leader says something on the record (a speech, a statement, a disclosure)",
    "diplomatic_relations": "diplomatic relations are opened, broken or recognised",
    "trade_agreement": "a trade or economic agreement is concluded",
    "other": "anything else (an election, a death, a ceremony, a transport link)",
}
EVENT_TYPES = tuple(EVENT_TYPE_DEFINITIONS)
# What a title must say for the types whose definition is a word (so a termination is not coded as an expiry).
EVENT_TITLE_WORDS = {
    "treaty_signed": r"sign",
    "treaty_ratified": r"ratif|approves",
    "treaty_in_force": r"in(to)? force|renew|takes? effect",
    "treaty_termination_announced": r"announce|not renew|withdraw|scrap|terminat|denounc",
    "treaty_expired": r"expire|lapse|lost effect|loses effect",
    "un_veto": r"veto",
    "nuclear_test": r"nuclear test",
}

EVENTS = Dataset(
    name="events",
    row="One diplomatic or military event involving the triangle or its neighbours.",
    coverage="1948 onward.",
    key=("event_id",),
    known_date="date",
    ranges=(("date", "end_date"),),
    columns=(
        Column("event_id", "text", "Stable id EV-YYYY-slug.", required=True, pattern=r"^EV-\d{4}-[a-z0-9-]+$"),
        Column("date", "date", "Date of the event (its first day, for an event of several days).", required=True),
        Column("end_date", "date", "Last day of an event of several days, where the source gives it."),
        Column("date_precision", "category", "How exact the date is.", required=True,
               allowed=("day", "month", "year")),
        Column("event_type", "category", "Kind of event (definitions in the codebook).", required=True,
               allowed=EVENT_TYPES),
        Column("actors", "text", "ISO3 codes of the countries involved, separated by ';' (UNO = UN).",
               required=True, pattern=ISO3_PATTERN),
        Column("title", "text", "Short title.", required=True),
        Column("description", "text", "One or two sentences in the curators' own words.", required=True),
        Column("location", "text", "Where it happened."),
    ) + _quoted_source_columns(),
    known_precision="date_precision",
    rules=tuple(Rule("event_type", (kind,), "title", pattern=words, says=f"a title matching {words}",
                     why=f"{kind} means: {EVENT_TYPE_DEFINITIONS[kind]}")
                for kind, words in EVENT_TITLE_WORDS.items()),
)

SIGNAL_CHANNELS = ("mfa_briefing", "mfa_statement", "leader_readout", "leader_message", "senior_official", "un_statement",
                   "un_vote", "joint_statement", "state_media", "visit", "trade_measure", "border_measure",
                   "military", "other")
SIGNAL_TOPICS = ("troops_to_russia", "russia_dprk_treaty", "russia_dprk_ties", "missile_test", "nuclear_test",
                 "sanctions", "denuclearisation", "friendship_year", "high_level_visit", "bilateral_ties",
                 "border_trade", "tourism", "ukraine_war", "peninsula_security", "other")
# Topics about the Russia–North Korea alignment itself (the article's thesis is about these).
ALIGNMENT_TOPICS = ("troops_to_russia", "russia_dprk_treaty", "russia_dprk_ties")
STANCES = ("supportive", "neutral", "distancing", "critical")

CHINA_SIGNALS = Dataset(
    name="china_signals",
    row="One thing Beijing said or did about North Korea or the Russia–North Korea alignment: a ministry answer, "
        "a leader's readout or message, a UN vote or statement, a visit, a trade or border measure.",
    coverage="2017 onward.",
    key=("date", "speaker", "channel", "topic", "source_url"),
    known_date="date",
    columns=(
        Column("signal_id", "text", "Stable id CS-NNN.", required=True, pattern=r"^CS-\d{3,}$"),
        Column("date", "date", "Day China spoke or acted (briefing, meeting or vote date).", required=True),
        Column("date_precision", "category", "How exact the date is.", required=True, allowed=("day", "month")),
        Column("speaker", "text", "Who spoke or acted, with role (e.g. a ministry spokesperson by name).",
               required=True),
        Column("channel", "category", "How China said or did it.", required=True, allowed=SIGNAL_CHANNELS),
        Column("topic", "category", "What the signal is mainly about.", required=True, allowed=SIGNAL_TOPICS),
        Column("stance", "category", "China's stance toward Pyongyang's conduct (or the Russia–North Korea "
               "alignment, for alignment topics), coded by the written rule in the codebook.", required=True,
               allowed=STANCES),
        Column("mentions_denuclearisation", "category", "Whether a readout or statement touching the peninsula "
               "mentions denuclearisation; unknown when only an excerpt was read; not_applicable for votes, visits "
               "and measures.", required=True, allowed=("yes", "no", "unknown", "not_applicable")),
    ) + _quoted_source_columns(),
    known_precision="date_precision",
    rules=(Rule("channel", ("un_vote", "visit", "trade_measure", "border_measure"), "mentions_denuclearisation",
                ("not_applicable",), why="a vote, a visit or a measure is not a readout or statement, so the "
                "denuclearisation flag does not apply to it"),),
)

TRADE_MONTHLY = Dataset(
    name="trade_monthly",
    row="One figure of China–North Korea trade for one month (or a year-to-date period) from Chinese customs, "
        "as a press report gave it.",
    coverage="January 2019 onward; only the months a readable source reports (never interpolated).",
    key=("period_start", "period_end", "flow", "value_usd_m", "source_url"),
    known_date="period_end",
    publication_lag_days=CUSTOMS_PUBLICATION_LAG_DAYS,
    ranges=(("period_start", "period_end"),),
    columns=(
        Column("period_start", "date", "First day the figure covers.", required=True),
        Column("period_end", "date", "Last day the figure covers.", required=True),
        Column("period", "category", "Length of the period.", required=True, allowed=("month", "quarter", "ytd")),
        Column("flow", "category", "Direction, from China's side: exports_to_dprk = China's exports to North "
               "Korea.", required=True, allowed=("exports_to_dprk", "imports_from_dprk", "total")),
        Column("value_usd_m", "float", "Value in millions of current US dollars, as exact as the source.",
               required=True, minimum=0, maximum=10000),
        Column("reporter_series", "category", "Statistical series.", required=True, allowed=("china_customs",)),
    ) + _quoted_source_columns(),
)

def _oil_columns(first_year: int) -> tuple[Column, ...]:
    return (
        Column("year", "int", "Year the deliveries count against.", required=True, minimum=first_year, maximum=2100),
        Column("period_start", "date", "First day of the period covered, where the source gives one."),
        Column("period_end", "date", "Last day of the period covered (earlier than 31 Dec for a partial year)."),
        Column("supplier", "category", "Supplying country (ISO3).", required=True, allowed=("CHN", "RUS")),
        Column("reporter", "text", "Who reported or estimated the quantity.", required=True),
        Column("reporter_kind", "category", "Kind of reporter.", required=True,
               allowed=("government", "intelligence", "multilateral", "research", "news")),
        Column("status", "category", "self_reported = the supplier's own report to the UN 1718 Committee; "
               "official_statement = the supplier's own published statistics; estimate = anyone else's figure.",
               required=True, allowed=("self_reported", "estimate", "official_statement")),
        Column("quantity", "float", "Quantity in `unit`, as exact as the source.", required=True, minimum=0),
        Column("unit", "category", "Unit of `quantity` (never converted in the data; the notebooks convert with "
               "the factors in the codebook).", required=True, allowed=("barrels", "tonnes")),
    ) + _quoted_source_columns()


CRUDE_OIL = Dataset(
    name="crude_oil",
    row="One reported or estimated quantity of crude oil delivered to North Korea (China's Dandong–Sinuiju "
        "pipeline), counted against the UN cap (Resolution 2397: 4 million barrels a year).",
    coverage="2013 onward, where published; China stopped publishing its crude exports to North Korea in 2014.",
    key=("year", "period_start", "period_end", "supplier", "reporter", "quantity", "unit", "source_url"),
    known_date="year",
    ranges=(("period_start", "period_end"),),
    columns=_oil_columns(2013),
)

REFINED_PETROLEUM = Dataset(
    name="refined_petroleum",
    row="One reported or estimated quantity of refined petroleum delivered to North Korea by China or Russia, "
        "counted against the UN cap (Resolution 2397: 500,000 barrels a year from 2018).",
    coverage="2018 onward, where published.",
    key=("year", "period_start", "period_end", "supplier", "reporter", "quantity", "unit", "source_url"),
    known_date="year",
    ranges=(("period_start", "period_end"),),
    columns=_oil_columns(2018),
)

# ---------------------------------------------------------------------------------------------------------
# Evidence streams added in December 2026 (issue: the evidence a specialist expects)

SEARCH_LOG = Dataset(
    name="search_log",
    row="One month of one dataset searched for: what was looked for, how many look-ups and results were read, "
        "how many rows were added, so a month with nothing found is a documented zero, not an unsearched month.",
    coverage="China's signals, every month from January 2023 to the latest month the stored pages reach.",
    key=("dataset", "month"),
    known_date="searched_on",
    known_sources=(),  # the curators' own record: no source page, known on the day of the search
    columns=(
        Column("dataset", "category", "Dataset searched.", required=True, allowed=("china_signals",)),
        Column("month", "text", "Month searched, YYYY-MM.", required=True, pattern=r"^\d{4}-(0[1-9]|1[0-2])$"),
        Column("searched_for", "text", "What was looked for that month, in the searcher's words.", required=True),
        Column("lookups", "int", "Searches spent on that month.", required=True, minimum=0),
        Column("results_read", "int", "Result excerpts read.", required=True, minimum=0),
        Column("rows_added", "int", "Rows added to the dataset for that month in this search.", required=True,
               minimum=0),
        Column("alignment_briefings_found", "int", "Foreign-ministry briefings that month at which the Russia–North "
               "Korea alignment was raised, as far as found (existing and new rows): the denominator of the "
               "briefing shares.", required=True, minimum=0),
        Column("searched_on", "date", "Day of the search.", required=True),
        Column("notes", "text", "What was found or not, in the searcher's words."),
    ),
)

VIEW_RELIABILITY = ("A", "B", "C", "D")
CHINA_PRIVATE_VIEWS = Dataset(
    name="china_private_views",
    row="One account by a third party (an official, an intelligence service, an anonymous diplomat, an analyst) "
        "of what Chinese officials think in private about the Russia–North Korea alignment.",
    coverage="2023 onward, whatever the account says (reports of comfort count as much as reports of unease).",
    key=("reporter", "date_said", "source_url"),
    known_date="date_said",
    known_precision="date_said_precision",
    columns=(
        Column("view_id", "text", "Stable id PV-NNN.", required=True, pattern=r"^PV-\d{3,}$"),
        Column("date_said", "date", "When the account was given; empty when the page does not date it (such rows "
               "count only in builds on all data, never as known on an earlier date)."),
        Column("date_said_precision", "category", "How exact `date_said` is.", allowed=("day", "month")),
        Column("refers_to", "text", "The period or meeting the account refers to, as the page says.", required=True),
        Column("reporter", "text", "Who gave the account (a name, or 'anonymous' and a description).", required=True),
        Column("reporter_role", "text", "Title as the page gives it."),
        Column("reporter_country", "text", "ISO3 code of the reporter's country (EU and NATO for those bodies); "
               "empty when the page does not say whose officials or analysts they are.",
               pattern=r"^([A-Z]{3}|EU|NATO)$"),
        Column("reporter_kind", "category", "Kind of reporter.", required=True,
               allowed=("government", "intelligence", "diplomat_anonymous", "analyst", "news")),
        Column("view", "category", "What China thinks, per the account (rule in the codebook).", required=True,
               allowed=("uneasy", "comfortable", "mixed", "unclear")),
        Column("reliability", "category", "A = a named official on the record about Chinese officials' words; "
               "B = a named official's or service's assessment without direct conversation; C = anonymous "
               "officials or diplomats; D = analysts' or journalists' inference.", required=True,
               allowed=VIEW_RELIABILITY),
    ) + _quoted_source_columns(),
)

DPRK_CHANNELS = ("leader_message", "leader_visit", "delegation", "state_media", "statement", "ceremony",
                 "measure", "other")
DPRK_SIGNALS = Dataset(
    name="dprk_signals",
    row="One thing Pyongyang said or did toward Beijing: a message of Kim Jong Un to Xi Jinping, state-media "
        "coverage of a Chinese occasion, a delegation, a ceremony, a measure.",
    coverage="2018 onward.",
    key=("date", "speaker", "channel", "occasion", "source_url"),
    known_date="date",
    known_precision="date_precision",
    columns=(
        Column("signal_id", "text", "Stable id DS-NNN.", required=True, pattern=r"^DS-\d{3,}$"),
        Column("date", "date", "Day Pyongyang spoke or acted (first of the month at month precision).", required=True),
        Column("date_precision", "category", "How exact the date is.", required=True, allowed=("day", "month")),
        Column("speaker", "text", "Who spoke or acted (Kim Jong Un, KCNA, Rodong Sinmun, a minister).", required=True),
        Column("channel", "category", "How Pyongyang said or did it.", required=True, allowed=DPRK_CHANNELS),
        Column("occasion", "text", "The occasion, e.g. 'Xi birthday 2024', 'PRC 75th anniversary'.", required=True),
        Column("tone", "category", "Tone toward Beijing against the same occasion in other years (rule in the "
               "codebook).", required=True, allowed=("warm", "routine", "cool")),
    ) + _quoted_source_columns(),
)

ROK_GOVERNMENTS = ("Moon Jae-in", "Yoon Suk Yeol", "Han Duck-soo (acting)", "Choi Sang-mok (acting)",
                   "Lee Jae-myung")
ROK_MEASURE_TYPES = ("defence_budget", "strategic_command", "three_axis", "extended_deterrence", "nuclear_option",
                     "nuclear_submarine", "opcon", "inter_korean_military", "trilateral_exercise",
                     "bilateral_exercise", "ukraine_support", "arms_export", "statement_of_intent", "other")
ROK_MEASURES = Dataset(
    name="rok_measures",
    row="One security measure or decision South Korea's government announced, considered, requested, decided or "
        "carried out, with the direction it moves Seoul's posture (strengthen, maintain, relax).",
    coverage="2022 onward.",
    key=("date", "measure_type", "title", "source_url"),
    known_date="date",
    known_precision="date_precision",
    columns=(
        Column("measure_id", "text", "Stable id RM-NNN.", required=True, pattern=r"^RM-\d{3,}$"),
        Column("date", "date", "Day of the announcement or decision (first of the month or year at lower "
               "precision).", required=True),
        Column("date_precision", "category", "How exact the date is.", required=True,
               allowed=("day", "month", "year")),
        Column("government", "category", "President in office that day (from the date, not the page).",
               required=True, allowed=ROK_GOVERNMENTS),
        Column("measure_type", "category", "Kind of measure.", required=True, allowed=ROK_MEASURE_TYPES),
        Column("direction", "category", "Whether it strengthens, maintains or relaxes Seoul's security posture "
               "(rule in the codebook).", required=True, allowed=("strengthen", "maintain", "relax")),
        Column("stage", "category", "How far it went, as the page says.", required=True,
               allowed=("considered", "announced", "requested", "decided", "implemented")),
        Column("title", "text", "Short title in our words.", required=True),
    ) + _quoted_source_columns(),
)

ROK_NUCLEAR_POLLS = Dataset(
    name="rok_nuclear_polls",
    row="One opinion poll's share of South Koreans supporting their own nuclear weapons (context, not a measure).",
    coverage="2021 onward, where a page gives the figure.",
    key=("pollster", "fieldwork_end", "support_pct", "source_url"),
    known_date="fieldwork_end",
    known_precision="fieldwork_precision",
    columns=(
        Column("poll_id", "text", "Stable id RP-NNN.", required=True, pattern=r"^RP-\d{3,}$"),
        Column("fieldwork_end", "date", "Last day of fieldwork; empty when the page does not say."),
        Column("fieldwork_precision", "category", "How exact `fieldwork_end` is.", allowed=("day", "month", "year")),
        Column("pollster", "text", "Who ran the poll.", required=True),
        Column("commissioned_by", "text", "Who commissioned or published it."),
        Column("sample_size", "int", "Respondents.", minimum=1),
        Column("question", "text", "What was asked, in our words.", required=True),
        Column("support_pct", "float", "Share in favour, per cent.", required=True, minimum=0, maximum=100),
    ) + _quoted_source_columns(),
)

RANKS = ("leader", "head_of_government", "head_of_legislature", "deputy_head_of_government", "party_secretary",
         "minister", "vice_minister", "military_chief", "other")
VISITS = Dataset(
    name="visits",
    row="One official visit or meeting between North Korea and China or between North Korea and Russia, with "
        "both sides' ranks, so contact can be weighted by rank.",
    coverage="2018 onward, vice-minister level and above (four rows below that level are kept and ranked other).",
    key=("start_date", "pair", "visitor", "source_url"),
    known_date="start_date",
    known_precision="date_precision",
    ranges=(("start_date", "end_date"),),
    columns=(
        Column("visit_id", "text", "Stable id VI-NNN.", required=True, pattern=r"^VI-\d{3,}$"),
        Column("start_date", "date", "First day (first of the month at month precision).", required=True),
        Column("end_date", "date", "Last day, where the page gives it."),
        Column("date_precision", "category", "How exact the dates are.", required=True, allowed=("day", "month")),
        Column("pair", "category", "Which relationship.", required=True, allowed=("CHN-PRK", "PRK-RUS")),
        Column("visiting_country", "category", "Country of the visitor.", required=True,
               allowed=("CHN", "PRK", "RUS")),
        Column("visitor", "text", "Head of the visiting side.", required=True),
        Column("visitor_title", "text", "Title as the page gives it.", required=True),
        Column("visitor_rank", "category", "Rank class of the visitor (rule in the codebook).", required=True,
               allowed=RANKS),
        Column("host_country", "text", "Where it took place (ISO3).", required=True, pattern=r"^[A-Z]{3}$"),
        Column("counterpart", "text", "Highest-ranked person met, as the page names them."),
        Column("counterpart_rank", "category", "Rank class of the counterpart.", allowed=RANKS),
        Column("kind", "category", "Kind of visit (mostly our coding; notes say when the page says).",
               required=True, allowed=("state_visit", "official_visit", "delegation", "working_visit",
                                       "third_country_meeting")),
        Column("event_id", "text", "The row of events.csv for the same visit, where there is one.",
               pattern=r"^EV-[0-9a-z-]+$"),
        Column("title", "text", "Short title in our words.", required=True),
    ) + _quoted_source_columns(),
)

REVENUE_STREAMS = ("arms", "troops", "labour", "total")
REVENUE_ESTIMATES = Dataset(
    name="revenue_estimates",
    row="One published estimate of what North Korea earns (or earned) from Russia for arms, troops or labour, as "
        "a range or point in US$ millions, with its author and the period it covers.",
    coverage="Estimates published 2024 onward for periods from August 2023.",
    key=("author", "stream", "period_start", "period_end", "low_usd_m", "high_usd_m", "point_usd_m", "source_url"),
    known_date="source_date",
    ranges=(("period_start", "period_end"), ("low_usd_m", "high_usd_m")),
    one_of=(("low_usd_m", "high_usd_m", "point_usd_m"),),
    columns=(
        Column("estimate_id", "text", "Stable id RE-NNN.", required=True, pattern=r"^RE-\d{3,}$"),
        Column("author", "text", "Who made the estimate.", required=True),
        Column("author_kind", "category", "Kind of author.", required=True,
               allowed=("government", "intelligence", "research", "news", "other")),
        Column("author_country", "text", "ISO3 code of the author's country.", required=True, pattern=r"^[A-Z]{3}$"),
        Column("stream", "category", "What is paid for.", required=True, allowed=REVENUE_STREAMS),
        Column("period_start", "date", "First day of the period covered, where the page gives it."),
        Column("period_end", "date", "Last day of the period covered, where the page gives it."),
        Column("period_precision", "category", "How exact the period's dates are.", allowed=("day", "month", "year")),
        Column("low_usd_m", "float", "Low end of the range, US$ millions.", minimum=0),
        Column("high_usd_m", "float", "High end of the range, US$ millions.", minimum=0),
        Column("point_usd_m", "float", "A single figure, US$ millions, where the page gives one.", minimum=0),
        Column("what_counted", "text", "What the estimate counts, in our words.", required=True),
    ) + _quoted_source_columns(),
)

PLACE_KINDS = ("port", "rail_crossing", "road_crossing", "rail_and_road_crossing", "depot", "front_area")
PLACE_ROLES = ("arms_route", "oil_route", "troops", "china_border")

PLACES = Dataset(
    name="places",
    row="One place a notebook draws on a map (a port, border crossing, depot or front area) in one role, with "
        "its coordinates, where they were read, and the source that ties the place to that role.",
    coverage="Places named in the transfer, troop and China notebooks; launch sites are in missile_launches.",
    key=("place_id",),
    known_date="source_date",
    columns=(
        Column("place_id", "text", "Stable id PL-NNN.", required=True, pattern=r"^PL-\d{3,}$"),
        Column("name", "text", "Name used on the map.", required=True),
        Column("other_names", "text", "Other spellings and names, separated by ';' (used to find the place "
               "in other datasets' texts)."),
        Column("country", "text", "ISO3 code of the country, or both countries of a border crossing, "
               "separated by ';'.", required=True, pattern=ISO3_PATTERN),
        Column("kind", "category", "What the place is.", required=True, allowed=PLACE_KINDS),
        Column("role", "category", "Why it is on a map: arms_route = North Korean arms to Russia; oil_route = "
               "Russian oil to North Korea; troops = where North Korean troops were reported; china_border = a "
               "China–North Korea crossing.", required=True, allowed=PLACE_ROLES),
        Column("links_to", "text", "place_ids the sources say goods or people moved on to from here, "
               "separated by ';' (drawn as route lines).", pattern=r"^PL-\d{3,}(;PL-\d{3,})*$"),
        Column("lat", "float", "Latitude (degrees north), as read in the coordinate source.", required=True,
               minimum=30, maximum=60),
        Column("lon", "float", "Longitude (degrees east), as read in the coordinate source.", required=True,
               minimum=20, maximum=150),
        Column("coord_precision", "category", "site = the facility itself; town = the town or district the "
               "facility is in (a marker, not a surveyed point).", required=True, allowed=("site", "town")),
        Column("coord_quote", "text", "The coordinates exactly as the coordinate source prints them.",
               required=True, pattern=QUOTE_PATTERN),
        Column("coord_source_name", "text", "Where the coordinates were read.", required=True),
        Column("coord_source_url", "url", "Address of that page.", required=True),
        Column("trade_share_pct", "float", "Share of China–North Korea trade the source says passes through "
               "this crossing or city (percent); only where `source_quote` gives it.", minimum=0, maximum=100),
    ) + _quoted_source_columns(),
)

OUTLETS = Dataset(
    name="outlets",
    row="One site the data cite (its register key: the registrable domain of a URL, see helpers/data/outlets.py), "
        "with the outlet's name and kind: the register every row's source kind is checked against.",
    coverage="Every host cited in a source, check-source or coordinate-source column of the datasets.",
    key=("domain",),
    known_date="",
    known_sources=(),  # a reference table: no dated facts
    columns=(
        Column("domain", "text", "Register key: the URL's registrable domain, lower case (`news.kbs.co.kr` is "
               "`kbs.co.kr`); a few hosts are kept whole (`web.archive.org`), GitHub as `github.com/owner/repo`.",
               required=True, pattern=r"^([a-z0-9-]+\.)+[a-z0-9-]{2,}(/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?$|^[0-9.]+$"),
        Column("outlet", "text", "The outlet or site, as it names itself.", required=True),
        Column("kind", "category", "Its kind, by the rule in the codebook: the `source_kind` a row citing it "
               "takes unless the row's notes say why not.", required=True, allowed=SOURCE_KINDS),
        Column("republishes", "category", "Whether the site republishes others' work: yes (a portal, aggregator, "
               "document-sharing or archive site), no, or mixed (its own work besides copies).", required=True,
               allowed=("yes", "no", "mixed")),
        Column("carries_work_of", "text", "For a site that republishes: whose work it carries."),
        Column("other_names", "text", "Other names by which sources and notes refer to the outlet, separated by "
               "';' (used by `python -m helpers audit` to find outlets named in notes)."),
        Column("notes", "text", "Why the kind, and doubts, in the curators' own words."),
    ),
    rules=(Rule("kind", ("mirror",), "republishes", ("yes", "mixed"), why="a mirror reposts others' work"),
           Rule("republishes", ("yes", "mixed"), "carries_work_of", pattern=r"\S", says="a value",
                why="a site that republishes says whose work it carries")),
)

# Definitions of allowed values, printed in the codebook under the dataset's column table.
CATEGORY_DEFINITIONS: dict[str, dict[str, dict[str, str]]] = {"events": {"event_type": EVENT_TYPE_DEFINITIONS}}

DATASETS: dict[str, Dataset] = {d.name: d for d in (MISSILE_LAUNCHES, TROOP_REPORTS, TRADE, AID, TRANSFERS,
                                                     EVENTS, CHINA_SIGNALS, TRADE_MONTHLY,
                                                     REFINED_PETROLEUM, PLACES, CRUDE_OIL, SEARCH_LOG,
                                                     CHINA_PRIVATE_VIEWS, DPRK_SIGNALS, ROK_MEASURES,
                                                     ROK_NUCLEAR_POLLS, VISITS, REVENUE_ESTIMATES)}
# Reference tables: validated, packaged and documented like the datasets, but they hold no sourced facts (no
# dates, no as-of filter), so loops over the sourced datasets use DATASETS and these use TABLES.
REFERENCE: dict[str, Dataset] = {OUTLETS.name: OUTLETS}
TABLES: dict[str, Dataset] = {**DATASETS, **REFERENCE}
