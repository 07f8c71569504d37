"""ORM rows <-> core dataclasses. The only place that knows both shapes."""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.attributes import attributes_from_stored, attributes_to_json
from kzt_annotator.core.kinds import Kind, kind_name
from kzt_annotator.core.model import (
    Annotation,
    Article,
    ArticleSummary,
    PageRange,
    Status,
    TextRange,
)
from kzt_annotator.store.models import AnnotationRow, ArticleRow


def ranges_to_json(ranges: tuple[TextRange, ...]) -> list[list[Any]]:
    return [[r.start, r.end, r.reason] for r in ranges]


def ranges_from_json(data: list[Any] | None) -> tuple[TextRange, ...]:
    return tuple(TextRange(int(s), int(e), str(reason)) for s, e, reason in (data or []))


def pages_to_json(pages: tuple[PageRange, ...]) -> list[list[int]]:
    return [[p.start, p.end, p.page] for p in pages]


def pages_from_json(data: list[Any] | None) -> tuple[PageRange, ...]:
    return tuple(PageRange(int(s), int(e), int(page)) for s, e, page in (data or []))


def article_from_row(row: ArticleRow) -> Article:
    return Article(
        id=row.id,
        text=row.text,
        title=row.title,
        sha256=row.sha256,
        source_file=row.source_file,
        imported_at=row.imported_at,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        url=row.url,
        language=row.language,
        boilerplate=ranges_from_json(row.boilerplate),
        section=row.section,
        length_words=row.length_words,
        export_file=row.export_file,
        export_index=row.export_index,
        pages=pages_from_json(row.pages),
        fetched_at=row.fetched_at,
        syndication_group=row.syndication_group,
        inferred=tuple(row.inferred or ()),
        memo=row.memo or "",
    )


def summary_from_row(row: ArticleRow, counts: dict[str, int]) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        title=row.title,
        sha256=row.sha256,
        source_file=row.source_file,
        imported_at=row.imported_at,
        chars=row.chars,
        outlet=row.outlet,
        author=row.author,
        published=row.published,
        url=row.url,
        language=row.language,
        counts={**{k.value: 0 for k in Kind}, **counts},
        syndication_group=row.syndication_group,
    )


def annotation_from_row(
    row: AnnotationRow, annotator_name: str, linked_ids: tuple[str, ...] = ()
) -> Annotation:
    """`linked_ids`: the annotation's `supports` targets (relation rows; the old column is unused)."""
    kind = kind_name(row.kind)
    return Annotation(
        id=row.id,
        article_id=row.article_id,
        kind=kind,
        start=row.start,
        end=row.end,
        text=row.text,
        attributes=attributes_from_stored(kind, row.attributes),
        annotator=annotator_name,
        status=Status(row.status),
        note=row.note,
        linked_ids=tuple(sorted(linked_ids)),
        reviewer=row.reviewer,
        review_note=row.review_note,
        reviewed_at=row.reviewed_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        orphaned=bool(row.orphaned),
    )


def annotation_values(annotation: Annotation, annotator_id: int) -> dict[str, Any]:
    """Column values for an annotation row (without timestamps and version)."""
    return {
        "id": annotation.id,
        "article_id": annotation.article_id,
        "kind": str(annotation.kind),
        "start": annotation.start,
        "end": annotation.end,
        "text": annotation.text,
        "attributes": attributes_to_json(annotation.attributes),
        "note": annotation.note,
        "annotator_id": annotator_id,
        "status": annotation.status.value,
        "linked_ids": [],  # relations live in their own table (see store.relation_rows)
        "reviewer": annotation.reviewer,
        "review_note": annotation.review_note,
        "reviewed_at": annotation.reviewed_at,
        "orphaned": annotation.orphaned,
    }


ANNOTATION_COLUMNS = (
    "id",
    "article_id",
    "kind",
    "start",
    "end",
    "text",
    "attributes",
    "note",
    "status",
    "linked_ids",
    "reviewer",
    "review_note",
    "reviewed_at",
    "created_at",
    "updated_at",
    "version",
    "orphaned",
)
