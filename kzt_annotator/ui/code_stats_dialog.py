"""Code frequencies and co-occurrence (codes x articles, codes x outlets), each exportable as CSV.

The rows are core.code_stats's, the same the `export-code-frequencies` and `export-cooccurrence`
verbs write; the dialog only shows them.
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

from kzt_annotator.core.code_stats import FREQUENCY_COLUMNS, CodeStats, cooccurrence_rows, frequency_rows
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.csv_format import neutralise
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex


class CountsModel(ColumnsTableModel):
    """Read-only rows: a text first column, then numbers (right-aligned, zero greyed as '·')."""

    def __init__(self, columns: list[str], rows: list[list[Any]]) -> None:
        self.columns = tuple(columns)
        super().__init__()
        self.rows = rows

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "·" if value == 0 else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _view(model: CountsModel, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.resizeColumnsToContents()
    view.setAccessibleName(name)
    view.setSortingEnabled(False)
    return view


class CodeStatsDialog(QDialog):
    TABS = ("frequencies", "codes x articles", "codes x outlets")

    def __init__(
        self, stats: CodeStats, labels: dict[int, str], ask_save_path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Code frequencies and co-occurrence")
        self.resize(1000, 480)
        self.models = [
            CountsModel(list(FREQUENCY_COLUMNS), frequency_rows(stats)),
            CountsModel(*cooccurrence_rows(stats, "article", labels)),
            CountsModel(*cooccurrence_rows(stats, "outlet")),
        ]
        self.tabs = QTabWidget()
        for model, title in zip(
            self.models, ("Frequencies", "Codes × articles", "Codes × outlets"), strict=True
        ):
            self.tabs.addTab(_view(model, title), title)
        self._ask_save_path = ask_save_path
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        note = QLabel(
            "A code is an annotation's kind and, when set, its key (claim key, speaker, quantity). "
            "Counts are annotations; rejected and orphaned ones are left out."
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(row)

    def export_csv(self) -> None:
        index = self.tabs.currentIndex()
        name = self.TABS[index].replace(" ", "-")
        path = self._ask_save_path("Export CSV", f"{name}.csv", "CSV (*.csv)")
        if path is None:
            return
        model = self.models[index]
        with atomic_writer(path) as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([neutralise(c) for c in model.columns])
            for row in model.rows:
                writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
