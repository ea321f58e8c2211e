"""The validator's checks of an initiative, exported for the contribute page's script at build time.

The page cannot run the validator, so the build hands it what the validator decides from: the
record format (which fields are required, which are dates, codes or countries, which date may not
come before which), the vocabularies' codes, every country's dated status periods from
data/countries.yml, the TODO text a missing answer leaves in the file, and the validator's own
messages (portal/messages.py) in the page's language. The script (templates/static/contribute.js)
applies them as `portal/fields.py` and `portal/rules.py` do, so that the error summary says what
`build.py validate` would say of the file; tests/test_contribute_checks.py compares the two."""

from __future__ import annotations

import json

from . import messages as M
from .contribute import field_paths
from .fields import Code, Country, Date, Email, ListOf, Obj, Url, _clip
from .i18n import _, active
from .kinds import INITIATIVE
from .kinds.initiative import PARTIES, ROLE_PARTIES
from .reference import SOUTHERN, Reference
from .rules import INTERNATIONAL
from .scaffold import placeholder

MESSAGES = {name: getattr(M, name) for name in (
    "PLACEHOLDER", "REQUIRED", "TOO_MANY", "VOCABULARY", "DATE", "DATE_ORDER", "COUNTRY", "COUNTRY_REQUIRED", "COUNTRY_ON_DAY",
    "SOUTH_SOUTH_PARTNER", "NOT_SOUTHERN_PARTNER", "TRIANGULAR_SOUTHERN", "TRIANGULAR_FACILITATOR_NONE",
    "TRIANGULAR_FACILITATOR_SOUTH", "MODALITY_MISMATCH", "NOT_ADMITTED", "NO_COUNTRY_NAMED", "PARTY",
    "INTERNATIONAL_ORGANIZATION", "GROUP_OF_COUNTRIES", "STORY_EMPTY")}


def _type(ftype) -> dict:
    inner = ftype.item if isinstance(ftype, ListOf) else ftype
    out = {"list": isinstance(ftype, ListOf)}
    if isinstance(ftype, ListOf):
        out.update(minItems=ftype.min_items, maxItems=ftype.max_items)
    if isinstance(inner, Code):
        out.update(type="code", vocabulary=inner.vocabulary)
    elif isinstance(inner, Country):
        out["type"] = "country"
    elif isinstance(inner, Date):
        out["type"] = "date"
    elif isinstance(inner, (Email, Url)):
        out["type"] = "email" if isinstance(inner, Email) else "url"
    elif isinstance(inner, Obj):
        out["type"] = "mapping"
    else:
        out.update(type="text", maxLength=getattr(inner, "max_length", None))
    return out


def form_checks(reference: Reference) -> dict:
    """What the page's script checks, in the language being rendered (the messages, country names,
    statuses and vocabulary titles); everything else is the same in every language."""
    english = active().code == "en"
    fields = {}
    for path, f in field_paths():
        entry = {"required": f.required, **_type(f.type)}
        if f.not_before:
            entry["notBefore"] = f.not_before
        if f.required and not isinstance(f.type, Obj) and not (isinstance(f.type, ListOf) and isinstance(f.type.item, Obj)):
            entry["placeholder"] = _clip(placeholder(f))  # as the validator quotes it
        fields[path] = entry
    vocabularies = {}
    for entry in fields.values():
        if entry["type"] == "code" and entry["vocabulary"] not in vocabularies:
            vocab = reference.vocabulary(entry["vocabulary"])
            vocabularies[entry["vocabulary"]] = {"title": vocab.title if english else _(vocab.title),
                                                 "codes": list(vocab.terms)}
    countries = {}
    for c in reference.countries.values():
        countries[c.iso3] = {
            "name": c.name if english else active().country(c.iso2, c.name),
            "periods": [[p.start.isoformat() if p.start else None, p.end.isoformat() if p.end else None, p.status]
                        for p in c.history],
        }
    return {
        "fields": fields,
        "vocabularies": vocabularies,
        "countries": countries,
        "statuses": {code: _(label) for code, label in M.STATUS_LABELS.items()},
        "southern": sorted(SOUTHERN),
        "international": list(INTERNATIONAL),
        "parties": list(PARTIES),
        "roleParties": ROLE_PARTIES,
        "modalities": list(INITIATIVE.modalities),
        "aKind": INITIATIVE.a_label,
        "messages": {name: _(text) for name, text in MESSAGES.items()},
        "reasons": {name: _(text) for name, text in M.REASONS.items()},
    }


def form_checks_json(reference: Reference) -> str:
    """The checks as JSON text; the page places it in a <script type="application/json"> island
    through the `script_json` filter (no inline code runs, and it works from disk)."""
    return json.dumps(form_checks(reference), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
