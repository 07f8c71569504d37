"""W3C Web Annotations (an AnnotationCollection, an AnnotationPage, one Annotation or a list
of them) read into incoming records; relations are annotations that link two others."""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.schema import Schema
from kzt_annotator.io import jsonld
from kzt_annotator.io.incoming_records import (
    Incoming,
    IncomingFile,
    IncomingRelation,
    MalformedFile,
    iso_time,
    known_kind,
    typed_field,
    whole_number,
)


def read_jsonld_data(data: dict[str, Any], schema: Schema) -> IncomingFile:
    if data.get("type") == "Annotation":
        items = [data]
    elif data.get("type") == "AnnotationPage":
        items = typed_field(data, "items", "the page", list, [])
    else:
        first = typed_field(data, "first", "the collection", dict, None)
        pages = ([first] if first else []) + typed_field(data, "pages", "the collection", list, [])
        items = []
        for n, page in enumerate(pages, start=1):
            if not isinstance(page, dict):
                raise MalformedFile(f"page {n}: not an object")
            items.extend(typed_field(page, "items", f"page {n}", list, []))
    records = []
    relations = []
    for n, item in enumerate(items, start=1):
        where = f"annotation {n}"
        if not isinstance(item, dict):
            raise MalformedFile(f"{where}: not an object")
        try:
            link = jsonld.parse_relation(item)
            fields = jsonld.parse_annotation(item) if link is None else {}
        except (TypeError, ValueError, AttributeError) as exc:
            raise MalformedFile(f"{where}: {exc}") from None
        if link is not None:
            relations.append(
                IncomingRelation(
                    where,
                    link["id"] or None,
                    link["type"],
                    link["source"],
                    link["target"],
                    link["annotator"],
                    iso_time(link["created_at"], where, "created"),
                )
            )
            continue
        records.append(
            Incoming(
                where=where,
                id=fields["id"] or None,
                article_sha256=fields["article_sha256"],
                article_id=None,
                kind=known_kind(fields["kind"], where, schema),
                start=whole_number(fields["start"], where, "start"),
                end=whole_number(fields["end"], where, "end"),
                text=fields["text"],
                prefix=fields["prefix"],
                suffix=fields["suffix"],
                attributes=fields["attributes"],
                note=fields["note"],
                annotator=fields["annotator"],
                created_at=iso_time(fields["created_at"], where, "created"),
                updated_at=iso_time(fields["updated_at"], where, "modified"),
            )
        )
    return IncomingFile(records, format="jsonld", relations=relations)
