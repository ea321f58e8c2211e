"""What the record formats share, written in the schema language of portal/fields.py: the fields
every record has besides its own (id, file, body), the language of its texts and their
translations, topics, languages, sources and organizations. Each kind's own format is in its
declaration, portal/kinds/."""

from __future__ import annotations

from .fields import Code, Country, Field, ListOf, Obj, Text, Url
from .recordbase import RecordBase


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


def record_format(name: str, fields: list[Field], translatable: tuple = (), body: bool = False) -> Obj:
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
