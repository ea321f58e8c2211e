"""The committed JSON Schemas and field reference are generated from the record formats and must not drift."""

import json
from pathlib import Path

from portal.kinds import KINDS
from portal.schemas import render_generated, render_schemas, stale_files

ROOT = Path(__file__).resolve().parent.parent


def test_committed_generated_files_are_up_to_date(reference):
    assert stale_files(ROOT, reference) == [], "run 'python build.py schemas' and commit the result"


def test_stale_schema_is_detected(tmp_path, reference):
    for rel, text in render_generated(reference).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert stale_files(tmp_path, reference) == []
    target = tmp_path / "schemas" / "activity.schema.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"maxLength": 200', '"maxLength": 300', 1), encoding="utf-8")
    (tmp_path / "schemas" / "old.schema.json").write_text("{}", encoding="utf-8")
    assert stale_files(tmp_path, reference) == ["schemas/activity.schema.json", "schemas/old.schema.json"]


def test_field_reference_lists_nested_fields(reference):
    text = render_generated(reference)["docs/fields.md"]
    assert "| `partners[].role` | yes | code from the `partner-roles` vocabulary |" in text
    assert "| `south-south` | South-South cooperation |" in text


def test_schema_matches_the_definition(reference):
    for kind in KINDS:
        schema = json.loads(render_schemas(reference)[kind.schema_file])
        assert list(schema["properties"]) == list(kind.format.fields)
        assert schema["required"] == [f.name for f in kind.format.fields.values() if f.required]
        assert schema["additionalProperties"] is False
    activity = json.loads(render_schemas(reference)["activity.schema.json"])
    assert "workshop" in activity["properties"]["type"]["enum"]
    assert "NOR" in activity["properties"]["hosts"]["items"]["enum"]


def test_shipped_yml_records_name_their_schema():
    records = [p for kind in KINDS if kind.extension == ".yml"
               for p in sorted((ROOT / "content" / kind.collection).glob("*.yml"))]
    assert records, "the repository ships records"
    by_collection = {k.collection: k for k in KINDS}
    for path in records:
        kind = by_collection[path.parent.name]
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schemas/{kind.schema_file}", path.name
