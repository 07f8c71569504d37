"""The list of orphaned annotations (a revision removed their passage), where the researcher
places each again on selected text or deletes it.

The dialog only shows what it is given and emits requests; the window carries them out through
the undo stack and hands the dialog a fresh list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.model import Annotation

COLUMNS = ("Kind", "Article", "Old offsets", "Quote", "Annotator")


class OrphansDialog(QDialog):
    """Rows of orphans; `placeRequested(id)` puts one on the reader's selection,
    `deleteRequested(id)` deletes it, `openRequested(article id)` opens its article."""

    placeRequested = Signal(str)
    deleteRequested = Signal(str)
    openRequested = Signal(int)

    def __init__(self, orphans: list[Annotation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Orphaned annotations")
        self.resize(760, 360)
        self.summary = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary.setWordWrap(True)
        self.table.itemDoubleClicked.connect(lambda _item: self._emit(self.openRequested, article=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = QPushButton("Open its article")
        self.place_button = QPushButton("Place on the selected text")
        self.delete_button = QPushButton("Delete")
        for button in (self.open_button, self.place_button, self.delete_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._emit(self.openRequested, article=True))
        self.place_button.clicked.connect(lambda: self._emit(self.placeRequested))
        self.delete_button.clicked.connect(lambda: self._emit(self.deleteRequested))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.orphans: list[Annotation] = []
        self.set_orphans(orphans)

    def set_orphans(self, orphans: list[Annotation]) -> None:
        self.orphans = list(orphans)
        self.summary.setText(
            f"{len(self.orphans)} annotation(s) lost their passage in a revision. Open the article, "
            "select where one belongs and place it, or delete it. Orphans are not counted in "
            "discrepancies or agreement."
            if self.orphans
            else "No orphaned annotations."
        )
        self.table.setRowCount(len(self.orphans))
        for row, a in enumerate(self.orphans):
            values = (a.kind.value, str(a.article_id), f"{a.start}-{a.end}", a.text, a.annotator)
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        for button in (self.open_button, self.place_button, self.delete_button):
            button.setEnabled(bool(self.orphans))
        if self.orphans:
            self.table.selectRow(0)

    def selected(self) -> Annotation | None:
        rows = self.table.selectionModel().selectedRows()
        return self.orphans[rows[0].row()] if rows else None

    def _emit(self, signal, *, article: bool = False) -> None:
        chosen = self.selected()
        if chosen is not None:
            signal.emit(chosen.article_id if article else chosen.id)
