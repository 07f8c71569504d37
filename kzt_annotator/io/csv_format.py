"""The analysis-ready CSV: one row per annotation, fixed columns, formula-safe by default.

Cells a spreadsheet would run as a formula (leading =, +, -, @, tab, carriage return) get a
leading apostrophe, as OWASP advises; a cell that already starts with an apostrophe before such
a character gets one more, so reading back (`unneutralise`) is exact. Numeric columns are written
as plain numbers and never touched: "-4404" stays a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC
from typing import Any

from kzt_annotator.core.attributes import ALL_ATTRIBUTE_NAMES, ATTRIBUTE_NAMES, format_number
from kzt_annotator.core.model import ArticleSummary
from kzt_annotator.core.schema import BUILTIN, Schema

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
    "via",
    "claim_key",
    "claimant",
    "stance",
    "linked_annotation_ids",
    "note",
    "created_at",
    "updated_at",
    "relations",
    "orphaned",
)
# Exports that neutralised formula triggers end each row with this column, set to "yes"; an
# import takes the added apostrophes off only in such rows (a --raw export has no such column).
NEUTRALISED_COLUMN = "neutralised"
NUMERIC = frozenset({"article_id", "start", "end", "value", "value_low", "value_high"})
CONTEXT_CHARS = 80
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
assert set(ALL_ATTRIBUTE_NAMES) <= set(COLUMNS)


def header(columns: tuple[str, ...], *, raw: bool = False) -> tuple[str, ...]:
    """The header row: `columns`, then the neutralised marker unless the export is raw."""
    return columns if raw else (*columns, NEUTRALISED_COLUMN)


def marker(*, raw: bool = False) -> list[str]:
    """The cells that end each row: the neutralised marker's "yes" unless the export is raw."""
    return [] if raw else ["yes"]


def neutralise(value: str) -> str:
    if value.startswith(TRIGGERS) or (value.startswith("'") and value.lstrip("'").startswith(TRIGGERS)):
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(TRIGGERS):
        return value[1:]
    return value


_RISKY = frozenset("=+-@\t\r'")
ATTRIBUTE_COLUMNS = COLUMNS[COLUMNS.index("quantity") : COLUMNS.index("stance") + 1]
_ATTRIBUTE_INDEX = {name: i for i, name in enumerate(ATTRIBUTE_COLUMNS)}
_NUMERIC_ATTRIBUTES = NUMERIC & set(ATTRIBUTE_COLUMNS)
_NAMES_BY_KIND = {str(kind): frozenset(names) for kind, names in ATTRIBUTE_NAMES.items()}
_NO_ATTRIBUTES = ("",) * len(ATTRIBUTE_COLUMNS)
assert ATTRIBUTE_COLUMNS == tuple(n for n in COLUMNS if n in ALL_ATTRIBUTE_NAMES)
assert [COLUMNS.index(c) for c in ("linked_annotation_ids", "note", "created_at", "updated_at")] == [
    33,
    34,
    35,
    36,
]
# 'type:target_id' joined by ';': every relation from this annotation; then the orphan flag
assert COLUMNS[-2:] == ("relations", "orphaned")


class CsvLayout:
    """The columns of one project's CSV: the fixed COLUMNS, then one per field of its
    project-defined kinds (schema order). Built-in kinds fill the fixed attribute columns."""

    def __init__(self, schema: Schema = BUILTIN) -> None:
        self.schema = schema
        self.extra: tuple[str, ...] = schema.project_field_columns()
        self.columns: tuple[str, ...] = COLUMNS + self.extra
        self._index = {name: i for i, name in enumerate(self.extra)}
        self._fields = {
            k.name: {f.name: (self._index[f.name], f) for f in k.fields} for k in schema.project_kinds()
        }
        self.no_extra: tuple[str, ...] = ("",) * len(self.extra)

    def attribute_names(self, kind: str) -> frozenset[str]:
        """Columns that carry attributes of `kind`."""
        if kind in _NAMES_BY_KIND:
            return _NAMES_BY_KIND[kind]
        return frozenset(self._fields.get(kind, {}))

    def extra_cells(self, kind: str, data: dict[str, Any], keep: Callable[[str], str]) -> tuple:
        fields = self._fields.get(kind)
        if not fields or not data:
            return self.no_extra
        cells = list(self.no_extra)
        for name, value in data.items():
            if name in fields and value is not None and value != "":
                index, field = fields[name]
                text = field.to_text(value)
                cells[index] = text if isinstance(value, int | float) else keep(text)
        return tuple(cells)


