"""The current article's annotations as a table model (kind, text, attributes, annotator, status)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.model import Annotation
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
        self._rows: list[Annotation] = []
        self._index: dict[str, int] | None = None

    def row_count(self) -> int:
        return len(self._rows)

    def set_annotations(self, rows: list[Annotation]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=_order)
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
            row = bisect_right(self._rows, _order(annotation), key=_order)
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
            self._index = {a.id: i for i, a in enumerate(self._rows)}
        return self._index.get(annotation_id, -1)

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
                ann.kind.value,
                text if len(text) < 70 else text[:69] + "…",
                summarise(ann),
                ann.annotator,
                ann.status.value,
            )
            return values[index.column()]
        return None
