"""The agreement report: per kind and overall, a table of pairwise figures, exportable as CSV."""

from __future__ import annotations

import csv
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from kzt_annotator.core.agreement import AgreementReport
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    "Scope",
    "Annotators",
    "F1 exact",
    "F1 overlap",
    "Cohen's kappa",
    "Matched",
    "Matched, value differs",
    "Missed by first",
    "Missed by second",
    "Alpha (kind)",
    "Alpha (value, interval)",
)


def report_rows(reports: list[AgreementReport]) -> list[list[str]]:
    def num(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    return [
        [
            r.scope,
            f"{p.first} / {p.second}",
            num(p.f1_exact),
            num(p.f1_overlap),
            num(p.cohen_kappa),
            str(p.matched),
            str(p.value_differs),
            str(p.missed_by_first),
            str(p.missed_by_second),
            num(r.alpha_kind),
            num(r.alpha_value_interval),
        ]
        for r in reports
        for p in r.pairs
    ]


class AgreementModel(ColumnsTableModel):
    columns = COLUMNS

    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.rows = rows

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


class AgreementDialog(QDialog):
    def __init__(self, reports: list[AgreementReport], ask_save_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agreement between annotators")
        self.resize(1100, 420)
        self.model = AgreementModel(report_rows(reports))
        view = QTableView()
        view.setModel(self.model)
        view.resizeColumnsToContents()
        view.setAccessibleName("Agreement figures")
        self._ask_save_path = ask_save_path
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        note = QLabel(
            "Units: same kind and overlapping (or, for F1 exact, identical) offsets, paired one-to-one, "
            "largest overlap first. See the README for the details."
        )
        note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addLayout(row)

    def export_csv(self) -> None:
        path = self._ask_save_path("Export agreement", "agreement.csv", "CSV (*.csv)")
        if path is None:
            return
        with atomic_writer(path) as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            writer.writerows(self.model.rows)
