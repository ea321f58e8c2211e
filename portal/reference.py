"""Reference data from data/: countries with their dated classification and their UN names in
the six languages, M49 and WIPO regions, and the vocabularies. Read with the same safe YAML reader
as content; problems become reports."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlsafe
from .files import FileTooLarge, NotRegular, read_regular, unreadable
from .messages import STATUS_LABELS  # noqa: F401 (the validator's words for the four statuses, used here)
from .problems import Problem

SOUTHERN = frozenset({"least-developed", "developing", "in-transition"})
# What a status period's `pending` can say is awaiting a decision (data/countries.yml); the pages
# say it in every language (portal/pages/context.py, PENDING_DECISIONS).
PENDING_DECISIONS = {
    "ldc-extension": "an extension of the preparatory period for graduation from the least developed country "
                     "category, recommended by the UN Committee for Development Policy and awaiting the General "
                     "Assembly's decision",
}
PENDING_KEYS = ("decision", "announced", "proposed", "source")
COUNTRY_NAMES_FILE = "country-names.yml"
# The languages of data/country-names.yml, in the UN's order; English names are countries.yml's.
NAME_LANGUAGES = ("ar", "zh", "fr", "ru", "es")


@dataclass(frozen=True)
class Term:
    code: str
    label: str


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: str
    source_file: str
    terms: dict  # code -> Term, in the order of the file

    def label(self, code: str) -> str:
        return self.terms[code].label


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Pending:
    """A decision awaited on a status period's start: a recommendation has been made and announced,
    which would move the period's start to `proposed`; until it is decided, the period starts on its
    scheduled date, and every day from then to `proposed` is labelled with this pending decision."""

    decision: str  # a key of PENDING_DECISIONS
    announced: dt.date  # when the recommendation was made public
    proposed: dt.date  # the start the period would have if the decision is taken
    source: Source


@dataclass(frozen=True)
class StatusPeriod:
    status: str
    start: dt.date | None  # inclusive; None: since the start of the data
    end: dt.date | None  # exclusive; None: still in force
    note: str = ""
    pending: Pending | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def pending_on(self, day: dt.date) -> Pending | None:
        """The pending decision that could change this period's status on `day`, if any."""
        if self.pending is not None and self.covers(day) and day < self.pending.proposed:
            return self.pending
        return None

    @property
    def southern(self) -> bool:
        return self.status in SOUTHERN

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    m49: str | None  # None: no M49 code (Kosovo)
    name: str
    region: str
    subregion: str
    intermediate: str | None
    wipo: str
    history: tuple  # StatusPeriod, in date order
    note: str = ""  # what the UN writes with the name (Kosovo's footnote)

    def status_on(self, day: dt.date) -> StatusPeriod:
        for period in self.history:
            if period.covers(day):
                return period
        raise LookupError(f"{self.iso3} has no classification on {day}")  # prevented by load checks


@dataclass(frozen=True)
class Classification:
    """Where the country statuses come from, shown in every message that applies them."""

    identity: str
    classification: str
    ldc: str
    edition: str
    reviewed: str
    overrides: str
    citation: str  # a short form for messages and page footers


@dataclass(frozen=True)
class CountryNames:
    """The UN's names of the countries and areas in Arabic, Chinese, French, Russian and Spanish
    (data/country-names.yml): UN M49, with CLDR's name where M49 gives none (marked `cldr`)."""

    source: dict  # title, publisher, address, edition, fallback, ... as written in the file
    names: dict  # iso3 -> {language: name}
    iso2: dict  # iso3 -> ISO 3166-1 alpha-2 code
    cldr: dict  # iso3 -> the languages whose name is CLDR's, not the UN's

    def in_language(self, code: str) -> dict:
        """ISO alpha-2 code -> name in the language `code` (empty for English: see countries.yml)."""
        return {self.iso2[iso3]: names[code] for iso3, names in self.names.items() if code in names}


