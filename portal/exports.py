"""Open data: every collection as versioned JSON (with its JSON Schema) and as CSV, and one ZIP of
it all, written under data/ in the built site. Same records, same bytes: no wall-clock time."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile

from . import forking
from .fields import DIALECT, PartialDate
from .kinds import KINDS, Kind
from .recordschema import render_schemas
from .reference import Reference

# The version of the export format. Bump the minor number for added fields, the major number for
# anything that can break a reader, and say what changed in CHANGELOG below.
EXPORT_VERSION = "1.2"
CHANGELOG = (
    ("1.0", "2026-11-29", "First published format: one JSON file (with schema) and one CSV file per collection."),
    ("1.1", "2026-12-06", "Activities, initiatives and matches carry 'modality', computed from their parties and their "
                          "status on the record's date; new fields for organizations as hosts, beneficiary groups, "
                          "participant totals, sector, funding, phases and sources. CSV: every cell is quoted, and a "
                          "cell that starts with =, +, -, @, a tab or a carriage return starts with a single quote, so "
                          "that spreadsheet programs show it as text and never run it as a formula."),
    ("1.2", "2026-12-06", "Every JSON file names the records' licence under 'license' (name and address); the ZIP "
                          "and the data folder hold LICENSE.txt, which names it for the CSV files too."),
)
LICENCE_FILE = "LICENSE.txt"


def licence_text(name: str, url: str, publisher: str) -> str:
    """LICENSE.txt of the downloads: the records' licence, for the CSV files that cannot say it."""
    return (f"The records in these files are published by {publisher} under the {name} licence"
            + (f": {url}" if url else ".") + "\n\nReuse them freely under its terms, naming the portal and, where a "
            "record names them, its sources.\nThe reference data (country classification, names) keeps the terms "
            "of its own sources, named in each file.\n")
COMPUTED = "modality"  # the computed modality of cooperation, for kinds that have one
FOLDER = "data"
LIST_SEPARATOR = "; "  # between the values of a multi-valued field in CSV
BASE_FIELDS = ("id", "path", "body", "body_line")


def plain(value):
    """A typed record value as JSON data: dates as ISO strings, records as objects, tuples as lists."""
    if isinstance(value, PartialDate):
        return value.iso
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) is not None}
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    return value


def record_data(kind: Kind, record, modality: str | None = None) -> dict:
    data = {"id": record.id}
    if modality:
        data[COMPUTED] = modality
    for name in kind.format.fields:
        value = getattr(record, name)
        if value is None or value == ():
            continue
        data[name] = plain(value)
    if kind.has_body:
        data["body"] = record.body
    return data


def export_schema(kind: Kind, reference: Reference) -> dict:
    """The schema of one collection's JSON export: an envelope around records of the record format."""
    record = kind.format.json_schema(reference)
    record = {**record, "properties": {"id": {"type": "string", "description": "The record's id: its file name."},
                                       **record["properties"]}}
    record["required"] = ["id", *record.get("required", [])]
    if kind.parties is not None:
        record["properties"] = {"id": record["properties"]["id"], COMPUTED: {
            "enum": ["south-south", "triangular", "north-south", "multilateral", "national"],
            "description": "The modality of cooperation, computed by the portal from the record's parties and their "
                           "status on the record's date."}, **{k: v for k, v in record["properties"].items() if k != "id"}}
        record["required"].insert(1, COMPUTED)
    if kind.has_body:
        record["properties"]["body"] = {"type": "string", "description": "The Markdown text below the front matter."}
    return {
        "$schema": DIALECT,
        "$id": f"{kind.collection}.schema.json",
        "title": f"{kind.label_plural.capitalize()}: open data export",
        "type": "object",
        "required": ["schema_version", "collection", "built", "count", "license", "records"],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": EXPORT_VERSION},
            "collection": {"const": kind.collection},
            "built": {"type": "string", "format": "date", "description": "The day the site was built."},
            "count": {"type": "integer", "minimum": 0},
            "license": {"type": "object", "description": "The licence of the records.", "required": ["name"],
                        "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
                        "additionalProperties": False},
            "records": {"type": "array", "items": record},
        },
    }


def csv_columns(kind: Kind) -> list[str]:
    """Column names: nested fields as 'venue.city'; lists of mappings as one column per sub-field,
    'beneficiaries.country', whose values line up item by item across those columns."""
    columns = ["id"] + ([COMPUTED] if kind.parties is not None else [])
    for name, f in kind.format.fields.items():
        item = getattr(f.type, "item", None)
        sub = getattr(f.type, "fields", None) or getattr(item, "fields", None)
        columns += [f"{name}.{s}" for s in sub] if sub else [name]
    if kind.has_body:
        columns.append("body")
    return columns


