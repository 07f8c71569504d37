"""The stable JSON shapes of articles and annotations (documented in the README)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kzt_annotator.core.attributes import attributes_to_json
from kzt_annotator.core.model import Annotation, Article, ArticleSummary
from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.core.syndication import SyndicationGroup


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "outlet": summary.outlet,
        "author": summary.author,
        "published": iso(summary.published),
        "url": summary.url,
        "language": summary.language,
        "sha256": summary.sha256,
        "source_file": summary.source_file,
        "imported_at": iso(summary.imported_at),
        "chars": summary.chars,
        "counts": dict(summary.counts),
        "syndication_group": summary.syndication_group,
        "memo": summary.memo,
        "variables": dict(summary.variables),
    }


def article_json(article: Article, *, with_text: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": iso(article.published),
        "url": article.url,
        "language": article.language,
        "sha256": article.sha256,
        "source_file": article.source_file,
        "imported_at": iso(article.imported_at),
        "chars": len(article.text),
        "boilerplate": [{"start": r.start, "end": r.end, "reason": r.reason} for r in article.boilerplate],
        "inferred": list(article.inferred),
        "section": article.section,
        "length_words": article.length_words,
        "export_file": article.export_file,
        "export_index": article.export_index,
        "pages": [{"start": p.start, "end": p.end, "page": p.page} for p in article.pages],
        "fetched_at": iso(article.fetched_at),
        "syndication_group": article.syndication_group,
        "memo": article.memo,
    }
    if with_text:
        data["text"] = article.text
    return data


def annotation_json(annotation: Annotation, schema: Schema = BUILTIN) -> dict[str, Any]:
    """The documented annotation shape; `schema` declares the kind (every field, null if unset)."""
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "kind": str(annotation.kind),
        "start": annotation.start,
        "end": annotation.end,
        "text": annotation.text,
        "attributes": attributes_to_json(annotation.attributes, schema),
        "note": annotation.note,
        "annotator": annotation.annotator,
        "status": annotation.status.value,
        "reviewer": annotation.reviewer,
        "review_note": annotation.review_note,
        "reviewed_at": iso(annotation.reviewed_at),
        "linked_annotation_ids": list(annotation.linked_ids),
        "created_at": iso(annotation.created_at),
        "updated_at": iso(annotation.updated_at),
        "version": annotation.version,
        "orphaned": annotation.orphaned,
    }


def group_json(group: SyndicationGroup) -> dict[str, Any]:
    """One near-duplicate group, as `duplicates --format json` prints it."""
    return {
        "group": group.group_id,
        "outlets": group.outlets,
        "articles": [
            {
                "id": m.article_id,
                "title": m.title,
                "outlet": m.outlet,
                "published": iso(m.published),
                "source_file": m.source_file,
            }
            for m in group.members
        ],
    }
