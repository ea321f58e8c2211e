"""Artifacts generated from the record formats: the JSON Schemas in schemas/ (for editors and CI)
and the field reference docs/fields.md. A test regenerates them and fails when committed files differ."""

from __future__ import annotations

import json
from pathlib import Path

from .fieldref import render_field_reference
from .records import KINDS, Kind
from .reference import Reference

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: Kind, reference: Reference) -> dict:
    what = "front matter of" if kind.has_body else "file"
    return {
        "$schema": DIALECT,
        "$id": kind.schema_file,
        "title": f"{kind.label.capitalize()} record",
        "description": f"The {what} a {kind.label} record: content/{kind.collection}/<id>{kind.extension}. "
                       "Generated from portal/records.py by 'python build.py schemas'; do not edit.",
        **kind.format.json_schema(reference),
    }


def render_schemas(reference: Reference) -> dict[str, str]:
    """File name -> exact file text, for every kind."""
    return {k.schema_file: json.dumps(schema_for(k, reference), indent=2, ensure_ascii=False) + "\n" for k in KINDS}


def render_generated(reference: Reference) -> dict[str, str]:
    """Every generated file, by path relative to the project root."""
    files = {f"schemas/{name}": text for name, text in render_schemas(reference).items()}
    files["docs/fields.md"] = render_field_reference(reference)
    return files


def stale_files(root: Path, reference: Reference) -> list[str]:
    """Generated files that are missing or differ, and schemas that no record kind produces."""
    expected = render_generated(reference)
    stale = [rel for rel, text in expected.items()
             if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text]
    extra = [f"schemas/{p.name}" for p in (root / "schemas").glob("*.schema.json") if f"schemas/{p.name}" not in expected]
    return sorted(stale + extra)


def write_generated(root: Path, reference: Reference) -> list[str]:
    written = []
    for rel, text in render_generated(reference).items():
        target = root / rel
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(rel)
    return written
