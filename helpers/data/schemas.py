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
class Dataset:
    name: str
    row: str  # what one row is
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # a row is a duplicate when these repeat
    # When a row became known (as-of builds, the ledger's "known on" verdicts): see load.known_on.
    known_date: str  # the date the row is about (a launch, a report, a year): the earliest it can be known
    known_precision: str | None = None  # column giving that date's precision (day/month/quarter/year), if any
    known_sources: tuple[str, ...] = ("source_date",)  # publication dates: known once the earliest was published
    publication_lag_days: int = 0  # added to the end of the period when no later source date is filled
    ranges: tuple[tuple[str, str], ...] = ()  # (low, high) pairs that must satisfy low <= high
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one column of each group must be filled
    # (column, condition column, values): the column is required on rows whose condition column has one of the values
    required_if: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    coverage: str = ""

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


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
    known_precision="date_precision",
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
        Column("report_date", "date", "Date the figure was made public.", required=True),
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
)

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
        Column("report_date", "date", "Date the estimate was made public; empty where no source showed it "
               "(such rows are left out of as-of builds).", ),
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
)

EVENT_TYPES = ("summit", "visit", "treaty_signed", "treaty_ratified", "treaty_in_force", "treaty_expired",
               "un_vote", "un_veto", "sanctions", "nuclear_test", "missile_milestone", "troop_deployment",
               "troop_acknowledgement", "security_measure", "military_exercise", "statement",
               "diplomatic_relations", "trade_agreement", "other")

EVENTS = Dataset(
    name="events",
    row="One diplomatic or military event involving the triangle or its neighbours.",
    coverage="1948 onward.",
    key=("event_id",),
    known_date="date",
    known_precision="date_precision",
    columns=(
        Column("event_id", "text", "Stable id EV-YYYY-slug.", required=True, pattern=r"^EV-\d{4}-[a-z0-9-]+$"),
        Column("date", "date", "Date of the event.", required=True),
        Column("date_precision", "category", "How exact the date is.", required=True,
               allowed=("day", "month", "year")),
        Column("event_type", "category", "Kind of event.", required=True, allowed=EVENT_TYPES),
        Column("actors", "text", "ISO3 codes of the countries involved, separated by ';' (UNO = UN).",
               required=True, pattern=ISO3_PATTERN),
        Column("title", "text", "Short title.", required=True),
        Column("description", "text", "One or two sentences in the curators' own words.", required=True),
        Column("location", "text", "Where it happened."),
    ) + _quoted_source_columns(),
)

SIGNAL_CHANNELS = ("mfa_briefing", "leader_readout", "leader_message", "senior_official", "un_statement",
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
    known_precision="date_precision",
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
               "mentions denuclearisation; unknown when only an excerpt was read.", required=True,
               allowed=("yes", "no", "unknown", "not_applicable")),
    ) + _quoted_source_columns(),
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

REFINED_PETROLEUM = Dataset(
    name="refined_petroleum",
    row="One reported or estimated quantity of refined petroleum delivered to North Korea by China or Russia, "
        "counted against the UN cap (Resolution 2397: 500,000 barrels a year from 2018).",
    coverage="2018 onward, where published.",
    key=("year", "period_start", "period_end", "supplier", "reporter", "quantity", "unit", "source_url"),
    known_date="year",
    ranges=(("period_start", "period_end"),),
    columns=(
        Column("year", "int", "Year the deliveries count against.", required=True, minimum=2018, maximum=2100),
        Column("period_start", "date", "First day of the period covered, where the source gives one."),
        Column("period_end", "date", "Last day of the period covered (earlier than 31 Dec for a partial year)."),
        Column("supplier", "category", "Supplying country (ISO3).", required=True, allowed=("CHN", "RUS")),
        Column("reporter", "text", "Who reported or estimated the quantity.", required=True),
        Column("reporter_kind", "category", "Kind of reporter.", required=True,
               allowed=("government", "multilateral", "research", "news")),
        Column("status", "category", "self_reported = the supplier's own report to the UN 1718 Committee.",
               required=True, allowed=("self_reported", "estimate", "official_statement")),
        Column("quantity", "float", "Quantity in `unit`, as exact as the source.", required=True, minimum=0),
        Column("unit", "category", "Unit of `quantity` (never converted).", required=True,
               allowed=("barrels", "tonnes")),
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

DATASETS: dict[str, Dataset] = {d.name: d for d in (MISSILE_LAUNCHES, TROOP_REPORTS, TRADE, AID, TRANSFERS,
                                                     EVENTS, CHINA_SIGNALS, TRADE_MONTHLY,
                                                     REFINED_PETROLEUM, PLACES)}
