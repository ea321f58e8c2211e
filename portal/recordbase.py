"""What every record has besides the fields of its format: its id (the file name) and its file. A
module of its own, importing nothing, so that the generated record classes (portal/recordtypes.py)
can derive from it without importing the schema language that converts into them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordBase:
    id: str
    path: str  # relative to the project root, with forward slashes
    body: str  # the Markdown body of .md records; "" for .yml records
    body_line: int  # the line the body starts on in the file
