"""Our own bundle (`"format": "kzt-annotator-bundle"`): articles with their metadata, annotations
and relations, as `export-json` writes them."""

from __future__ import annotations

from datetime import date
from typing import Any

from kzt_annotator.core.model import NewArticle, TextRange
from kzt_annotator.core.schema import Schema
from kzt_annotator.io.incoming_records import (
    SCALAR,
    Incoming,
    IncomingFile,
    IncomingRelation,
    MalformedFile,
    iso_time,
    known_kind,
    typed_field,
    whole_number,
)


def read_bundle(data: dict[str, Any], schema: Schema) -> IncomingFile:
    """The articles, annotations and relations of a parsed kzt-annotator bundle."""
    articles = []
    for n, item in enumerate(typed_field(data, "articles", "bundle", list, []), start=1):
        where = f"articles[{n}]"
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item.get("title"):
            raise MalformedFile(f"{where}: an article needs text and title")
        text = item["text"]
        published_text = typed_field(item, "published", where, str, "")
        try:
            published = date.fromisoformat(published_text) if published_text else None
        except ValueError:
            raise MalformedFile(f"{where}: published {published_text!r} is not YYYY-MM-DD") from None
        ranges = []
        for m, r in enumerate(typed_field(item, "boilerplate", where, list, []), start=1):
            here = f"{where}.boilerplate[{m}]"
            if not isinstance(r, dict):
                raise MalformedFile(f"{here}: must be an object with start and end")
            start, end = typed_field(r, "start", here, int, None), typed_field(r, "end", here, int, None)
            if start is None or end is None:
                raise MalformedFile(f"{here}: needs a start and an end")
            if not 0 <= start < end <= len(text):
                raise MalformedFile(
                    f"{here}: range {start}-{end} is outside the article text ({len(text)} characters)"
                )
            ranges.append(TextRange(start, end, str(typed_field(r, "reason", here, SCALAR, ""))))
        articles.append(
            NewArticle(
                text=text,
                title=str(typed_field(item, "title", where, SCALAR, "")),
                source_file=str(typed_field(item, "source_file", where, str, "") or "bundle"),
                outlet=typed_field(item, "outlet", where, str, None),
                author=typed_field(item, "author", where, str, None),
                published=published,
                url=typed_field(item, "url", where, str, None),
                language=typed_field(item, "language", where, str, None),
                boilerplate=tuple(ranges),
                inferred=tuple(
                    str(name)
                    for name in typed_field(item, "inferred", where, list, [])
                    if isinstance(name, str)
                ),
            )
        )
    records = []
    for n, item in enumerate(typed_field(data, "annotations", "bundle", list, []), start=1):
        where = f"annotations[{n}]"
        if not isinstance(item, dict):
            raise MalformedFile(f"{where}: not an object")
        attrs = typed_field(item, "attributes", where, dict, {})
        for name, value in attrs.items():
            if value is not None and not isinstance(value, SCALAR):
                raise MalformedFile(f"{where}: attribute {name} must be text or a number")
        linked = typed_field(item, "linked_annotation_ids", where, list, [])
        if not all(isinstance(i, str) for i in linked):
            raise MalformedFile(f"{where}: linked_annotation_ids must be a list of ids (text)")
        records.append(
            Incoming(
                where=where,
                id=typed_field(item, "id", where, str, None) or None,
                article_sha256=typed_field(item, "article_sha256", where, str, ""),
                article_id=whole_number(
                    typed_field(item, "article_id", where, (int, str), None), where, "article_id"
                ),
                kind=known_kind(str(item.get("kind")), where, schema),
                start=whole_number(typed_field(item, "start", where, (int, str), None), where, "start"),
                end=whole_number(typed_field(item, "end", where, (int, str), None), where, "end"),
                text=typed_field(item, "text", where, str, ""),
                attributes={
                    k: ("" if v is None else (str(v) if not isinstance(v, float) else repr(v)))
                    for k, v in attrs.items()
                },
                note=typed_field(item, "note", where, str, ""),
                annotator=typed_field(item, "annotator", where, str, ""),
                status=typed_field(item, "status", where, str, "") or "proposed",
                reviewer=typed_field(item, "reviewer", where, str, ""),
                review_note=typed_field(item, "review_note", where, str, ""),
                linked_ids=list(linked),
                created_at=iso_time(typed_field(item, "created_at", where, str, None), where, "created_at"),
                updated_at=iso_time(typed_field(item, "updated_at", where, str, None), where, "updated_at"),
            )
        )
    relations = []
    for n, item in enumerate(typed_field(data, "relations", "bundle", list, []), start=1):
        where = f"relations[{n}]"
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("type", "source", "target")
        ):
            raise MalformedFile(f"{where}: a relation needs type, source and target")
        relations.append(
            IncomingRelation(
                where,
                item.get("id") or None,
                item["type"],
                item["source"],
                item["target"],
                str(item.get("annotator") or ""),
                iso_time(item.get("created_at"), where, "created_at"),
            )
        )
    return IncomingFile(records, articles, format="bundle", relations=relations)
