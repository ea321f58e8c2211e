"""Stage 2, validate: turn raw records into typed, cross-linked records, or problems. Every problem
is told in one run: a record with schema errors is left out of the catalog, but the rules that
read only its valid fields still run on it (a rule says what it reads: `rules.reading`); any
error stops the build before render."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import rules
from .characters import CONTROL_HINT, CONTROLS, markdown_problems, position
from .fields import INVALID, PLACEHOLDER, Checker, did_you_mean, suggest
from .load import RawRecord
from .problems import Problem, Report
from .formats import BODY
from .kinds import BY_COLLECTION, KINDS
from .reference import Reference


@dataclass(frozen=True)
class Catalog:
    """Every valid record, by collection and sorted by id, with the reference data they use."""

    reference: Reference
    records: dict  # collection -> tuple of records

    def counts(self) -> dict:
        return {kind.collection: len(self.records.get(kind.collection, ())) for kind in KINDS}

    def get(self, collection: str, record_id: str):
        return self._index().get((collection, record_id))

    def _index(self) -> dict:
        cache = self.__dict__.get("_by_id")
        if cache is None:
            cache = {(c, r.id): r for c, rs in self.records.items() for r in rs}
            object.__setattr__(self, "_by_id", cache)
        return cache


def _checker(raw: RawRecord, reference: Reference, report: Report) -> Checker:
    def add(path, line, column, code, message, hint, field, severity):
        report.add(Problem(path, line, column, code, message, hint, field, severity))

    return Checker(raw.path, raw.parsed, raw.line_offset, reference, add)


def _check_body_placeholders(raw: RawRecord, report: Report) -> None:
    for i, line in enumerate(raw.body.splitlines()):
        if line.lstrip().startswith(PLACEHOLDER):
            column = len(line) - len(line.lstrip()) + 1
            report.add(Problem(raw.path, raw.body_line + i, column, "placeholder",
                               "the text below the front matter still holds a TODO placeholder",
                               "Replace each TODO paragraph with your own text.", "body"))


def _check_body_text(raw: RawRecord, report: Report) -> bool:
    """The Markdown body is a text like the others: no control characters, bounded in length, and
    nothing that would take Markdown too long. Problems point at the very line and column."""
    body = raw.body.replace("\r\n", "\n")
    ok = True

    def add(index: int, code: str, message: str, hint: str) -> None:
        line = raw.body_line + body.count("\n", 0, max(index, 0))
        column = max(index, 0) - (body.rfind("\n", 0, max(index, 0)) + 1) + 1
        report.add(Problem(raw.path, line, column, code, message, hint, "body"))

    bad = CONTROLS.search(body)
    if bad:
        add(bad.start(), "control-character", "the text below the front matter contains the control character "
            f"U+{ord(bad.group(0)):04X} at {position(body, bad.start())}", CONTROL_HINT)
        ok = False
    if len(body) > BODY.max_length:
        add(0, "too-long", f"the text below the front matter is {len(body)} characters long; the limit is "
            f"{BODY.max_length}", "Shorten it; link to a longer report under 'sources' or 'links'.")
        return False
    for message, hint in markdown_problems(body, "the text below the front matter"):
        add(0, "markdown-complex", message, hint)
        ok = False
    for index, what, found in rules.personal_contacts(body):
        add(index, "personal-contact", f"the text below the front matter contains {what} ('{found}'); the portal "
            "publishes no personal contact details", rules.PRIVACY_HINT)
        ok = False
    return ok


def _check_references(kind, record, chk: Checker, ids: dict) -> None:
    for field_name, collection in kind.references.items():
        value = getattr(record, field_name)
        values = value if isinstance(value, tuple) else ((value,) if value else ())
        for i, target in enumerate(values):
            if target in ids[collection]:
                continue
            at = (field_name, i) if isinstance(value, tuple) else (field_name,)
            options = suggest(target, ids[collection])
            label = BY_COLLECTION[collection].label
            chk.problem(at, "unknown-reference", f"no {label} has the id '{target}'",
                        (did_you_mean(options).capitalize() + " " if options else "")
                        + f"{label.capitalize()} ids are the file names in content/{collection}/ without the extension.")


def _convert(raw: RawRecord, reference: Reference, report: Report, partial: list | None = None):
    """Schema checks of one record: (record, its checker), or None when it is invalid. An invalid
    record whose format kept its valid fields is added to `partial` as (kind, record, checker)."""
    chk = _checker(raw, reference, report)
    rules.check_personal_contact(raw.parsed.data, (), chk, raw.kind.format)
    record = raw.kind.format.convert(
        raw.parsed.data, (), chk, extra={"id": raw.id, "path": raw.path, "body": raw.body, "body_line": raw.body_line})
    _check_body_placeholders(raw, report)
    body_ok = not raw.kind.has_body or _check_body_text(raw, report)
    if record is not INVALID and body_ok:
        return record, chk
    if partial is not None and chk.partial is not None:
        partial.append((raw.kind, chk.partial, chk))
    elif partial is not None and record is not INVALID:  # only the body is wrong: rules read no body
        chk.invalid = frozenset(("body",))
        partial.append((raw.kind, record, chk))
    return None


def _check_partial(kind, record, chk: Checker, context: rules.RuleContext) -> None:
    """The rules of an invalid record that read none of its invalid fields, so that their problems
    come in the same run as the format's (references are checked on valid records only)."""
    for rule in kind.rules:
        reads = getattr(rule, "reads", None)
        if reads is not None and not (set(reads) & chk.invalid):
            rule(kind, record, chk, context)