BUILTIN_LAYOUT = CsvLayout()


def _safe(value: str) -> str:
    """neutralise(), with the common case (nothing risky at the start) decided in one look-up."""
    return neutralise(value) if value and value[0] in _RISKY else value


def _same(value: str) -> str:
    return value


def article_cells(article: ArticleSummary, *, raw: bool = False) -> tuple:
    """The article's columns, the same for each of its rows: made once per article."""
    keep = _same if raw else _safe
    published = article.published.isoformat() if article.published else ""
    texts = (
        article.sha256,
        article.title,
        article.outlet or "",
        article.author or "",
        published,
        article.url or "",
    )
    return (article.id, *(keep(t) for t in texts))


def stored_rows(
    article: tuple,
    text: str,
    rows: Iterable[Sequence],
    *,
    raw: bool = False,
    layout: CsvLayout = BUILTIN_LAYOUT,
) -> Iterator[list]:
    """CSV rows (COLUMNS) from stored rows in store.export_rows.EXPORT_COLUMNS order.

    `article` is article_cells() of the article the rows belong to, `text` its text (for the
    context columns), `layout` the project's columns. Only text that users typed is checked
    for formula triggers: ids, kinds, statuses and timestamps cannot start with one... except
    ids brought in by an import, so those are checked too.
    """
    keep = _same if raw else _safe
    empty_attributes = ("{}", None, {})
    extra = layout.extra_cells if layout.extra else None
    no_extra = layout.no_extra
    for (
        _article_id,
        ident,
        kind,
        start,
        end,
        span,
        attributes,
        note,
        status,
        linked,
        reviewer,
        review_note,
        created,
        updated,
        orphaned,
        annotator,
        relations,
    ) in rows:
        # One list display per row; the common cases (no attributes, no links, timestamps already
        # formatted by SQLite) are decided inline: this loop runs a million times.
        yield [
            keep(ident),
            *article,
            kind,
            start,
            end,
            keep(span),
            "" if orphaned else keep(text[max(0, start - CONTEXT_CHARS) : start]),
            "" if orphaned else keep(text[end : end + CONTEXT_CHARS]),
            keep(annotator),
            status,
            keep(reviewer) if reviewer else "",
            keep(review_note) if review_note else "",
            *(_NO_ATTRIBUTES if attributes in empty_attributes else _attribute_cells(kind, attributes, keep)),
            keep(linked) if linked else "",
            keep(note) if note else "",
            created if type(created) is str else _timestamp(created),
            updated if type(updated) is str else _timestamp(updated),
            keep(relations) if relations else "",
            "true" if orphaned else "false",
            *(
                extra(kind, _stored_json(attributes) or {}, keep)
                if extra is not None and attributes not in empty_attributes
                else no_extra
            ),
        ]


def _stored_json(value: Any) -> Any:
    if isinstance(value, str):  # SQLite: text; PostgreSQL's driver parses JSON itself
        return json.loads(value) if value not in ("{}", "[]", "") else None
    return value


def _attribute_cells(kind: str, stored: Any, keep: Callable[[str], str]) -> tuple:
    data = _stored_json(stored)
    if not data:
        return _NO_ATTRIBUTES
    names = _NAMES_BY_KIND.get(kind, frozenset())
    cells = list(_NO_ATTRIBUTES)
    for name, value in data.items():
        if value is None or value == "" or name not in names:
            continue
        cells[_ATTRIBUTE_INDEX[name]] = (
            format_number(float(value)) if name in _NUMERIC_ATTRIBUTES else keep(str(value))
        )
    return tuple(cells)


def _timestamp(value: Any) -> str:
    """ISO 8601 in UTC; SQLite rows arrive formatted by the query already."""
    if value is None or isinstance(value, str):
        return value or ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()
