"""Read annotation files (our CSV, our bundle, W3C JSON-LD, brat) into plain incoming records.

Structural problems (wrong columns, invalid JSON, a value that does not parse) raise
`MalformedFile` naming the row or field; nothing is decided about the database here. One module
per format (incoming_csv, incoming_json with incoming_bundle and incoming_jsonld, incoming_brat);
the records and the checks they share are in incoming_records.
"""

from __future__ import annotations

from pathlib import Path

from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.io.incoming_brat import read_brat
from kzt_annotator.io.incoming_csv import REQUIRED_CSV, read_csv
from kzt_annotator.io.incoming_json import read_json
from kzt_annotator.io.incoming_records import Incoming, IncomingFile, IncomingRelation, MalformedFile

__all__ = [
    "REQUIRED_CSV",
    "Incoming",
    "IncomingFile",
    "IncomingRelation",
    "MalformedFile",
    "read_any",
    "read_brat",
    "read_csv",
    "read_json",
]


def read_any(path: Path, type_map: dict[str, str] | None = None, schema: Schema = BUILTIN) -> IncomingFile:
    """Read a file of annotations; kinds and attribute names are checked against `schema`."""
    if path.is_dir() or path.suffix.lower() == ".ann":
        return read_brat(path, type_map, schema)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path, schema)
    if suffix in {".json", ".jsonld"}:
        return read_json(path, schema)
    raise MalformedFile(
        f"{path.name}: unknown annotation format; import .csv, .json (bundle), .jsonld or brat .ann"
    )