def _check_rules(kind, record, chk: Checker, context: rules.RuleContext, ids: dict) -> None:
    """The checks that look beyond the record: its kind's rules (South-South, matches, expiry) and
    its references to other records."""
    for rule in kind.rules:
        rule(kind, record, chk, context)
    _check_references(kind, record, chk, ids)


def validate(raws: list[RawRecord], reference: Reference, report: Report, today: dt.date | None = None) -> Catalog:
    """`today` decides which needs and offers have expired (warnings); records themselves are judged
    on their own dates."""
    today = today or dt.date.today()
    typed, partial = [], []
    for raw in raws:
        converted = _convert(raw, reference, report, partial)
        if converted is not None:
            typed.append((raw.kind, *converted))

    by_collection = defaultdict(list)
    for kind, record, _ in typed:
        by_collection[kind.collection].append(record)
    ids = {kind.collection: {r.id for r in by_collection[kind.collection]} for kind in KINDS}
    context = rules.RuleContext(reference, today, {c: {r.id: r for r in rs} for c, rs in by_collection.items()})
    for kind, record, chk in typed:
        _check_rules(kind, record, chk, context, ids)
    for kind, record, chk in partial:
        _check_partial(kind, record, chk, context)

    records = {kind.collection: tuple(sorted(by_collection[kind.collection], key=lambda r: r.id)) for kind in KINDS}
    return Catalog(reference, records)


def revalidate(raw: RawRecord, catalog: Catalog, report: Report, today: dt.date):
    """One changed record checked against an otherwise valid catalog (what `serve` does first after
    an edit): the record, or None when it has errors. The full build that follows checks the whole
    catalog again, including other records' references to this one."""
    converted = _convert(raw, catalog.reference, report)
    if converted is None:
        return None
    record, chk = converted
    ids = {kind.collection: {r.id for r in catalog.records[kind.collection]} for kind in KINDS}
    ids[raw.kind.collection].add(record.id)
    context = rules.RuleContext(catalog.reference, today, {c: {r.id: r for r in rs} for c, rs in catalog.records.items()})
    _check_rules(raw.kind, record, chk, context, ids)
    return None if report.failed() else record


def replace_record(catalog: Catalog, collection: str, record) -> Catalog:
    """The catalog with one record added or replaced (by id), still sorted by id."""
    kept = [r for r in catalog.records[collection] if r.id != record.id]
    records = {**catalog.records, collection: tuple(sorted([*kept, record], key=lambda r: r.id))}
    return Catalog(catalog.reference, records)
