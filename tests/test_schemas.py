"""The committed JSON Schemas, field reference and record classes are generated from the record
formats and must not drift."""

import dataclasses
import json
import pickle
import typing
from pathlib import Path

from portal import recordtypes
from portal.fields import PartialDate, record_class
from portal.pipeline import check
from portal.project import Project
from portal.recordbase import RecordBase
from portal.kinds import KINDS
from portal.schemas import RECORD_TYPES_FILE, record_mappings, render_generated, render_schemas, stale_files

ROOT = Path(__file__).resolve().parent.parent


def test_committed_generated_files_are_up_to_date(reference):
    assert stale_files(ROOT, reference) == [], "run '.venv/bin/python build.py schemas' and commit the result"


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


def test_stale_record_classes_are_detected(tmp_path, reference):
    for rel, text in render_generated(reference).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    target = tmp_path / RECORD_TYPES_FILE
    target.write_text(target.read_text(encoding="utf-8").replace("    participants: int | None\n", "", 1),
                      encoding="utf-8")
    assert stale_files(tmp_path, reference) == [RECORD_TYPES_FILE]


# What a type checker sees that the running module does not import (its `if TYPE_CHECKING:` names).
CHECKER = {"PartialDate": PartialDate}


def test_every_mapping_converts_into_its_generated_class():
    mappings = record_mappings()
    assert {"Activity", "Venue", "Beneficiary", "Organization", "Partner", "Contact", "Source",
            "CaseStudyTranslation", "CaseStudyTranslations"} <= {m.name for m in mappings}
    for mapping in mappings:
        generated = getattr(recordtypes, mapping.name)
        assert mapping.cls is generated and generated.__module__ == "portal.recordtypes"
        hints = typing.get_type_hints(generated, localns=CHECKER)  # what a type checker reads resolves
        assert list(hints) == [f.name for f in dataclasses.fields(generated)]
    assert typing.get_type_hints(recordtypes.Activity, localns=CHECKER)["venue"] == recordtypes.Venue | None
    assert typing.get_type_hints(recordtypes.Activity, localns=CHECKER)["beneficiaries"] == tuple[recordtypes.Beneficiary, ...]
    assert issubclass(recordtypes.Activity, RecordBase)


def test_a_class_that_differs_from_its_format_is_not_used(monkeypatch):
    """While portal/recordtypes.py is out of date (the test above fails), records still convert,
    into a class made from the format itself."""
    fields = ["city", "country"]
    assert record_class("Venue", fields) is recordtypes.Venue
    monkeypatch.setattr(recordtypes, "Venue", dataclasses.make_dataclass("Venue", ["country", "city"], frozen=True))
    made = record_class("Venue", fields)
    assert made is not recordtypes.Venue and [f.name for f in dataclasses.fields(made)] == fields
    assert record_class("Venue", [*fields, "street"]) is not recordtypes.Venue
    assert record_class("Venue", fields, bases=(RecordBase,)) is not recordtypes.Venue
    assert record_class("NoSuchMapping", fields).__name__ == "NoSuchMapping"


def test_validated_records_pickle_and_unpickle_equal():
    records = check(Project(ROOT)).catalog.records
    assert all(records.values())
    again = pickle.loads(pickle.dumps(records))
    assert again == records
    activity = next(r for r in records["activities"] if r.venue and r.beneficiaries)
    copy = pickle.loads(pickle.dumps(activity))
    assert copy == activity and type(copy) is recordtypes.Activity and type(copy.venue) is recordtypes.Venue
