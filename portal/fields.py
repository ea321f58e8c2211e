"""The schema language: field types that turn parsed YAML into typed values, report problems with
their place, and describe themselves as JSON Schema. The record formats in `records.py` are
written in it, once; the validator, the JSON Schemas and the contributor docs all come from there.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from .characters import character_problem, markdown_problems
from . import messages as M
from .dates import DATE_RE, PartialDate, parse_partial_date  # noqa: F401 (PartialDate: the type of Date fields, imported from here)

INVALID = object()  # a value that failed conversion; its problem is already reported
DIALECT = "https://json-schema.org/draft/2020-12/schema"  # of every JSON Schema we generate

PLACEHOLDER = "TODO"


# --------------------------------------------------------------------------- checking context


class Checker:
    """What a type needs while converting one file: where values are, and where to report."""

    def __init__(self, path: str, parsed, line_offset: int, reference, report_problem: Callable):
        self.path = path
        self.parsed = parsed
        self.line_offset = line_offset
        self.reference = reference
        self._report = report_problem
        self.errors = 0  # reported so far: later checks of a record can stay quiet about what is already said
        self.error_fields: set[str] = set()  # the top-level fields those errors are about
        self.partial = None  # a record whose format found errors: its valid fields, the others None
        self.invalid: frozenset = frozenset()  # the top-level fields of `partial` that are None for an error

    def where(self, at: tuple, key: bool = False) -> tuple[int, int]:
        line, column = self.parsed.where(at, key=key)
        return line + self.line_offset, column

    def problem(self, at: tuple, code: str, message: str, hint: str = "", key: bool = False,
                severity: str = "error") -> None:
        line, column = self.where(at, key=key)
        self.errors += severity == "error"
        if severity == "error":
            self.error_fields.add(str(at[0]) if at else "")
        self._report(self.path, line, column, code, message, hint, dotted(at), severity)


def dotted(at: tuple) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def suggest(word: str, choices, n: int = 3) -> list[str]:
    lowered = {c.lower(): c for c in choices}
    return [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.6)]


def did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    return "did you mean " + " or ".join(f"'{o}'" for o in options) + "?"


def _shape(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "text"


# --------------------------------------------------------------------------- types


class FieldType:
    """Base of all field types. `convert` returns the typed value or INVALID."""

    noun = "value"

    def convert(self, value: Any, at: tuple, chk: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self, reference) -> dict:
        raise NotImplementedError

    def describe(self) -> str:
        return self.noun

    def annotation(self) -> str:
        """The Python type of a converted value, as the generated record classes annotate it."""
        raise NotImplementedError

    def empty(self) -> Any:
        return None


class Scalar(FieldType):
    """A single written value; lists and mappings are type errors, TODO placeholders are caught."""

    one_line = True  # refuses line breaks, tabs and invisible characters (see character_problem)

    def convert(self, value, at, chk):
        if isinstance(value, (dict, list)):
            chk.problem(at, "type", f"'{dotted(at)}' should be {self.noun}, not {_shape(value)}",
                        self.shape_hint())
            return INVALID
        bad = character_problem(value.strip(" \t\n"), self.one_line)
        if bad:
            code, what, hint = bad
            chk.problem(at, code, f"'{dotted(at)}' contains {what}", hint)
            return INVALID
        text = value.strip()
        if text.startswith(PLACEHOLDER):
            chk.problem(at, "placeholder", M.say(M.PLACEHOLDER, field=dotted(at), text=_clip(text)),
                        "Replace the TODO text with the real value, or delete the line if the field is optional.")
            return INVALID
        return self.convert_text(text, at, chk)

    def shape_hint(self) -> str:
        return f"Write a single {self.noun} on the same line as the field name."

    def annotation(self) -> str:
        return "str"

    def convert_text(self, text: str, at: tuple, chk: Checker) -> Any:
        return text


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


class Text(Scalar):
    noun = "text"

    def __init__(self, max_length: int = 200, markdown: bool = False):
        self.max_length = max_length
        self.markdown = markdown
        # Titles, names and ids are one line; Markdown and longer texts may have several.
        self.one_line = not markdown and max_length <= 200

    def convert_text(self, text, at, chk):
        if len(text) > self.max_length:
            chk.problem(at, "too-long", f"'{dotted(at)}' is {len(text)} characters long; the limit is {self.max_length}",
                        "Shorten it; long narratives belong in the description or the Markdown body.")
            return INVALID
        if self.markdown:
            slow = markdown_problems(text, f"'{dotted(at)}'")
            for message, hint in slow:
                chk.problem(at, "markdown-complex", message, hint)
            if slow:
                return INVALID
        return text

    def describe(self):
        return ("Markdown text" if self.markdown else "text") + f" (at most {self.max_length} characters)"

    def json_schema(self, reference):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}


class Code(Scalar):
    """One code of a vocabulary in data/vocabularies.yml (or the languages list)."""

    def __init__(self, vocabulary: str, code: str = "vocabulary"):
        self.vocabulary = vocabulary
        self.error_code = code

    @property
    def noun(self):
        return f"a code from the '{self.vocabulary}' vocabulary"

    def convert_text(self, text, at, chk):
        vocab = chk.reference.vocabulary(self.vocabulary)
        if text in vocab.terms:
            return text
        by_label = {t.label.lower(): code for code, t in vocab.terms.items()}
        options = [by_label[text.lower()]] if text.lower() in by_label else suggest(text, vocab.terms)
        if not options:
            options = [by_label[m] for m in suggest(text, by_label)]
        listing = ", ".join(sorted(vocab.terms)) if len(vocab.terms) <= 20 else f"see {vocab.source_file}"
        hint = did_you_mean(options).capitalize() if options else ""
        hint = (hint + " " if hint else "") + f"Allowed codes: {listing}."
        chk.problem(at, self.error_code, M.say(M.VOCABULARY, text=text, vocabulary=vocab.title), hint)
        return INVALID

    def describe(self):
        return f"code from the `{self.vocabulary}` vocabulary"

    def json_schema(self, reference):
        vocab = reference.vocabulary(self.vocabulary)
        return {"type": "string", "enum": sorted(vocab.terms)}


class Country(Scalar):
    noun = "an ISO 3166-1 alpha-3 country code"

    def convert_text(self, text, at, chk):
        countries = chk.reference.countries
        if text in countries:
            return text
        options = []
        upper = text.upper()
        if upper in countries:
            options = [upper]
        elif len(text) == 2 and chk.reference.alpha2(upper):
            options = [chk.reference.alpha2(upper).iso3]
        else:
            by_name = {c.name.lower(): c.iso3 for c in countries.values()}
            options = [by_name[m] for m in suggest(text, by_name, n=2)]
        named = [f"{o} ({countries[o].name})" for o in options]
        hint = "Countries are written as ISO 3166-1 alpha-3 codes, such as BRA, KEN or IND."
        if named:
            hint = "Did you mean " + " or ".join(named) + "? " + hint
        chk.problem(at, "country", M.say(M.COUNTRY, text=text), hint)
        return INVALID

    def describe(self):
        return "ISO 3166-1 alpha-3 country code"

    def json_schema(self, reference):
        return {"type": "string", "enum": sorted(reference.countries)}


class Date(Scalar):
    noun = "a date"

    def convert_text(self, text, at, chk):
        parsed = parse_partial_date(text)
        if parsed is None:
            chk.problem(at, "date", M.say(M.DATE, text=text),
                        "Write dates as YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601), for example 2024-03-15, "
                        "and check that the day exists in that month.")
            return INVALID
        return parsed

    def describe(self):
        return "date: YYYY-MM-DD, YYYY-MM or YYYY"

    def annotation(self):
        return "PartialDate"

    def json_schema(self, reference):
        # YAML 1.2 editors read an unquoted year as a number; accept that too.
        return {"anyOf": [{"type": "string", "pattern": DATE_RE.pattern},
                          {"type": "integer", "minimum": 1900, "maximum": 9999}]}


class Url(Scalar):
    noun = "a web address"

    def convert_text(self, text, at, chk):
        parts = urlsplit(text) if " " not in text else None
        if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
            chk.problem(at, "url", f"'{_clip(text)}' is not an http(s) web address",
                        "Links must start with https:// (or http://) and name a website.")
            return INVALID
        return text

    def describe(self):
        return "web address starting with https://"

    def json_schema(self, reference):
        return {"type": "string", "pattern": "^https?://[^\\s]+$", "maxLength": 500}


EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


class Email(Scalar):
    noun = "an e-mail address"

    def convert_text(self, text, at, chk):
        if not EMAIL_RE.match(text):
            chk.problem(at, "email", f"'{_clip(text)}' is not a valid e-mail address",
                        "Write a role address such as cooperation@office.example, without 'mailto:'.")
            return INVALID
        return text

    def describe(self):
        return "e-mail address of a role or team"

    def json_schema(self, reference):
        return {"type": "string", "format": "email"}


class Integer(Scalar):
    noun = "a whole number"

    def __init__(self, minimum: int = 0, maximum: int = 1_000_000):
        self.minimum, self.maximum = minimum, maximum

    def convert_text(self, text, at, chk):
        if not re.fullmatch(r"\d{1,9}", text) or not self.minimum <= int(text) <= self.maximum:
            chk.problem(at, "number", f"'{_clip(text)}' is not a whole number from {self.minimum} to {self.maximum}",
                        "Write digits only, without separators or words, for example 25.")
            return INVALID
        return int(text)

    def describe(self):
        return f"whole number from {self.minimum} to {self.maximum}"

    def annotation(self):
        return "int"

    def json_schema(self, reference):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class ListOf(FieldType):
    def __init__(self, item: FieldType, min_items: int = 0, max_items: int = 50, unique: bool = True):
        self.item, self.min_items, self.max_items, self.unique = item, min_items, max_items, unique

    def empty(self):
        return ()

    def convert(self, value, at, chk):
        if not isinstance(value, list):
            chk.problem(at, "type", f"'{dotted(at)}' should be a list, not {_shape(value)}",
                        "Write a list with one item per line starting with '- ', or in brackets: [a, b].")
            return INVALID
        if len(value) > self.max_items:
            chk.problem(at, "too-long", M.say(M.TOO_MANY, field=dotted(at), count=len(value), limit=self.max_items),
                        "Keep the most relevant items.")
            return INVALID
        out, seen, ok = [], {}, True
        for i, item in enumerate(value):
            if item is None:
                chk.problem(at + (i,), "required", f"item {i + 1} of '{dotted(at)}' is empty",
                            "Remove the empty '-' line or write a value after it.")
                ok = False
                continue
            converted = self.item.convert(item, at + (i,), chk)
            if converted is INVALID:
                ok = False
                continue
            if self.unique and isinstance(converted, str):
                if converted in seen:
                    chk.problem(at + (i,), "duplicate-item",
                                f"'{converted}' is listed twice in '{dotted(at)}' (items {seen[converted] + 1} and {i + 1})",
                                "Remove the repeated item.")
                    ok = False
                    continue
                seen[converted] = i
            out.append(converted)
        if ok and len(out) < self.min_items:
            chk.problem(at, "too-short", f"'{dotted(at)}' needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}; it has {len(out)}",
                        f"Add items to the list; each is a {self.item.describe()}.")
            return INVALID
        return tuple(out) if ok else INVALID

    def describe(self):
        return f"list of {self.item.describe()}"

    def annotation(self):
        return f"tuple[{self.item.annotation()}, ...]"

    def json_schema(self, reference):
        schema = {"type": "array", "items": self.item.json_schema(reference), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str
    required: bool = False
    example: Any = None  # what `build.py new` writes; None writes a TODO placeholder
    not_before: str | None = None  # a date field that must not end before this sibling starts
    suggested: bool = False  # written into `build.py new` templates even though optional


class Obj(FieldType):
    """A mapping with a fixed set of fields, converted into a frozen dataclass: the class of its name
    in `recordtypes.py`, which `build.py schemas` generates from the record formats, so that type
    checkers see the records' classes and pickle finds them."""

    noun = "a mapping"

    def __init__(self, name: str, fields: list[Field], bases: tuple = ()):
        self.name = name
        self.fields = {f.name: f for f in fields}
        self.bases = bases
        self._cls: type | None = None

    @property
    def cls(self) -> type:
        """Found on first use: the generated module imports the record formats, written in this one."""
        if self._cls is None:
            self._cls = record_class(self.name, list(self.fields), self.bases)
        return self._cls

    def convert(self, value, at, chk, extra: dict | None = None):
        if not isinstance(value, dict):
            chk.problem(at, "type", f"'{dotted(at) or 'the record'}' should be a mapping of fields, not {_shape(value)}",
                        "Write one 'field: value' per line, indented under the field name.")
            return INVALID
        ok = True
        for key in value:
            if key not in self.fields:
                options = suggest(key, self.fields)
                known = ", ".join(self.fields)
                hint = (did_you_mean(options).capitalize() + " " if options else "") + f"Known fields: {known}."
                chk.problem(at + (key,), "unknown-field", f"unknown field '{dotted(at + (key,))}'", hint, key=True)
                ok = False
        converted, invalid = {}, set()
        for name, f in self.fields.items():
            raw = value.get(name)
            if raw is None or raw == [] or raw == {}:
                if f.required:
                    where = at + (name,) if name in value else at
                    chk.problem(where, "required", M.say(M.REQUIRED, field=dotted(at + (name,))),
                                f"Add a line '{name}: …' ({f.type.describe()}). {f.help}", key=name in value)
                    ok = False
                    invalid.add(name)
                converted[name] = f.type.empty()
                continue
            typed = f.type.convert(raw, at + (name,), chk)
            if typed is INVALID:
                ok = False
                invalid.add(name)
            converted[name] = typed
        # The order of two dates is checked whenever both are valid, whatever else is wrong: every
        # problem is told in one run.
        for name, f in self.fields.items():
            end, start = converted[name], converted.get(f.not_before) if f.not_before else None
            if f.not_before and end and start and end is not INVALID and start is not INVALID:
                if end.last_day < start.first_day:
                    chk.problem(at + (name,), "date-order",
                                M.say(M.DATE_ORDER, field=dotted(at + (name,)), end=end.iso, other=f.not_before,
                                      start=start.iso),
                                "Check both dates; an end date cannot come before the start.")
                    ok = False
        if not ok:
            if at == ():  # the record itself: keep what is valid, for the rules that read only that
                chk.partial = self.cls(**{n: (f.type.empty() if n in invalid else converted[n])
                                          for n, f in self.fields.items()}, **(extra or {}))
                chk.invalid = frozenset(invalid)
            return INVALID
        return self.cls(**converted, **(extra or {}))

    def describe(self):
        return "mapping of " + ", ".join(self.fields)

    def annotation(self):
        return self.name

    def json_schema(self, reference):
        props = {}
        for f in self.fields.values():
            prop = f.type.json_schema(reference)
            prop = {"description": f.help, **prop}
            props[f.name] = prop
        schema = {"type": "object", "properties": props, "additionalProperties": False}
        required = [f.name for f in self.fields.values() if f.required]
        if required:
            schema["required"] = required
        return schema


def _layout(cls: type) -> tuple:
    """What makes two dataclasses interchangeable at run time: bases, options and fields in order."""
    return (cls.__bases__, repr(cls.__dataclass_params__),
            [(f.name, f.default, f.default_factory, f.init, f.compare, f.kw_only) for f in dataclasses.fields(cls)])


def record_class(name: str, field_names: list[str], bases: tuple = ()) -> type:
    """The frozen dataclass `name` of `recordtypes.py` when it has these fields and bases; otherwise
    (that file is out of date, a test's own mapping) one made here, which works the same but cannot
    be pickled or seen by a type checker. tests/test_schemas.py fails while the file is out of date."""
    made = dataclasses.make_dataclass(name, [(n, Any) for n in field_names], bases=bases, frozen=True)
    try:
        from . import recordtypes
    except ImportError:  # not generated yet
        return made
    generated = getattr(recordtypes, name, None)
    if isinstance(generated, type) and dataclasses.is_dataclass(generated) and _layout(generated) == _layout(made):
        return generated
    return made
