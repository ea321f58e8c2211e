"""`build.py new <kind>`: a commented record template that is valid once its TODOs are filled, and
the same layout filled with a contributor's answers (the contribute page and the issue form)."""

from __future__ import annotations

import datetime as dt
import json
import re

from .fields import PLACEHOLDER, Code, Country, Date, Field, ListOf, Obj
from .kinds import Kind

# Values that fit every record of the kind; required fields without one get a TODO placeholder.
DATE_FIELDS_TODAY = {"listed", "posted", "submitted", "date"}


def _placeholder(f: Field, ftype) -> str:
    if isinstance(ftype, Country):
        return f"{PLACEHOLDER}: ISO alpha-3 country code"
    if isinstance(ftype, Date):
        return f"{PLACEHOLDER}: YYYY-MM-DD"
    if isinstance(ftype, Code):
        return f"{PLACEHOLDER}: a code from {ftype.vocabulary}"
    return f"{PLACEHOLDER}: {f.help[:60].rstrip('.')}"


def _scalar(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _value(f: Field, today: dt.date, title: str | None) -> object:
    if f.name == "title" and title:
        return title
    if f.name in DATE_FIELDS_TODAY:
        return today.isoformat()
    if f.example is not None:
        return f.example
    return None


# Fields a new record file does not list: the language of its texts and their translations are
# added later, by whoever translates (CONTRIBUTING.md, 'Translations').
ADDED_LATER = ("language", "translations")


def _lines(obj: Obj, indent: str, today: dt.date, title: str | None, required_only: bool) -> list[str]:
    out = []
    for f in obj.fields.values():
        if f.name in ADDED_LATER:
            continue
        comment = field_comment(f, indent)
        if not f.required and not f.suggested:
            if required_only:
                continue
            out.append(comment)
            out.append(f"{indent}# {f.name}:")
            continue
        out.append(comment)
        value = _value(f, today, title)
        if isinstance(f.type, Obj):
            out.append(f"{indent}{f.name}:")
            out += _lines(f.type, indent + "  ", today, None, required_only=True)
        elif isinstance(f.type, ListOf) and isinstance(f.type.item, Obj):
            out.append(f"{indent}{f.name}:")
            for i in range(max(1, f.type.min_items)):
                item = _lines(f.type.item, indent + "    ", today, None, required_only=True)
                item = [line for line in item if not line.lstrip().startswith("#")]
                # A partnership template shows both sides: a provider and a beneficiary.
                item = [_with_role(line, ("provider", "beneficiary")[i % 2]) for line in item]
                item[0] = f"{indent}  - " + item[0].lstrip()
                out += item
        elif isinstance(f.type, ListOf):
            items = value if value is not None else [_placeholder(f, f.type.item)]
            out.append(f"{indent}{f.name}: [{', '.join(_scalar(v) for v in items)}]")
        else:
            out.append(f"{indent}{f.name}: {_scalar(value if value is not None else _placeholder(f, f.type))}")
    return out


def _with_role(line: str, role: str) -> str:
    stripped = line.lstrip()
    if stripped.startswith("role: "):
        return line[: len(line) - len(stripped)] + f"role: {_scalar(role)}"
    return line


def template(kind: Kind, title: str | None, today: dt.date) -> str:
    header = header_lines(kind)
    fields = _lines(kind.format, "", today, title, required_only=False)
    if kind.has_body:
        body = kind.body_template.format(todo=PLACEHOLDER + ":")
        return "---\n" + "\n".join(header + fields) + "\n---\n\n" + body
    modeline = f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}"
    return "\n".join([modeline] + header + fields) + "\n"


# --------------------------------------------------------------------------- filled records
# The contribute page and the issue-form converter write a record in the layout of `template`,
# holding a contributor's answers instead of TODOs, so that every route in gives the same file.
# The page's script follows `filled` line for line; a browser test compares the two.


def field_comment(f: Field, indent: str = "") -> str:
    """The comment line `template` writes above a field."""
    label = "required" if f.required else "optional"
    return f"{indent}# {f.name} ({label}, {f.type.describe()}): {f.help}"


def header_lines(kind: Kind) -> list[str]:
    """The comment lines at the top of a record, after the YAML modeline or the opening '---'."""
    return [
        f"# {kind.a_label.capitalize()} record. Fill in every TODO, then run: .venv/bin/python build.py validate",
        "# Optional fields are commented out: remove the '# ' before a field name to use it.",
        "# The field reference is in CONTRIBUTING.md.",
    ]


