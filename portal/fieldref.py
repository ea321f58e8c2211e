"""docs/fields.md: the contributor's field reference, generated from the kinds' declarations and the vocabularies
so it cannot drift from what the validator checks."""

from __future__ import annotations

from .fields import ListOf, Obj
from .problems import CODES
from .formats import BODY
from .kinds import KINDS
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


MODALITIES = [
    "## Modalities of cooperation",
    "",
    "The portal computes the modality of an activity, an initiative and a match from its parties, their roles",
    "and each country's status on the record's date (`data/countries.yml`), in one function",
    "(`portal/verdicts.py`) that the validator, the pages, the exports and matchmaking all call. A declared",
    "`cooperation` (activities) or `kind` (initiatives) that disagrees is an error (`modality-mismatch`) whose",
    "message gives the computed modality and the reason; an activity must come out South-South or triangular",
    "(`modality`), the scope of WIPO's South-South technical assistance database.",
    "",
    "| modality | when |",
    "|---|---|",
    "| `national` | one country only: not cooperation between countries |",
    "| `south-south` | two or more southern countries (developing, least developed or in transition on the date), with no "
    "developed country or international organization in a supporting role |",
    "| `triangular` | two or more southern countries, supported by a developed country or an international organization "
    "(facilitating partner, funder or co-provider) |",
    "| `north-south` | a developed provider and southern beneficiaries, with no southern provider |",
    "| `multilateral` | an international organization provides to southern countries, with no southern provider |",
    "",
    "Roles: an activity's hosts and host organizations provide; its beneficiaries (countries or named groups)",
    "benefit; its organizers organize; its funders' donor countries support. An initiative's pivotal partners",
    "provide, beneficiary partners benefit, facilitating partners support, and network members both give and",
    "receive. A need's seeker benefits and the offer's provider or the consultant provides.",
    "",
    "Conventions: an international organization that only *organizes* an activity does not make it triangular",
    "(WIPO organizes most of the activities its South-South database records; a developed country that",
    "organizes or funds one does support it). A regional IP organization of the South (ARIPO, OAPI, ...) that",
    "hosts, provides or benefits stands for its member states, as a southern group; in a supporting role it",
    "is, like any intergovernmental organization, an international organization supporting the others. A",
    "beneficiary named as a group of countries counts as southern countries other than the providers'.",
    "",
    "Sources: UN Office for South-South Cooperation (South-South cooperation: exchange of knowledge and",
    "resources between two or more developing countries); *Framework of operational guidelines on United",
    "Nations support to South-South and triangular cooperation* (UN High-level Committee on South-South",
    "Cooperation, SSC/19/3, 2016: triangular cooperation as southern-driven partnerships of two or more",
    "developing countries supported by a developed country or a multilateral organization); OECD, the roles",
    "of beneficiary, pivotal and facilitating partners in triangular co-operation; WIPO, South-South IP",
    "Technical Assistance Database (scope: beneficiary and host countries both from the South).",
    "",
]


def render_field_reference(reference: Reference) -> str:
    out = [
        "# Field reference",
        "",
        "Generated from the record kinds' declarations (`portal/kinds/`) and `data/` by `.venv/bin/python build.py schemas`; do not edit by hand.",
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
    out += MODALITIES
    out += ["## Vocabularies", ""]
    for vocab in reference.vocabularies.values():
        if vocab.name == "languages":
            continue
        out += [f"### {vocab.title.capitalize()} (`{vocab.name}`)", "", "| code | label |", "|---|---|"]
        out += [f"| `{t.code}` | {_cell(t.label)} |" for t in vocab.terms.values()]
        out.append("")
    out += ["## Problem codes", "", "What `.venv/bin/python build.py validate` can report, and what it means.", "",
            "| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in CODES.items()]
    return "\n".join(out) + "\n"
