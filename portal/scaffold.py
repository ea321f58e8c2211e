"""`build.py new <kind>`: a commented record template that is valid once its TODOs are filled, and
the same layout filled with a contributor's answers (the contribute page and the issue form)."""

from __future__ import annotations

import datetime as dt
import json
import re

from .fields import PLACEHOLDER, Code, Country, Date, Field, ListOf, Obj
from .records import Kind

BODY_TEMPLATE = {
    "initiative": "## The partnership\n\n{todo} Who works with whom, and why.\n\n"
                  "## Results\n\n{todo} What has changed so far.\n\n## Lessons\n\n{todo} What others can learn.\n",
    "case-study": "## Background\n\n{todo} The situation before.\n\n## What was done\n\n{todo} The steps taken.\n\n"
                  "## Results and lessons\n\n{todo} What changed, and what others can learn.\n",
}
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


def _lines(obj: Obj, indent: str, today: dt.date, title: str | None, required_only: bool) -> list[str]:
    out = []
    for f in obj.fields.values():
        label = "required" if f.required else "optional"
        comment = f"{indent}# {f.name} ({label}, {f.type.describe()}): {f.help}"
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
    header = [
        f"# {kind.a_label.capitalize()} record. Fill in every TODO, then run: python build.py validate",
        "# Optional fields are commented out: remove the '# ' before a field name to use it.",
        "# The field reference is in CONTRIBUTING.md.",
    ]
    fields = _lines(kind.format, "", today, title, required_only=False)
    if kind.has_body:
        body = BODY_TEMPLATE[kind.name].format(todo=PLACEHOLDER + ":")
        return "---\n" + "\n".join(header + fields) + "\n---\n\n" + body
    modeline = f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}"
    return "\n".join([modeline] + header + fields) + "\n"