def body_sections(kind: Kind) -> tuple[tuple[str, str], ...]:
    """(heading, what to write) for each section of a kind's Markdown body, read from its template."""
    if not kind.has_body:
        return ()
    text = kind.body_template
    return tuple(re.findall(r"^## (.+)\n\n\{todo\} (.+)$", text, flags=re.M))


def prune(value):
    """A contributor's answer without surrounding blanks, empty items or empty mappings; None if
    nothing is left. Line ends are normalized, so answers from any browser or form read the same."""
    if isinstance(value, str):
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return text or None
    if isinstance(value, dict):
        kept = {k: v for k, v in ((k, prune(v)) for k, v in value.items()) if v is not None}
        return kept or None
    if isinstance(value, (list, tuple)):
        kept = [v for v in (prune(v) for v in value) if v is not None]
        return kept or None
    return None


def _is_mapping_list(ftype) -> bool:
    return isinstance(ftype, ListOf) and isinstance(ftype.item, Obj)


def _missing_lines(f: Field, indent: str) -> list[str]:
    """A required field without an answer: the template's TODO placeholder, so the validator names it."""
    if isinstance(f.type, Obj):
        out = [f"{indent}{f.name}:"]
        for sub in f.type.fields.values():
            if sub.required:
                out += [field_comment(sub, indent + "  ")] + _missing_lines(sub, indent + "  ")
        return out
    if _is_mapping_list(f.type):
        item = [line for sub in f.type.item.fields.values() if sub.required for line in _missing_lines(sub, "")]
        return [f"{indent}{f.name}:"] + _item_lines(item, indent)
    if isinstance(f.type, ListOf):
        return [f"{indent}{f.name}: [{_scalar(_placeholder(f, f.type.item))}]"]
    return [f"{indent}{f.name}: {_scalar(_placeholder(f, f.type))}"]


def _item_lines(lines: list[str], indent: str) -> list[str]:
    """One item of a list of mappings: '- ' before its first line, its other lines aligned under it."""
    return [indent + ("  - " if i == 0 else "    ") + line for i, line in enumerate(lines)]


def _filled_lines(obj: Obj, values: dict, indent: str, nested: bool) -> list[str]:
    out = []
    for f in obj.fields.values():
        value = values.get(f.name)
        if value is None and f.name in ADDED_LATER:
            continue
        if value is None:
            if f.required:
                out += [field_comment(f, indent)] + _missing_lines(f, indent)
            elif not nested:
                out += [field_comment(f, indent), f"{indent}# {f.name}:"]
            continue
        out.append(field_comment(f, indent))
        if isinstance(f.type, Obj):
            out.append(f"{indent}{f.name}:")
            out += _filled_lines(f.type, value, indent + "  ", nested=True)
        elif _is_mapping_list(f.type):
            out.append(f"{indent}{f.name}:")
            for item in value:
                lines = []
                for sub in f.type.item.fields.values():
                    if item.get(sub.name) is not None:
                        lines.append(f"{sub.name}: {_scalar(item[sub.name])}")
                    elif sub.required:
                        lines += _missing_lines(sub, "")
                out += _item_lines(lines, indent)
        elif isinstance(f.type, ListOf):
            out.append(f"{indent}{f.name}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            out.append(f"{indent}{f.name}: {_scalar(value)}")
    return out


def filled(kind: Kind, values: dict, body: dict | None = None) -> str:
    """A record file holding the given answers, in the layout `template` writes. `values` maps field
    names to text, lists of text, mappings or lists of mappings; `body` maps the headings of
    `body_sections` to Markdown. Empty answers are left out: a required one keeps its TODO
    placeholder (so the validator names it), an optional one stays commented out."""
    fields = _filled_lines(kind.format, prune(values) or {}, "", nested=False)
    if not kind.has_body:
        modeline = f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}"
        return "\n".join([modeline] + header_lines(kind) + fields) + "\n"
    answers = prune(body or {}) or {}
    sections = [f"## {heading}\n\n{answers[heading]}" for heading, _ in body_sections(kind) if heading in answers]
    text = "---\n" + "\n".join(header_lines(kind) + fields) + "\n---\n"
    return text + ("\n" + "\n\n".join(sections) + "\n" if sections else "")


def placeholder(f: Field) -> str:
    """The TODO text `template` writes for a required field, or for each item of a required list."""
    return _placeholder(f, f.type.item if isinstance(f.type, ListOf) else f.type)
