"""docs/fields.md: the contributor's field reference, generated from records.py and the vocabularies
so it cannot drift from what the validator checks."""

from __future__ import annotations

from .fields import ListOf, Obj
from .problems import CODES
from .records import BODY, KINDS
from .reference import Reference


def _rows(obj: Obj, prefix: str = ""):
    for f in obj.fields.values():
        name = prefix + f.name
        ftype = f.type
        yield name, f, ftype
        if isinstance(ftype, Obj):
            yield from _rows(ftype, name + ".")
        elif isinstance(ftype, ListOf) and isinstance(ftype.item, Obj):
            yield from _rows(ftype.item, name + "[].")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_field_reference(reference: Reference) -> str:
    out = [
        "# Field reference",
        "",
        "Generated from `portal/records.py` and `data/` by `python build.py schemas`; do not edit by hand.",
        "",
        "One record, one file; the file name (without extension) is the record's id: lowercase ASCII letters,",
        "digits and single hyphens, at most 80 characters. Dates are `YYYY-MM-DD`, `YYYY-MM` or `YYYY`;",
        "countries are ISO 3166-1 alpha-3 codes (`data/countries.yml`); languages are ISO 639-1 codes",
        "(`data/languages.yml`). Text is read as written: quote nothing unless the value contains `: ` or",
        "starts with a special character. No text may hold control characters (YAML escapes such as",
        "`\\x01`); titles, names and ids are one line, without bidirectional controls or zero-width",
        "characters. Markdown texts may not hold so many unclosed `[`, `](` or `<` that converting them",
        "would take too long.",
        "",
    ]
    for kind in KINDS:
        where = f"content/{kind.collection}/<id>{kind.extension}"
        out += [f"## {kind.label_plural.capitalize()}", "", f"File: `{where}`"
                + (" (YAML front matter between `---` lines, then the Markdown body, at most "
                   f"{BODY.max_length} characters)." if kind.has_body else "."),
                f"JSON Schema: [`schemas/{kind.schema_file}`](../schemas/{kind.schema_file}).",
                "", "| field | required | value | meaning |", "|---|---|---|---|"]
        for name, f, ftype in _rows(kind.format):
            out.append(f"| `{name}` | {'yes' if f.required else ''} | {_cell(ftype.describe())} | {_cell(f.help)} |")
        out.append("")
    out += ["## Vocabularies", ""]
    for vocab in reference.vocabularies.values():
        if vocab.name == "languages":
            continue
        out += [f"### {vocab.title.capitalize()} (`{vocab.name}`)", "", "| code | label |", "|---|---|"]
        out += [f"| `{t.code}` | {_cell(t.label)} |" for t in vocab.terms.values()]
        out.append("")
    out += ["## Problem codes", "", "What `python build.py validate` can report, and what it means.", "",
            "| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in CODES.items()]
    return "\n".join(out) + "\n"
