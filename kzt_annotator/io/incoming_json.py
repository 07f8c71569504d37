"""A JSON annotation file: our bundle or W3C Web Annotations, told apart by their content."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.io.decode import decode_text
from kzt_annotator.io.incoming_bundle import read_bundle
from kzt_annotator.io.incoming_jsonld import read_jsonld_data
from kzt_annotator.io.incoming_records import IncomingFile, MalformedFile


def read_json(path: Path, schema: Schema = BUILTIN) -> IncomingFile:
    try:
        data = json.loads(decode_text(path.read_bytes())[0])
    except json.JSONDecodeError as exc:
        raise MalformedFile(
            f"{path.name}: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise MalformedFile(
            f"{path.name}: the JSON is nested too deeply to be an annotation file; check that it is one"
        ) from None
    try:
        return _read_json_data(path, data, schema)
    except RecursionError:
        raise MalformedFile(
            f"{path.name}: the JSON is nested too deeply; check that it is an annotation file"
        ) from None


def _read_json_data(path: Path, data: Any, schema: Schema) -> IncomingFile:
    if isinstance(data, dict) and data.get("format") == "kzt-annotator-bundle":
        return read_bundle(data, schema)
    if isinstance(data, dict) and (
        data.get("type") in {"AnnotationCollection", "AnnotationPage", "Annotation"}
    ):
        return read_jsonld_data(data, schema)
    if isinstance(data, list) and all(isinstance(i, dict) and i.get("type") == "Annotation" for i in data):
        return read_jsonld_data({"type": "AnnotationPage", "items": data}, schema)
    raise MalformedFile(
        f"{path.name}: JSON of an unknown shape: expected a kzt-annotator bundle "
        '("format": "kzt-annotator-bundle") or W3C Web Annotations'
    )
