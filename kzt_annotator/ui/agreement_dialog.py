"""The agreement report: pairwise figures and per-attribute alpha, per scope, exportable as CSV.

Rows come from core.agreement_table, the same rows the CLI prints: an undefined measure is an
empty cell with its reason in the last column, never NaN.
"""

from __future__ import annotations

import csv
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.agreement import AgreementReport
from kzt_annotator.core.agreement_table import ATTRIBUTE_COLUMNS, PAIR_COLUMNS, attribute_rows, pair_rows
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex


class RowsModel(ColumnsTableModel):
    """A read-only table of strings with fixed headers."""

    def __init__(self, columns: tuple[str, ...], rows: list[list[str]]) -> None:
        self.columns = columns
        super().__init__()
        self.rows = rows

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if value != "" or index.column() == len(self.columns) - 1 else "n/a"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.rows[index.row()][-1] or None
        return None


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.resizeColumnsToContents()
    view.setAccessibleName(name)
    return view


class AgreementDialog(QDialog):
    def __init__(self, reports: list[AgreementReport], ask_save_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between annotators")
        self.resize(1200, 460)
        self.model = RowsModel(PAIR_COLUMNS, pair_rows(reports))
        self.attribute_model = RowsModel(ATTRIBUTE_COLUMNS, attribute_rows(reports))
        tabs = QTabWidget()
        tabs.addTab(_table(self.model, "Agreement figures"), "Spans, kinds, values")
        tabs.addTab(_table(self.attribute_model, "Agreement per attribute"), "Per attribute")
        self.tabs = tabs
        self._ask_save_path = ask_save_path
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        note = QLabel(
            "Units: same kind and overlapping (or, for F1 exact, identical) offsets, paired one-to-one, "
            "largest overlap first. n/a = undefined (the reason is in the last column). The curated "
            "layer is not an annotator here."
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addLayout(row)

    def export_csv(self) -> None:
        path = self._ask_save_path("Export agreement", "agreement.csv", "CSV (*.csv)")
        if path is None:
            return
        with atomic_writer(path) as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(PAIR_COLUMNS)
            writer.writerows(self.model.rows)
            writer.writerow([])
            writer.writerow(ATTRIBUTE_COLUMNS)
            writer.writerows(self.attribute_model.rows)
