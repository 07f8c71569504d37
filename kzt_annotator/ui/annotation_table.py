"""The current article's annotations as a table model (kind, text, attributes, annotator, status)."""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import MutableSequence, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.services.project import AnnotationList
from kzt_annotator.ui.colours import kind_colour
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Kind", "Text", "Attributes", "Annotator", "Status")
ANNOTATION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
# Roles as plain ints: a view asks data() for about ten roles per cell on every repaint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ID = int(ANNOTATION_ID_ROLE)
_ANSWERED = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, _ID})


def _order(annotation: Annotation) -> tuple[int, int]:
    return (annotation.start, annotation.end)


def summarise(annotation: Annotation) -> str:
    values = attributes_to_strings(annotation.attributes)
    return ", ".join(f"{k}={v}" for k, v in values.items() if v)


class AnnotationTableModel(ColumnsTableModel):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._rows: MutableSequence[Annotation] = []
        # id -> (start, end) of every row, built on the first look-up after a reset and kept in
        # step with single inserts and removals: a row is then found by a binary search.
        self._spans: dict[str, tuple[int, int]] | None = None
        self.index_builds = 0  # times the id index was built from every row (tests count them)

    def row_count(self) -> int:
        return len(self._rows)

    def set_annotations(self, rows: Sequence[Annotation]) -> None:
        """Show `rows`; an AnnotationList (already in order) is kept as it is, its rows built lazily."""
        self.beginResetModel()
        self._rows = rows if isinstance(rows, AnnotationList) else sorted(rows, key=_order)
        self._spans = None
        self.endResetModel()

    def apply_changes(self, removed: set[str], changed: list[Annotation]) -> None:
        """Remove and (re)insert single rows in place: no reset, no re-sort of 10,000 rows."""
        for ident in removed | {a.id for a in changed}:
            row = self.row_of(ident)
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                if self._spans is not None:
                    self._spans.pop(ident, None)
                self.endRemoveRows()
        for annotation in changed:
            rows = self._rows
            row = (
                rows.insertion_point(annotation.start, annotation.end)
                if isinstance(rows, AnnotationList)
                else bisect_right(rows, _order(annotation), key=_order)
            )
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, annotation)
            if self._spans is not None:
                self._spans[annotation.id] = _order(annotation)
            self.endInsertRows()

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def lazy_rows(self) -> AnnotationList | None:
        """The rows as the lazy list they were given as (full rows fetched when touched), or None."""
        return self._rows if isinstance(self._rows, AnnotationList) else None

    def annotation_at(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: str) -> int:
        """The row showing `annotation_id`, or -1: O(log rows) once the id index exists (one pass
        over the rows after each reset, none after an insert or a removal)."""
        if self._spans is None:
            self._spans = {span[3]: (span[0], span[1]) for span in self.spans()}
            self.index_builds += 1
        span = self._spans.get(annotation_id)
        if span is None:
            return -1
        row = self._find(annotation_id, *span)
        if row < 0:  # a lazily fetched row changed its span elsewhere since the list was read
            ids = self.ids()
            row = ids.index(annotation_id) if annotation_id in ids else -1
        return row

    def _find(self, annotation_id: str, start: int, end: int) -> int:
        rows = self._rows
        if isinstance(rows, AnnotationList):
            return rows.row_of(annotation_id, start, end)
        row = bisect_left(rows, (start, end), key=_order)
        while row < len(rows) and _order(rows[row]) == (start, end):
            if rows[row].id == annotation_id:
                return row
            row += 1
        return -1

    def ids(self) -> list[str]:
        rows = self._rows
        return rows.ids() if isinstance(rows, AnnotationList) else [a.id for a in rows]

    def spans(self) -> list[tuple[int, int, Kind, str, str]]:
        """(start, end, kind, id, annotator) of every row, without building lazy rows."""
        rows = self._rows
        if isinstance(rows, AnnotationList):
            return rows.spans()
        return [(a.start, a.end, a.kind, a.id, a.annotator) for a in rows]

    def rows_before(self, position: int, kind: str, count: int) -> list[int]:
        """Up to `count` rows of `kind` starting at or before `position`, nearest first: a binary
        search and a short walk back over the sorted rows, nothing fetched (not O(rows))."""
        rows = self._rows
        if isinstance(rows, AnnotationList):
            row = rows.insertion_point(position, sys.maxsize)
            kind_at = rows.kind_at
        else:
            row = bisect_right(rows, (position, sys.maxsize), key=_order)

            def kind_at(i: int) -> str:
                return rows[i].kind

        found: list[int] = []
        while row > 0 and len(found) < count:
            row -= 1
            if kind_at(row) == kind:
                found.append(row)
        return found

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a cell shows; every other role (font, colours, alignment) is None at once, and a
        cell computes only its own column (a repaint asks for every role of every visible cell)."""
        if role not in _ANSWERED or not index.isValid():
            return None
        ann = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == 0:
                return str(ann.kind)
            if column == 1:
                text = " ".join(ann.text.split())
                return text if len(text) < 70 else text[:69] + "…"
            if column == 2:
                return summarise(ann)
            return ann.annotator if column == 3 else ann.status.value
        if role == _ID:
            return ann.id
        if role == _DECORATION:
            return kind_colour(ann.kind, 255) if column == 0 else None
        return f"{ann.text}\n{summarise(ann)}\n{ann.note}".strip()
