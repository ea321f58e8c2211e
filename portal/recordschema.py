"""The JSON Schema of each record kind's file, as contributors' editors and CI check it; written
to schemas/ by `build.py schemas` and published with the open data."""

from __future__ import annotations

import json

from .fields import DIALECT
from .kinds import KINDS, Kind
from .reference import Reference


def schema_for(kind: Kind, reference: Reference) -> dict:
    what = "front matter of" if kind.has_body else "file"
    return {
        "$schema": DIALECT,
        "$id": kind.schema_file,
        "title": f"{kind.label.capitalize()} record",
        "description": f"The {what} a {kind.label} record: content/{kind.collection}/<id>{kind.extension}. "
                       "Generated from the record kinds' declarations (portal/kinds/) by '.venv/bin/python build.py schemas'; do not edit.",
        **kind.format.json_schema(reference),
    }


def render_schemas(reference: Reference) -> dict[str, str]:
    """File name -> exact file text, for every kind."""
    return {k.schema_file: json.dumps(schema_for(k, reference), indent=2, ensure_ascii=False) + "\n" for k in KINDS}