@dataclass(frozen=True)
class Reference:
    countries: dict  # iso3 -> Country
    regions: dict  # m49 code -> Region
    wipo_regions: dict  # code -> name
    vocabularies: dict  # name -> Vocabulary
    classification: Classification
    country_names: CountryNames
    data_dir: Path | None = field(default=None, compare=False)  # the folder read (the world map's geometry is there too)

    def vocabulary(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    def alpha2(self, code: str) -> Country | None:
        return self._by_alpha2().get(code)

    def _by_alpha2(self) -> dict:
        cache = self.__dict__.get("_alpha2")
        if cache is None:
            cache = {c.iso2: c for c in self.countries.values()}
            object.__setattr__(self, "_alpha2", cache)
        return cache


class ReferenceError_(Exception):
    """Raised only when reference data is unusable; carries the problems that say why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems in reference data")
        self.problems = problems


MAX_REFERENCE_BYTES = 16 * 1024 * 1024


def _read(path: Path, root: Path, problems: list[Problem]):
    rel = path.relative_to(root).as_posix()
    try:
        text = read_regular(path, MAX_REFERENCE_BYTES).decode("utf-8")
    except (NotRegular, FileTooLarge) as exc:
        what = "is not a regular file" if isinstance(exc, NotRegular) else f"is larger than {MAX_REFERENCE_BYTES} bytes"
        problems.append(Problem(rel, 1, 1, "reference-data", f"cannot read reference data: the file {what}",
                                "Restore the file from the repository."))
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, 1, 1, "reference-data", f"cannot read reference data: {exc}",
                                "Restore the file from the repository."))
        return None, None
    parsed = yamlsafe.parse(text)
    for issue in parsed.issues:
        problems.append(Problem(rel, issue.line, issue.column, issue.code, issue.message, issue.hint))
    if not isinstance(parsed.data, dict):
        if not parsed.issues:
            problems.append(Problem(rel, 1, 1, "reference-data", "reference data must be a mapping",
                                    "Restore the file from the repository."))
        return None, None
    return parsed, rel


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _pending(spec, iso3: str, start: dt.date | None) -> tuple:
    """A status period's `pending` field, checked: (Pending or None, [(path below it, message)])."""
    if spec is None:
        return None, []
    source = spec.get("source") if isinstance(spec, dict) else None
    if (not isinstance(spec, dict) or set(spec) != set(PENDING_KEYS) or not isinstance(source, dict)
            or set(source) != {"title", "url"}
            or not all(isinstance(v, str) and v.strip() for v in (*source.values(), spec["decision"]))):
        return None, [((), f"{iso3}: pending needs decision, announced, proposed and source (title and url), "
                           "and nothing else")]
    problems = []
    if spec["decision"] not in PENDING_DECISIONS:
        problems.append((("decision",), f"{iso3}: unknown pending decision '{spec['decision']}' "
                                        f"(known: {', '.join(PENDING_DECISIONS)})"))
    dates = {}
    for key in ("announced", "proposed"):
        try:
            dates[key] = dt.date.fromisoformat(spec[key]) if isinstance(spec[key], str) else None
        except ValueError:
            dates[key] = None
        if dates[key] is None:
            problems.append(((key,), f"{iso3}: pending.{key} must be a date, \"YYYY-MM-DD\""))
    if dates["proposed"] and (start is None or dates["proposed"] <= start):
        problems.append((("proposed",), f"{iso3}: pending.proposed must come after the period's 'from' "
                                        "(the start the pending decision would give it)"))
    if not source["url"].startswith(("https://", "http://")):
        problems.append((("source", "url"), f"{iso3}: pending.source.url must be a web address (https://...)"))
    if problems:
        return None, problems
    return Pending(spec["decision"], dates["announced"], dates["proposed"],
                   Source(source["title"].strip(), source["url"].strip())), []


def _country_names(data_dir: Path, problems: list[Problem], countries: dict | None) -> CountryNames | None:
    """data/country-names.yml, checked (when `countries` is given) against countries.yml: one entry
    for every country, with its ISO alpha-2 code and a name in each of NAME_LANGUAGES."""
    parsed, rel = _read(data_dir / COUNTRY_NAMES_FILE, data_dir.parent, problems)
    if parsed is None:
        return None

    def bad(at, message):
        line, column = parsed.where(at)
        problems.append(Problem(rel, line, column, "reference-data", message,
                                "Reference data must stay consistent; see the comments at the top of the file."))

    source = parsed.data.get("source")
    if not isinstance(source, dict) or not all(isinstance(source.get(k), str) and source[k].strip()
                                               for k in ("title", "address", "edition", "fallback")):
        bad(("source",), "country-names.yml needs source.title, address, edition and fallback")
        source = {}
    entries = parsed.data.get("countries")
    names, iso2, cldr = {}, {}, {}
    for iso3, spec in (entries if isinstance(entries, dict) else {}).items():
        at = ("countries", iso3)
        if not isinstance(spec, dict) or not isinstance(spec.get("iso2"), str):
            bad(at, f"{iso3}: needs iso2 and a name in each of {', '.join(NAME_LANGUAGES)}")
            continue
        given = {code: spec[code].strip() for code in NAME_LANGUAGES
                 if isinstance(spec.get(code), str) and spec[code].strip()}
        if len(given) < len(NAME_LANGUAGES):
            bad(at, f"{iso3}: no name in {', '.join(c for c in NAME_LANGUAGES if c not in given)}")
        marked = spec.get("cldr") or []
        if not isinstance(marked, list) or not set(marked) <= set(NAME_LANGUAGES):
            bad(at + ("cldr",), f"{iso3}: cldr lists language codes among {', '.join(NAME_LANGUAGES)}")
            marked = []
        elif marked and not spec.get("note"):
            bad(at + ("cldr",), f"{iso3}: a name taken from CLDR needs a note saying why")
        names[iso3], iso2[iso3], cldr[iso3] = given, spec["iso2"], tuple(marked)
    if countries is not None:
        for iso3 in names:
            if iso3 not in countries:
                bad(("countries", iso3), f"{iso3}: not a country of countries.yml")
            elif countries[iso3].iso2 != iso2[iso3]:
                bad(("countries", iso3, "iso2"), f"{iso3}: iso2 '{iso2[iso3]}' differs from countries.yml's '{countries[iso3].iso2}'")
        absent = [iso3 for iso3 in countries if iso3 not in names]
        if absent:
            bad(("countries",), f"no names for {', '.join(absent)}: every country of countries.yml needs an entry")
    return CountryNames(source, names, iso2, cldr)


@functools.lru_cache(maxsize=4)
def _country_names_cached(path: Path, stamp: tuple) -> CountryNames | None:
    return _country_names(path.parent, [], None)


def country_names_in(data_dir: Path, code: str) -> dict:
    """ISO alpha-2 code -> the country's UN name in the language `code`, from data_dir's
    country-names.yml; read again only when the file changes. Empty when the file is missing or
    unreadable: load_reference reports why, and the build stops there."""
    path = data_dir / COUNTRY_NAMES_FILE
    try:
        stat = path.stat()
    except OSError:
        return {}
    names = _country_names_cached(path, (stat.st_mtime_ns, stat.st_size))
    return names.in_language(code) if names is not None else {}


def load_reference(data_dir: Path) -> Reference:
    """Read data/; raise ReferenceError_ with every problem if it is inconsistent."""
    root = data_dir.parent
    problems: list[Problem] = unreadable(data_dir, root)  # links and special files, refused by name
    if problems:
        raise ReferenceError_(problems)

    def bad(rel, parsed, at, message):
        line, column = parsed.where(at)
        problems.append(Problem(rel, line, column, "reference-data", message,
                                "Reference data must stay consistent; see the comments at the top of the file."))

    vocabularies: dict[str, Vocabulary] = {}
    for name in ("vocabularies.yml", "languages.yml"):
        parsed, rel = _read(data_dir / name, root, problems)
        if parsed is None:
            continue
        for vname, vocab in (parsed.data.get("vocabularies") or {}).items():
            try:
                terms = {code: Term(code, spec["label"]) for code, spec in vocab["terms"].items()}
                vocabularies[vname] = Vocabulary(vname, vocab.get("title", vname), rel, terms)
            except (KeyError, TypeError, AttributeError):
                bad(rel, parsed, ("vocabularies", vname), f"vocabulary '{vname}' needs a title and terms with labels")

    regions: dict[str, Region] = {}
    wipo_regions: dict[str, str] = {}
    parsed, rel = _read(data_dir / "regions.yml", root, problems)
    if parsed is not None:
        for code, spec in (parsed.data.get("regions") or {}).items():
            try:
                regions[code] = Region(code, spec["name"], spec["level"], spec.get("parent"))
            except (KeyError, TypeError, AttributeError):
                bad(rel, parsed, ("regions", code), f"region '{code}' needs a name and a level")
        for code, spec in (parsed.data.get("wipo_regions") or {}).items():
            try:
                wipo_regions[code] = spec["name"]
            except (KeyError, TypeError):
                bad(rel, parsed, ("wipo_regions", code), f"WIPO region '{code}' needs a name")
        for region in regions.values():
            if region.parent and region.parent not in regions:
                bad(rel, parsed, ("regions", region.code), f"region '{region.code}' has an unknown parent '{region.parent}'")

    countries: dict[str, Country] = {}
    classification = None
    parsed, rel = _read(data_dir / "countries.yml", root, problems)
    if parsed is not None:
        source = parsed.data.get("source") or {}
        try:
            classification = Classification(
                identity=source["identity"], classification=source["classification"], ldc=source["ldc"],
                edition=source["edition"], reviewed=source.get("reviewed", ""), overrides=source.get("overrides", ""),
                citation=source["citation"])
        except (KeyError, TypeError):
            bad(rel, parsed, ("source",), "countries.yml needs source.identity, classification, ldc, edition and citation")
        for iso3, spec in (parsed.data.get("countries") or {}).items():
            at = ("countries", iso3)
            try:
                history = []
                for i, period in enumerate(spec["status"]):
                    if period["status"] not in STATUS_LABELS:
                        bad(rel, parsed, at + ("status", i, "status"), f"{iso3}: unknown status '{period['status']}'")
                    start = _date(period.get("from"))
                    pending, issues = _pending(period.get("pending"), iso3, start)
                    for path, message in issues:
                        bad(rel, parsed, at + ("status", i, "pending") + path, message)
                    history.append(StatusPeriod(period["status"], start, _date(period.get("until")),
                                                period.get("note", ""), pending))
                country = Country(iso3, spec["iso2"], spec["m49"], spec["name"], spec["region"], spec["subregion"],
                                  spec.get("intermediate"), spec["wipo"], tuple(history), spec.get("note") or "")
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                bad(rel, parsed, at, f"{iso3}: incomplete or malformed entry ({exc})")
                continue
            # `m49: null` is written out for an area M49 gives no code; a missing key is a mistake.
            if country.m49 is not None and not (isinstance(country.m49, str) and len(country.m49) == 3
                                                and country.m49.isdigit()):
                bad(rel, parsed, at + ("m49",), f"{iso3}: m49 must be a quoted three-digit code, or null")
            for i, (a, b) in enumerate(zip(history, history[1:])):
                if a.end is None or a.end != b.start:
                    bad(rel, parsed, at + ("status", i + 1), f"{iso3}: status periods must be contiguous ('until' of one equals 'from' of the next)")
            if history:
                *_, last = history
                if history[0].start is not None or last.end is not None:
                    bad(rel, parsed, at + ("status",), f"{iso3}: the first period must have no 'from' and the last no 'until'")
            for code in (country.region, country.subregion, country.intermediate):
                if code and regions and code not in regions:
                    bad(rel, parsed, at, f"{iso3}: unknown M49 region '{code}'")
            if wipo_regions and country.wipo not in wipo_regions:
                bad(rel, parsed, at + ("wipo",), f"{iso3}: unknown WIPO region '{country.wipo}'")
            countries[iso3] = country

    country_names = _country_names(data_dir, problems, countries if parsed is not None else None)

    if problems or classification is None or country_names is None:
        raise ReferenceError_(problems)
    return Reference(countries, regions, wipo_regions, vocabularies, classification, country_names, data_dir)
