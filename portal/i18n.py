"""The languages of the interface.

Interface text goes through gettext catalogs kept with Babel in data/locale/<lang>/LC_MESSAGES/
messages.po: Python code marks text with `_()` / `ngettext()` (or `N_()` where the text is only
named, to be translated where it is shown), templates with Jinja's i18n extension. The build
compiles the catalogs in memory; nothing compiled is committed. Country names are the UN's: in
English the names of data/countries.yml, in the other five languages those of
data/country-names.yml (UN M49), never Babel's. Language names, dates and numbers come from the
Unicode CLDR data that Babel ships, per locale, never typed by hand. English is the source
language: its interface text is the msgid itself.

One language is active at a time while a language's pages are derived (`using(language)`);
module-level helpers (`_`, `ngettext`, `format_date`, ...) speak that language.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval, format_skeleton, match_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .reference import country_names_in

SOURCE_LANGUAGE = "en"
# The six official UN languages, in the UN's own order (alphabetical in English).
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DOMAIN = "messages"
# CLDR locale used for dates and numbers: British English writes '3 May 2024', as the UN does.
FORMAT_LOCALES = {"en": "en_GB", "zh": "zh_Hans"}


def catalog_path(locale_dir: Path, code: str) -> Path:
    return locale_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@dataclass
class Language:
    """One interface language: its catalog, its CLDR locale, and how it writes dates and numbers."""

    code: str
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    # ISO alpha-2 code -> the country's UN name in this language (data/country-names.yml).
    countries: dict = field(default_factory=dict, repr=False, compare=False)
    # Formatting by CLDR patterns is slow and the same values recur on thousands of pages: remember.
    _formatted: dict = field(default_factory=dict, repr=False, compare=False)
    # Looked up hundreds of thousands of times in a large build (labels on every page): remember.
    _texts: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(FORMAT_LOCALES.get(self.code, self.code))

    # The next two are read on every page (its <html> and its language switcher): worked out once.
    @cached_property
    def dir(self) -> str:
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @cached_property
    def autonym(self) -> str:
        """The language's name in itself: 'Français', 'العربية', '中文'."""
        name = Locale.parse(self.code).get_display_name(self.code)
        return name[:1].upper() + name[1:]

    def name_in(self, other: "Language") -> str:
        return Locale.parse(self.code).get_display_name(other.locale) or self.code

    # ---- text

    def gettext(self, message: str) -> str:
        text = self._texts.get(message)
        if text is None:
            text = self._texts[message] = self.translations.gettext(message) if message else message
        return text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    # ---- names

    def country(self, iso2: str, english: str) -> str:
        """A country's name in this language: the UN English name given, in English; else the UN's
        name in data/country-names.yml, and only if it has none, CLDR's, or the English one."""
        if self.code == SOURCE_LANGUAGE:
            return english
        key = ("c", iso2)
        name = self._formatted.get(key)
        if name is None:  # Babel's tables are behind properties that cost on every call: remember
            name = self._formatted[key] = self.countries.get(iso2) or self.locale.territories.get(iso2) or english
        return name

    def language_name(self, code: str, english: str) -> str:
        if self.code == SOURCE_LANGUAGE:
            return english
        key = ("l", code)
        name = self._formatted.get(key)
        if name is None:
            name = self._formatted[key] = self.locale.languages.get(code) or english
        return name

    # ---- dates and numbers

    def number(self, n: int | float) -> str:
        key = ("n", n)
        text = self._formatted.get(key)
        if text is None:
            text = self._formatted[key] = format_decimal(n, locale=self.locale)
        return text

    def date(self, d: dt.date, precision: str = "day") -> str:
        """A day, a month or a year, written as the locale writes it."""
        key = ("d", d, precision)
        text = self._formatted.get(key)
        if text is None:
            text = self._formatted[key] = self._date(d, precision)
        return text

    def _date(self, d: dt.date, precision: str) -> str:
        if precision == "year":
            return format_skeleton(self._skeleton("y", False), d, locale=self.locale)
        if precision == "month":
            return format_skeleton(self._skeleton("yMMMM", False), d, locale=self.locale)
        return _babel_date(d, "long", locale=self.locale)

    def _skeleton(self, skeleton: str, interval: bool) -> str:
        """The locale's own skeleton closest to `skeleton`: what Babel would find on every call
        (matching skeletons is most of the time it takes to format a date), found once."""
        key = ("s", skeleton, interval)
        found = self._formatted.get(key)
        if found is None:
            table = self.locale.interval_formats if interval else self.locale.datetime_skeletons
            found = skeleton if skeleton in table else (match_skeleton(skeleton, table) or skeleton)
            self._formatted[key] = found
        return found

    def date_range(self, start: dt.date, end: dt.date, precision: str = "day") -> str:
        """'10–12 May 2019', '10–12 mai 2019', '2019年5月10日至12日': CLDR's interval formats."""
        key = ("r", start, end, precision)
        text = self._formatted.get(key)
        if text is None:
            skeleton = self._skeleton({"day": "yMMMMd", "month": "yMMMM", "year": "y"}[precision], True)
            text = self._formatted[key] = format_interval(start, end, skeleton, locale=self.locale)
        return text


def compile_catalog(po_file: Path, code: str) -> gettext.GNUTranslations:
    """Read a .po catalog and compile it in memory; fuzzy entries are left out, as msgfmt does."""
    with po_file.open("rb") as f:
        catalog = read_po(f, locale=code)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def load_language(code: str, locale_dir: Path, data_dir: Path | None = None) -> Language:
    """The language with its compiled catalog (English, the source language, needs none) and the UN
    names of the countries in it, from country-names.yml in `data_dir`, by default the data folder
    that holds `locale_dir`."""
    countries = country_names_in(data_dir or locale_dir.parent, code)
    po_file = catalog_path(locale_dir, code)
    if code == SOURCE_LANGUAGE or not po_file.is_file():
        return Language(code, countries=countries)
    return Language(code, compile_catalog(po_file, code), countries=countries)


# --------------------------------------------------------------------------- the active language

_active: list[Language] = [Language(SOURCE_LANGUAGE)]


def active() -> Language:
    return _active[-1]


@contextmanager
def using(language: Language):
    _active.append(language)
    try:
        yield language
    finally:
        _active.pop()


def _(message: str, **values) -> str:
    """Translate interface text; named values fill %(name)s placeholders after translation."""
    language = _active[-1]
    text = language._texts.get(message)  # Language.gettext's memory, read here: called most of all
    if text is None:
        text = language.gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, num: int, **values) -> str:
    """A count with its noun, in the right plural form: '%(num)s record' / '%(num)s records'.
    `num` is printed in the language's digits and grouping."""
    text = active().ngettext(singular, plural, num)
    return text % {"num": active().number(num), **values}


def N_(message: str) -> str:
    """Mark text for the catalogs where it is defined; it is translated with `_()` where shown."""
    return message


def number(n: int | float) -> str:
    return active().number(n)


@lru_cache(maxsize=None)
def text_direction(code: str) -> str:
    """'rtl' for a language written right to left (Arabic, Persian, Hebrew, Urdu...), else 'ltr'.
    Remembered: a code's direction never changes, and it is asked for each text not yet translated."""
    try:
        return "rtl" if Locale.parse(code).character_order == "right-to-left" else "ltr"
    except (ValueError, LookupError):
        return "ltr"
