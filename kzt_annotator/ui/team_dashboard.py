"""The team dashboard: articles x annotators (state and number of annotations), each article's
curation, the progress of the whole, and the agreement so far; exportable as CSV.

It refreshes when the window learns of a change, its own or another client's (team mode)."""

from __future__ import annotations

import csv
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from kzt_annotator.core.agreement import AgreementReport
from kzt_annotator.core.agreement_table import number
from kzt_annotator.core.model import UNKNOWN_OUTLET
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.services.curation import ArticleProgress
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex
STATE_COLOURS = {
    "finished": QColor(67, 160, 71, 90),
    "in_progress": QColor(255, 193, 7, 90),
    "curated": QColor(67, 160, 71, 90),
    "in_curation": QColor(255, 193, 7, 90),
}


def dashboard_rows(people: list[str], rows: list[ArticleProgress]) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the grid (the same in the view and the CSV)."""
    headers = ["article", "title", "outlet", *people, "ready", "curation", "curated spans"]
    body = [
        [
            str(r.article_id),
            r.title,
            r.outlet_name or r.outlet or UNKNOWN_OUTLET,
            *(f"{r.states[p].replace('_', ' ')} ({r.counts[p]})" for p in people),
            "yes" if r.ready else "no",
            r.curation.replace("_", " "),
            str(r.curated_count),
        ]
        for r in rows
    ]
    return headers, body


class GridModel(ColumnsTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []

    def set_rows(self, headers: list[str], rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.columns, self.rows = tuple(headers), rows
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_COLOURS.get(value.split(" (")[0].replace(" ", "_"))
        return None


def summary_text(rows: list[ArticleProgress], overall: AgreementReport | None) -> str:
    curated = sum(1 for r in rows if r.curation == "curated")
    ready = sum(1 for r in rows if r.ready and r.curation != "curated")
    started = sum(1 for r in rows if any(s != "not_started" for s in r.states.values()))
    parts = [
        f"{len(rows)} articles: {started} started, {ready} ready for curation, {curated} curated",
    ]
    if overall is None:
        parts.append("agreement: needs two annotators")
    else:
        pairs = "; ".join(f"{p.first}/{p.second} F1 {number(p.f1_overlap) or 'n/a'}" for p in overall.pairs)
        parts.append(f"agreement so far: {pairs}; alpha (kind) {number(overall.alpha_kind) or 'n/a'}")
    return " — ".join(parts)


class TeamDashboard(QDialog):
    def __init__(self, ask_save_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team dashboard")
        self.resize(1100, 520)
        self.model = GridModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Articles by annotator")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._ask_save_path = ask_save_path
        export = QPushButton("Export CSV…")
        export.clicked.connect(self.export_csv)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(bottom)

    def set_progress(
        self, people: list[str], rows: list[ArticleProgress], overall: AgreementReport | None
    ) -> None:
        self.model.set_rows(*dashboard_rows(people, rows))
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 320))
        self.summary.setText(summary_text(rows, overall))

    def export_csv(self) -> None:
        path = self._ask_save_path("Export the dashboard", "team-progress.csv", "CSV (*.csv)")
        if path is None:
            return
        with atomic_writer(path) as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(self.model.columns)
            writer.writerows(self.model.rows)
