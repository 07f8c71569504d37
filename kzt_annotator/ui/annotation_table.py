"""The current article's annotations as a table model (kind, text, attributes, annotator, status)."""

from __future__ import annotations

import sys
from bisect import bisect_right
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
        self._index: dict[str, int] | None = None

    def row_count(self) -> int:
        return len(self._rows)

    def set_annotations(self, rows: Sequence[Annotation]) -> None:
        """Show `rows`; an AnnotationList (already in order) is kept as it is, its rows built lazily."""
        self.beginResetModel()
        self._rows = rows if isinstance(rows, AnnotationList) else sorted(rows, key=_order)
        self._index = None
        self.endResetModel()

    def apply_changes(self, removed: set[str], changed: list[Annotation]) -> None:
        """Remove and (re)insert single rows in place: no reset, no re-sort of 10,000 rows."""
        for ident in removed | {a.id for a in changed}:
            row = self.row_of(ident)
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self._index = None
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
            self._index = None
            self.endInsertRows()

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def annotation_at(self, row: int) -> Annotation | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, annotation_id: str) -> int:
        if self._index is None:
            self._index = {ident: i for i, ident in enumerate(self.ids())}
        return self._index.get(annotation_id, -1)

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
        if not index.isValid():
            return None
        ann = self._rows[index.row()]
        if role == ANNOTATION_ID_ROLE:
            return ann.id
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return kind_colour(ann.kind, 255)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{ann.text}\n{summarise(ann)}\n{ann.note}".strip()
        if role == Qt.ItemDataRole.DisplayRole:
            text = " ".join(ann.text.split())
            values = (
                str(ann.kind),
                text if len(text) < 70 else text[:69] + "…",
                summarise(ann),
                ann.annotator,
                ann.status.value,
            )
            return values[index.column()]
        return None
