"""The analysis-ready CSV: one row per annotation, fixed columns, formula-safe by default.

Cells a spreadsheet would run as a formula (leading =, +, -, @, tab, carriage return) get a
leading apostrophe, as OWASP advises; a cell that already starts with an apostrophe before such
a character gets one more, so reading back (`unneutralise`) is exact. Numeric columns are written
as plain numbers and never touched: "-4404" stays a number.
"""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.anchoring import context_of
from kzt_annotator.core.attributes import ALL_ATTRIBUTE_NAMES, attributes_to_strings
from kzt_annotator.core.model import Annotation, ArticleSummary

COLUMNS: tuple[str, ...] = (
    "annotation_id",
    "article_id",
    "article_sha256",
    "article_title",
    "outlet",
    "author",
    "published",
    "url",
    "kind",
    "start",
    "end",
    "text",
    "context_before",
    "context_after",
    "annotator",
    "status",
    "reviewer",
    "review_note",
    "quantity",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "unit",
    "as_of",
    "figure_source",
    "speaker",
    "speaker_role",
    "quote_kind",
    "claim_key",
    "claimant",
    "stance",
    "linked_annotation_ids",
    "note",
    "created_at",
    "updated_at",
)
NUMERIC = frozenset({"article_id", "start", "end", "value", "value_low", "value_high"})
CONTEXT_CHARS = 80
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
assert set(ALL_ATTRIBUTE_NAMES) <= set(COLUMNS)


def neutralise(value: str) -> str:
    if value.startswith(TRIGGERS) or (value.startswith("'") and value.lstrip("'").startswith(TRIGGERS)):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(TRIGGERS):
        return value[1:]
    return value


def row_for(annotation: Annotation, article: ArticleSummary, text: str, *, raw: bool = False) -> list[Any]:
    before, after = context_of(text, annotation.start, annotation.end, CONTEXT_CHARS)
    attrs = attributes_to_strings(annotation.attributes)
    values: dict[str, Any] = {
        "annotation_id": annotation.id,
        "article_id": article.id,
        "article_sha256": article.sha256,
        "article_title": article.title,
        "outlet": article.outlet or "",
        "author": article.author or "",
        "published": article.published.isoformat() if article.published else "",
        "url": article.url or "",
        "kind": annotation.kind.value,
        "start": annotation.start,
        "end": annotation.end,
        "text": annotation.text,
        "context_before": before,
        "context_after": after,
        "annotator": annotation.annotator,
        "status": annotation.status.value,
        "reviewer": annotation.reviewer or "",
        "review_note": annotation.review_note,
        "linked_annotation_ids": ";".join(annotation.linked_ids),
        "note": annotation.note,
        "created_at": annotation.created_at.isoformat() if annotation.created_at else "",
        "updated_at": annotation.updated_at.isoformat() if annotation.updated_at else "",
    }
    for name in ALL_ATTRIBUTE_NAMES:
        values[name] = attrs.get(name, "")
    row: list[Any] = []
    for column in COLUMNS:
        value = values[column]
        if column in NUMERIC:
            row.append(value if isinstance(value, int) else (value or ""))
        else:
            text_value = str(value)
            row.append(text_value if raw else neutralise(text_value))
    return row
