"""The interface's translation catalogs: extraction, update and status (`build.py i18n-update`,
`build.py i18n-status`). Babel does the work: messages are extracted from the Python code
(`_()`, `N_()`, `ngettext()`), from the templates (Jinja's i18n extension), and from the text
that lives in data files (vocabulary labels, region names, the notes on countries' classification
periods, the initiative's story headings, the site's title from site.toml). Country and language names are not in the catalogs: they come
from CLDR (portal/i18n.py)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import jinja2.ext
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from .config import load_config
from .i18n import DOMAIN, SOURCE_LANGUAGE, catalog_path
from .project import Project
from .kinds import INITIATIVE
from .reference import load_reference
from .scaffold import body_sections

# Fixed dates in the catalogs' headers: the files change only when their messages do.
STAMP = dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc)
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trimmed": "true"}
WIDTH = 100


def _sources(project: Project):
    """(method, file) for every source file with interface text, in a stable order."""
    for path in sorted((project.root / "portal").rglob("*.py")):
        yield "python", path
    for path in sorted(project.templates_dir.rglob("*.html")):
        yield jinja2.ext.babel_extract, path


def extract(project: Project) -> Catalog:
    """The template catalog (what a .pot file holds): every message the interface can show."""
    template = Catalog(domain=DOMAIN, project="South-South IP Cooperation Portal", creation_date=STAMP,
                       charset="utf-8", fuzzy=False)
    for method, path in _sources(project):
        rel = path.relative_to(project.root).as_posix()
        options = {} if method == "python" else JINJA_OPTIONS
        for lineno, message, comments, context in extract_from_file(method, str(path), options=options,
                                                                      comment_tags=("i18n:",),
                                                                      strip_comment_tags=True):
            if message and (message[0] if isinstance(message, tuple) else message).strip():
                template.add(message, locations=[(rel, lineno)], auto_comments=comments, context=context)
    for message, where, comment in _data_messages(project):
        template.add(message, locations=[(where, 0)], auto_comments=[comment])
    return template


def _data_messages(project: Project):
    """Interface text that lives in data files: (message, file, note for translators)."""
    reference = load_reference(project.data_dir)
    for name, vocab in reference.vocabularies.items():
        if name == "languages":  # language names come from CLDR
            continue
        for code, term in vocab.terms.items():
            yield term.label, "data/vocabularies.yml", f"Vocabulary '{name}', code '{code}'."
    for code, region in reference.regions.items():
        yield region.name, "data/regions.yml", f"UN M49 {region.level.replace('-', ' ')} {code}: use the UN's name."
    for code, name in reference.wipo_regions.items():
        yield name, "data/regions.yml", f"WIPO regional grouping '{code}'."
    for iso3, country in reference.countries.items():
        for period in country.history:
            if period.note:
                yield period.note, "data/countries.yml", f"A note on a period of {iso3}'s classification."
    for heading, prompt in body_sections(INITIATIVE):
        yield heading, "portal/scaffold.py", "A section of an initiative's story (the contribute form)."
        yield prompt, "portal/scaffold.py", f"What to write under '{heading}'."
    config, _problems = load_config(project.config_file, project.root)
    for key in ("title", "tagline", "publisher"):
        yield getattr(config, key), "site.toml", f"The site's {key}, from site.toml."


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=False, sort_output=False, include_previous=False)
    path.write_bytes(buffer.getvalue())


def read_catalog(path: Path, code: str) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale=code)


def update(project: Project, languages, add: str | None = None) -> dict[str, int]:
    """Bring every language's catalog up to date with the code and templates: new messages are added
    empty, vanished ones dropped (no obsolete entries kept), changed ones kept as fuzzy for review.
    Returns the number of messages still to translate, per language."""
    template = extract(project)
    codes = [c for c in dict.fromkeys([*languages, *([add] if add else [])]) if c != SOURCE_LANGUAGE]
    todo = {}
    for code in codes:
        path = catalog_path(project.locale_dir, code)
        catalog = read_catalog(path, code) if path.is_file() else Catalog(locale=code, domain=DOMAIN,
                                                                            creation_date=STAMP)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.creation_date = STAMP
        catalog.revision_date = STAMP
        catalog.project = template.project
        catalog.fuzzy = False
        _write(catalog, path)
        todo[code] = len(missing(catalog))
    return todo


def missing(catalog: Catalog) -> list:
    """Messages of a catalog with no usable translation: empty, partly empty (plurals) or fuzzy."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            out.append(message)
    return out


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    messages: int
    untranslated: list  # msgids of the interface still in English
    records: int  # records whose texts are not in this language
    records_total: int
    by_collection: tuple = ()  # (collection, records not in this language, records) per kind of record


def status(project: Project, languages, catalog) -> list[LanguageStatus]:
    """Per language: interface messages and records still untranslated, the records also per kind."""
    total = sum(len(records) for records in catalog.records.values())
    out = []
    template = extract(project)
    for code in languages:
        by_collection = tuple((collection, sum(1 for r in records if not _has_texts_in(r, code)), len(records))
                              for collection, records in catalog.records.items() if records)
        untranslated_records = sum(missing_here for _c, missing_here, _n in by_collection)
        if code == SOURCE_LANGUAGE:
            out.append(LanguageStatus(code, len(template), [], untranslated_records, total, by_collection))
            continue
        path = catalog_path(project.locale_dir, code)
        if not path.is_file():
            out.append(LanguageStatus(code, len(template), [m.id for m in template if m.id], untranslated_records, total,
                                      by_collection))
            continue
        po = read_catalog(path, code)
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}
        absent = [m.id for m in template if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in ids]
        out.append(LanguageStatus(code, len(template), [m.id for m in missing(po)] + absent, untranslated_records, total,
                                  by_collection))
    return out


def _has_texts_in(record, code: str) -> bool:
    """A record reads in a language when it is written in it or its title (or, for a consultant,
    the biography) has a translation into it."""
    if (record.language or SOURCE_LANGUAGE) == code:
        return True
    translation = getattr(record.translations, code, None) if record.translations else None
    if translation is None:
        return False
    fields = [f for f in ("title", "biography") if hasattr(translation, f)]
    return any(getattr(translation, f) for f in fields)
