"""The five record formats, defined once. The validator, the JSON Schemas in schemas/, the
`build.py new` templates and the field reference in the docs are all generated from here."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import (Code, Country, Date, Email, Field, Integer, ListOf, Obj, Text, Url)


@dataclass(frozen=True)
class RecordBase:
    """What every record has besides its fields: its id (the file name) and its file."""

    id: str
    path: str  # relative to the project root, with forward slashes
    body: str  # the Markdown body of .md records; "" for .yml records
    body_line: int  # the line the body starts on in the file


# The Markdown body of .md records (case studies, initiatives) and its translations: 10,000
# characters is about 1,500 words, nearly four times the longest story so far, and keeps the slowest
# text Markdown accepts at that length well under a second to convert (tests/test_hostile.py).
BODY = Text(10_000, markdown=True)

# The languages a record's text may be translated into: the six official UN languages.
TRANSLATION_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
TRANSLATION_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}


def _translations(name: str, fields: list[Field], translatable: tuple, body: bool) -> Field:
    """`translations:` keyed by language code, each with the record's texts in that language."""
    by_name = {f.name: f for f in fields}
    texts = [Field(n, by_name[n].type, f"{by_name[n].help} Translated.") for n in translatable]
    if body:
        texts.append(Field("body", BODY, "The Markdown body below the front matter, translated."))
    one = Obj(f"{name}Translation", texts)
    return Field("translations", Obj(f"{name}Translations", [
        Field(code, one, f"The texts in {TRANSLATION_NAMES[code]}.") for code in TRANSLATION_LANGUAGES]),
        "Translations of the record's texts, keyed by language code (ar, zh, en, fr, ru, es): "
        + ", ".join(translatable + (("body",) if body else ())) + ". Every text is optional; the original is "
        "shown, marked as such, where a translation is missing.")


def _record(name: str, fields: list[Field], translatable: tuple = (), body: bool = False) -> Obj:
    """A record format: its class carries the RecordBase fields before its own, then the language
    its texts are written in and their translations."""
    language = Field("language", Code("languages", code="language"),
                     "Language the record's texts are written in (ISO 639-1), when it is not English.", example="fr")
    return Obj(name, fields + [language, _translations(name, fields, translatable, body)], bases=(RecordBase,))


TOPICS = ListOf(Code("topics"), min_items=1, max_items=8)
LANGUAGES = ListOf(Code("languages", code="language"), min_items=1, max_items=12)

SOURCE = Obj("Source", [
    Field("title", Text(200), "What the source is, e.g. the report or web page title.", required=True,
          example="Activity report"),
    Field("url", Url(), "Where to read it.", example="https://www.example.org/report"),
])
SOURCES = Field("sources", ListOf(SOURCE, max_items=20),
                "Published sources for this record: reports, news items, official pages.")

ORGANIZATION = Obj("Organization", [
    Field("name", Text(200), "Full name of the organization.", required=True),
    Field("type", Code("organization-types"), "Kind of organization.", required=True, example="ip-office"),
    Field("country", Country(), "Country of the organization; leave out for international organizations.",
          suggested=True),
])


@dataclass(frozen=True)
class Kind:
    """One collection: its folder, file type, names for people, and its format."""

    name: str  # singular, used by `build.py new <name>`
    collection: str  # folder under content/ and URL segment
    extension: str
    label: str  # singular, for people
    label_plural: str
    as_of_field: str  # the date the record is judged on for the South-South rules
    format: Obj

    def as_of(self, record):
        """The day a record is judged on: the first day of its start (or posting, listing, year) date."""
        return getattr(record, self.as_of_field).first_day

    @property
    def a_label(self) -> str:
        return ("an " if self.label[0] in "aeiou" else "a ") + self.label

    @property
    def has_body(self) -> bool:
        return self.extension == ".md"

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


