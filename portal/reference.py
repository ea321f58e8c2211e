"""Reference data from data/: countries with their dated classification, M49 and WIPO regions,
and the vocabularies. Read with the same safe YAML reader as content; problems become reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import yamlsafe
from .load import FileTooLarge, NotRegular, read_regular, unreadable
from .problems import Problem

STATUS_LABELS = {
    "least-developed": "a least developed country",
    "developing": "a developing economy",
    "in-transition": "an economy in transition",
    "developed": "a developed economy",
}
SOUTHERN = frozenset({"least-developed", "developing", "in-transition"})


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
class StatusPeriod:
    status: str
    start: dt.date | None  # inclusive; None: since the start of the data
    end: dt.date | None  # exclusive; None: still in force
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

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
    m49: str
    name: str
    region: str
    subregion: str
    intermediate: str | None
    wipo: str
    history: tuple  # StatusPeriod, in date order

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
class Reference:
    countries: dict  # iso3 -> Country
    regions: dict  # m49 code -> Region
    wipo_regions: dict  # code -> name
    vocabularies: dict  # name -> Vocabulary
    classification: Classification

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
                    history.append(StatusPeriod(period["status"], _date(period.get("from")),
                                                _date(period.get("until")), period.get("note", "")))
                country = Country(iso3, spec["iso2"], spec["m49"], spec["name"], spec["region"], spec["subregion"],
                                  spec.get("intermediate"), spec["wipo"], tuple(history))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                bad(rel, parsed, at, f"{iso3}: incomplete or malformed entry ({exc})")
                continue
            for i, (a, b) in enumerate(zip(history, history[1:])):
                if a.end is None or a.end != b.start:
                    bad(rel, parsed, at + ("status", i + 1), f"{iso3}: status periods must be contiguous ('until' of one equals 'from' of the next)")
            if history and (history[0].start is not None or history[-1].end is not None):
                bad(rel, parsed, at + ("status",), f"{iso3}: the first period must have no 'from' and the last no 'until'")
            for code in (country.region, country.subregion, country.intermediate):
                if code and regions and code not in regions:
                    bad(rel, parsed, at, f"{iso3}: unknown M49 region '{code}'")
            if wipo_regions and country.wipo not in wipo_regions:
                bad(rel, parsed, at + ("wipo",), f"{iso3}: unknown WIPO region '{country.wipo}'")
            countries[iso3] = country

    if problems or classification is None:
        raise ReferenceError_(problems)
    return Reference(countries, regions, wipo_regions, vocabularies, classification)