def csv_row(kind: Kind, record, modality: str | None = None) -> list[str]:
    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, tuple):
            return LIST_SEPARATOR.join(cell(v) for v in value)
        return str(plain(value))

    row = [record.id] + ([modality or ""] if kind.parties is not None else [])
    for name, f in kind.format.fields.items():
        value = getattr(record, name)
        item = getattr(f.type, "item", None)
        if getattr(f.type, "fields", None):  # one mapping
            row += [cell(getattr(value, s) if value else None) for s in f.type.fields]
        elif getattr(item, "fields", None):  # a list of mappings
            row += [LIST_SEPARATOR.join(cell(getattr(v, s)) for v in value) for s in item.fields]
        else:
            row.append(cell(value))
    if kind.has_body:
        row.append(record.body)
    return row


def modalities(kind: Kind, records, catalog) -> list:
    """Each record's computed modality code (None for a kind without one)."""
    if kind.parties is None:
        return [None] * len(records)
    return [kind.modality(r, catalog, catalog.reference).modality for r in records]


# A cell a spreadsheet program would read as a formula starts with one of these (OWASP, "CSV
# Injection"): such a cell gets a single quote in front, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(text: str) -> str:
    """A CSV cell that no spreadsheet program runs as a formula (OWASP's recommendation)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(kind: Kind, records, computed=None) -> bytes:
    """Every cell quoted, so that a program that splits on another separator (';' in many
    locales) cannot start a new cell inside one, and none starting as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(csv_columns(kind))
    for record, modality in zip(records, computed or [None] * len(records)):
        writer.writerow([neutral_cell(cell) for cell in csv_row(kind, record, modality)])
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(kind: Kind, records, built: str, computed=None, licence: dict | None = None) -> bytes:
    """The envelope, then one record per line: easy to read and to compare, and written by json's C
    encoder (an indented dump goes through its Python one: most of the exports' time at 10,000)."""
    head = json.dumps({"schema_version": EXPORT_VERSION, "collection": kind.collection, "built": built,
                       "count": len(records), "license": licence or {"name": ""}}, ensure_ascii=False)
    lines = ",\n".join(json.dumps(record_data(kind, r, m), ensure_ascii=False)
                        for r, m in zip(records, computed or [None] * len(records)))
    return (head[:-1] + ', "records": [' + (f"\n{lines}\n" if records else "") + "]}\n").encode("utf-8")


def export_files(catalog, built: str, licence: tuple = ("", "", "")) -> dict[str, bytes]:
    """Site path -> bytes, for every export file and the ZIP that holds them all. `licence`: the
    records' licence (name, address) and the publisher, from site.toml."""
    name, url, publisher = licence
    named = {"name": name, **({"url": url} if url else {})}
    files: dict[str, bytes] = {f"{FOLDER}/{LICENCE_FILE}": licence_text(name, url, publisher).encode("utf-8")}
    for kind in KINDS:
        records = catalog.records[kind.collection]
        computed = modalities(kind, records, catalog)
        files[f"{FOLDER}/{kind.collection}.json"] = render_json(kind, records, built, computed, named)
        files[f"{FOLDER}/{kind.collection}.csv"] = render_csv(kind, records, computed)
        files[f"{FOLDER}/schemas/{kind.collection}.schema.json"] = (
            json.dumps(export_schema(kind, catalog.reference), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # The record formats themselves, as contributors' editors use them (the files in schemas/).
    for name, text in render_schemas(catalog.reference).items():
        files[f"{FOLDER}/schemas/records/{name}"] = text.encode("utf-8")
    files[f"{FOLDER}/all-data.zip"] = zip_of(files, built)
    return files


class Exporting:
    """The export files, made in a forked process beside the pages for a large catalog (they do
    not depend on the language and nothing else needs them until the data page shows their sizes);
    in this process for a small one, where a process costs more than it saves. `files()` waits."""

    PARALLEL_MIN_RECORDS = 2000

    def __init__(self, catalog, built: str, licence: tuple = ("", "", "")):
        large = sum(len(r) for r in catalog.records.values()) >= self.PARALLEL_MIN_RECORDS
        self.running = forking.background((catalog, built, licence), _export_share, fork=large)

    def files(self) -> dict[str, bytes]:
        return self.running.result()[0]


def _export_share(job: tuple, _worker: int, _workers: int) -> dict[str, bytes]:
    return export_files(*job)


def zip_of(files: dict[str, bytes], built: str) -> bytes:
    """A ZIP with fixed timestamps and order, so the same data gives the same archive."""
    year, month, day = (int(x) for x in built.split("-"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path.removeprefix(FOLDER + "/"), date_time=(year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return out.getvalue()