ACTIVITY = Kind("activity", "activities", ".yml", "activity", "activities", "start", _record("Activity", [
    Field("title", Text(200), "Name of the activity as its organizers announced it.", required=True),
    Field("description", Text(5000, markdown=True), "What happened, for whom, and what it achieved (Markdown).",
          required=True),
    Field("type", Code("activity-types"), "Kind of activity.", required=True, example="workshop"),
    Field("mode", Code("activity-modes"), "How participants took part.", required=True, example="in-person"),
    Field("topics", TOPICS, "IP subject areas covered.", required=True, example=["patents"]),
    Field("start", Date(), "First day of the activity.", required=True),
    Field("end", Date(), "Last day of the activity, if it lasted more than one day.", not_before="start"),
    Field("venue", Obj("Venue", [
        Field("city", Text(100), "City where it took place."),
        Field("country", Country(), "Country where it took place."),
    ]), "Where it took place; leave out for online activities."),
    Field("hosts", ListOf(Country(), min_items=1, max_items=10),
          "Host or provider countries: those that organized or delivered the activity.", required=True),
    Field("beneficiaries", ListOf(Obj("Beneficiary", [
        Field("country", Country(), "Beneficiary country.", required=True),
        Field("participants", Integer(0, 100_000), "Number of participants from this country, if known."),
    ]), min_items=1, max_items=60), "Countries whose officials or institutions benefited.", required=True),
    Field("languages", LANGUAGES, "Languages the activity was held in (ISO 639-1).", required=True,
          example=["en"]),
    Field("organizers", ListOf(ORGANIZATION, max_items=20), "Organizations that organized or funded it."),
    Field("requester", Text(200), "Who asked for the activity, e.g. the beneficiary IP office."),
    Field("consultants", ListOf(Text(80), max_items=30), "Ids of roster consultants who worked on it."),
    SOURCES,
], ("title", "description")))

CONSULTANT = Kind("consultant", "consultants", ".yml", "consultant", "consultants", "listed", _record("Consultant", [
    Field("name", Text(120), "Name as the consultant wishes it published.", required=True),
    Field("nationality", Country(), "Country of nationality.", required=True),
    Field("position", Text(200), "Current position or affiliation, if the consultant wants it shown."),
    Field("languages", LANGUAGES, "Working languages (ISO 639-1).", required=True, example=["en"]),
    Field("expertise", TOPICS, "Areas of IP expertise.", required=True, example=["patents"]),
    Field("regions", ListOf(Country(), max_items=60), "Countries the consultant has worked in."),
    Field("biography", Text(3000, markdown=True), "Professional biography (Markdown). No e-mail or phone.",
          required=True),
    Field("profile", Url(), "A public profile page the consultant chose to share; the only contact route."),
    Field("listed", Date(), "Date the consultant joined the roster.", required=True),
], ("position", "biography")))

_MATCHMAKING = [
    Field("title", Text(200), "Short statement of the need or offer.", required=True),
    Field("description", Text(5000, markdown=True), "What is needed or offered, and the context (Markdown).",
          required=True),
    None,  # the posting organization: `seeker` or `provider`
    Field("topics", TOPICS, "IP subject areas concerned.", required=True, example=["patents"]),
    Field("support_types", ListOf(Code("support-types"), min_items=1, max_items=3),
          "Kinds of support sought or offered.", required=True, example=["technical"]),
    Field("languages", LANGUAGES, "Languages the work can be done in (ISO 639-1).", required=True, example=["en"]),
    Field("posted", Date(), "Date it was posted.", required=True),
    Field("expires", Date(), "Date after which it should no longer be listed as open.", not_before="posted"),
    Field("status", Code("matchmaking-statuses"), "Open, matched or closed.", required=True, example="open"),
]


def _matchmaking(poster: str, help_text: str) -> list[Field]:
    fields = list(_MATCHMAKING)
    fields[2] = Field(poster, ORGANIZATION, help_text, required=True)
    return fields


NEED = Kind("need", "needs", ".yml", "need", "needs", "posted", _record("Need", _matchmaking(
    "seeker", "The organization that posts the need."), ("title", "description")))
OFFER = Kind("offer", "offers", ".yml", "offer", "offers", "posted", _record("Offer", _matchmaking(
    "provider", "The organization that offers the resource."), ("title", "description")))

CASE_STUDY = Kind("case-study", "case-studies", ".md", "case study", "case studies", "year", _record("CaseStudy", [
    Field("title", Text(200), "Title of the case study.", required=True),
    Field("summary", Text(600), "Two or three sentences: what happened and why it matters.", required=True),
    Field("countries", ListOf(Country(), min_items=1, max_items=20), "Countries the story is about.",
          required=True),
    Field("topics", TOPICS, "IP subject areas.", required=True, example=["geographical-indications"]),
    Field("year", Date(), "Year (or date) the story is told as of.", required=True),
    Field("organizations", ListOf(ORGANIZATION, max_items=20), "Organizations involved."),
    SOURCES,
], ("title", "summary"), body=True))

INITIATIVE = Kind("initiative", "initiatives", ".md", "initiative", "initiatives", "start", _record("Initiative", [
    Field("title", Text(200), "Name of the partnership.", required=True),
    Field("kind", Code("initiative-kinds"), "south-south: developing countries only; triangular: supported by a "
          "developed country or an international organization.", required=True, example="south-south"),
    Field("status", Code("initiative-statuses"), "Planned, ongoing or completed.", required=True, example="ongoing"),
    Field("summary", Text(600), "Two or three sentences on what the partnership does.", required=True),
    Field("start", Date(), "When the partnership started.", required=True),
    Field("end", Date(), "When it ended or is planned to end.", not_before="start"),
    Field("partners", ListOf(Obj("Partner", [
        Field("name", Text(200), "Organization name.", required=True),
        Field("type", Code("organization-types"), "Kind of organization.", required=True, example="ip-office"),
        Field("country", Country(), "Country; required unless the partner is an international organization (igo).",
              suggested=True),
        Field("role", Code("partner-roles"), "beneficiary, provider (pivotal partner) or facilitator.",
              required=True, example="provider"),
    ]), min_items=2, max_items=40), "Every partner with its role.", required=True),
    Field("topics", TOPICS, "IP subject areas.", required=True, example=["patents"]),
    Field("links", ListOf(SOURCE, max_items=20), "Web pages about the initiative."),
    Field("contact", Obj("Contact", [
        Field("name", Text(200), "Team or office to contact, not a private person.", required=True),
        Field("email", Email(), "Role e-mail address of that team."),
        Field("url", Url(), "Contact page."),
    ]), "How to reach the partnership: a role address or contact page, never a personal one."),
    Field("submitted", Date(), "Date the record was first submitted.", required=True),
    Field("reviewed", Date(), "Date the record was last checked by its partners.", not_before="submitted"),
], ("title", "summary"), body=True))

MATCH = Kind("match", "matches", ".yml", "match", "matches", "date", _record("Match", [
    Field("title", Text(200), "One line on what was agreed, e.g. 'GI examiner training for Madagascar by OMPIC'.",
          required=True),
    Field("need", Text(80), "Id of the need (its file name in content/needs/ without '.yml').", required=True),
    Field("offer", Text(80), "Id of the offer that meets it, if an offer does (content/offers/); "
          "otherwise delete this line and give 'consultant'.", suggested=True),
    Field("consultant", Text(80), "Id of the roster consultant who meets it, if a consultant does."),
    Field("type", Code("support-types"), "Kind of match: financial support, technical support or a "
          "public-private partnership.", required=True, example="technical"),
    Field("date", Date(), "Date the parties agreed to work together.", required=True),
    Field("outcome", Text(3000, markdown=True), "What came of it so far (Markdown)."),
], ("title", "outcome")))

KINDS: tuple[Kind, ...] = (ACTIVITY, CONSULTANT, NEED, OFFER, CASE_STUDY, INITIATIVE, MATCH)

# Fields that hold ids of other records: field name -> the collection the ids must exist in.
REFERENCES: dict[str, dict[str, str]] = {
    "activity": {"consultants": "consultants"},
    "match": {"need": "needs", "offer": "offers", "consultant": "consultants"},
}
BY_NAME = {k.name: k for k in KINDS}
BY_COLLECTION = {k.collection: k for k in KINDS}
