"""The review dock: a queue of unreviewed annotations, worked through by keyboard.

A accepts, R rejects (never deletes), C takes the span into the curated layer (curators only),
J/K move; the comment box records a note with the decision. Every decision is an undoable edit,
and after one the queue stays where it was: on the next item.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.model import Annotation
from kzt_annotator.ui.annotation_table import summarise
from kzt_annotator.ui.status_line import StatusLine
from kzt_annotator.ui.table_model import ColumnsTableModel
from kzt_annotator.ui.worker import LatestLoader

Index = QModelIndex | QPersistentModelIndex


class QueueModel(ColumnsTableModel):
    columns = ("Article", "Kind", "Text", "Attributes", "Annotator")

    def row_count(self) -> int:
        return len(self.rows)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Annotation] = []
        self.titles: dict[int, str] = {}
        self._keys: dict[str, tuple[int, int, int]] = {}  # id -> reading-order key of its row

    def set_rows(self, rows: list[Annotation], titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows, self.titles = rows, titles
        self._keys = {a.id: _reading_order(a) for a in rows}
        self.endResetModel()

    def update_rows(self, gone: set[str], rows: list[Annotation]) -> None:
        """Remove the rows with ids in `gone`, put `rows` in reading order (replacing same ids).
        Rows are found by bisection on their reading-order key: no pass over the whole queue."""
        for ident in gone | {a.id for a in rows}:
            key = self._keys.pop(ident, None)
            if key is None:
                continue
            index = bisect_left(self.rows, key, key=_reading_order)
            while index < len(self.rows) and self.rows[index].id != ident:
                index += 1
            if index < len(self.rows):
                self.beginRemoveRows(QModelIndex(), index, index)
                del self.rows[index]
                self.endRemoveRows()
        for annotation in sorted(rows, key=_reading_order):
            self._keys[annotation.id] = _reading_order(annotation)
            index = bisect_right(self.rows, _reading_order(annotation), key=_reading_order)
            self.beginInsertRows(QModelIndex(), index, index)
            self.rows.insert(index, annotation)
            self.endInsertRows()

    def row_of(self, ident: str) -> int:
        """The row of annotation `ident`, or -1: a bisection on its reading-order key."""
        key = self._keys.get(ident)
        if key is None:
            return -1
        index = bisect_left(self.rows, key, key=_reading_order)
        while index < len(self.rows) and _reading_order(self.rows[index]) == key:
            if self.rows[index].id == ident:
                return index
            index += 1
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        a = self.rows[index.row()]
        column = index.column()
        if column == 0:  # the whole title: the view elides it at the column's edge ("…")
            return self.titles.get(a.article_id, str(a.article_id))
        if role == Qt.ItemDataRole.ToolTipRole:
            return None
        if column == 1:
            return str(a.kind)
        if column == 2:
            return _shortened(" ".join(a.text.split()), 80)
        return summarise(a) if column == 3 else a.annotator


def _shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` code points, ending in "…" when it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _in_queue(annotation: Annotation, scope: int | None, filters: dict[str, str | None]) -> bool:
    """Whether the queue with these filters shows `annotation` (as services.review.review_queue)."""
    return (
        annotation.annotator != CURATED_LAYER
        and (scope is None or annotation.article_id == scope)
        and filters.get("annotator") in (None, annotation.annotator)
        and filters.get("kind") in (None, str(annotation.kind))
        and filters.get("status") in (None, str(annotation.status))
    )


def _reading_order(annotation: Annotation) -> tuple[int, int, int]:
    return (annotation.article_id, annotation.start, annotation.end)


class ReviewSource(Protocol):
    """Where the queue comes from (the main window supplies it; the panel holds no repository)."""

    def scope(self) -> int | None: ...  # the article the queue is limited to, or None
    def queue(  # rows, titles, annotators, kinds
        self, scope: int | None, filters: dict[str, str | None]
    ) -> tuple[list[Annotation], dict[int, str], list[str], list[str]]: ...
    def annotations(self, ids: list[str]) -> tuple[list[Annotation], dict[int, str]]: ...  # + titles


class ReviewPanel(QWidget):
    decided = Signal(str, str, str)  # noqa: N815 - annotation id, "accepted"/"rejected"/"copy", note
    current = Signal(object)  # noqa: N815 - the Annotation under review (to show it in the reader)
    layersChanged = Signal(set)  # noqa: N815 - annotators to hide
    filtersChanged = Signal()  # noqa: N815 - annotator, kind, status or article filter changed

    def __init__(self, source: ReviewSource | None = None) -> None:
        super().__init__()
        self.source = source
        self.loader = LatestLoader(self)
        self._dirty: set[str] = set()
        self._full_pending = False
        self.model = QueueModel()
        self._updating = False
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 220), (1, 80), (3, 260), (4, 90)):
            self.view.setColumnWidth(column, width)
        self.view.setAccessibleName("Review queue")
        self.only_article = QCheckBox("Only the open article")
        self.only_article.toggled.connect(lambda _on: self.filtersChanged.emit())
        self.annotator_filter = self._filter("Annotator filter", [("Every annotator", None)])
        self.kind_filter = self._filter("Kind filter", [("Every kind", None)])
        self.status_filter = self._filter(
            "Status filter",
            [
                ("Unreviewed", "proposed"),
                ("Accepted", "accepted"),
                ("Rejected", "rejected"),
                ("Curated", "curated"),
                ("Every status", None),
            ],
        )
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Comment recorded with the decision (optional)")
        self.comment.setAccessibleName("Review comment")
        self.count = StatusLine()  # changes after every tag: it must not lay out the window
        self.layers = QHBoxLayout()
        self.layer_boxes: dict[str, QCheckBox] = {}
        buttons = QHBoxLayout()
        for label, key, slot in (
            ("Accept (A)", "A", self.accept),
            ("Reject (R)", "R", self.reject),
            ("Take into curated layer (C)", "C", self.copy),
            ("Next (J)", "J", lambda: self.step(1)),
            ("Previous (K)", "K", lambda: self.step(-1)),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addStretch(1)
        for box in (self.annotator_filter, self.kind_filter, self.status_filter):
            top.addWidget(box)
        top.addWidget(self.only_article)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.comment)
        layout.addLayout(buttons)
        layer_row = QHBoxLayout()
        layer_row.addWidget(QLabel("Show layers:"))
        layer_row.addLayout(self.layers)
        layer_row.addStretch(1)
        layout.addLayout(layer_row)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)

    def _filter(self, name: str, choices: list[tuple[str, str | None]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        for label, value in choices:
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _index: self.filtersChanged.emit())
        return box

    def set_choices(self, annotators: list[str], kinds: list[str]) -> None:
        """Offer these annotators and kinds in the filters (keeping the current choice)."""
        for box, values in ((self.annotator_filter, annotators), (self.kind_filter, kinds)):
            have = {box.itemData(i) for i in range(box.count())}
            box.blockSignals(True)
            for value in values:
                if value not in have:
                    box.addItem(value, value)
            box.blockSignals(False)

    def filters(self) -> dict[str, str | None]:
        """The chosen annotator, kind and status (None = any)."""
        return {
            "annotator": self.annotator_filter.currentData(),
            "kind": self.kind_filter.currentData(),
            "status": self.status_filter.currentData(),
        }

    def set_queue(self, rows: list[Annotation], titles: dict[int, str]) -> None:
        keep = self.selected()
        keep_row = max(self.view.currentIndex().row(), 0)
        self._updating = True  # a refreshed queue is not the reviewer moving to an item
        try:
            self.model.set_rows(rows, titles)
            status = self.status_filter.currentText().lower()
            self.count.setText(f"{len(rows):,} {status}")
            # The item under review stays selected; if a decision took it out of the queue, the one
            # that moved up into its row (the next item) is selected, not the top of the queue.
            row = next((i for i, a in enumerate(rows) if keep and a.id == keep.id), keep_row)
            if rows:
                self.view.setCurrentIndex(self.model.index(min(row, len(rows) - 1), 0))
        finally:
            self._updating = False

    # -- loading ------------------------------------------------------------------------------
    def refresh(self, hidden: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        """Reload the whole queue off the GUI thread (project switch, outside changes, scope)."""
        if self.source is None:
            return
        self._dirty.clear()
        self._full_pending = True
        source, scope, filters = self.source, self.source.scope(), self.filters()  # widgets: GUI thread
        self.loader.load(
            lambda: source.queue(scope, filters), lambda result: self._show_queue(result, hidden)
        )

    def on_changes(self, record: Changes) -> None:
        """Update only the rows of the annotations `record` touched."""
        if record.everything or record.removed_articles or record.schema:
            self.refresh(self._hidden())
            return
        if not record.touches("annotations"):
            return
        self._dirty |= record.annotations | record.removed_annotations
        self._load_dirty()

    def _load_dirty(self) -> None:
        if self._full_pending or not self._dirty or self.source is None:
            return
        ids, source, scope, filters = sorted(self._dirty), self.source, self.source.scope(), self.filters()
        self.loader.load(
            lambda: source.annotations(ids), lambda found: self._show_rows(ids, scope, filters, *found)
        )

    def _show_queue(
        self, result: tuple[list[Annotation], dict[int, str], list[str], list[str]], hidden: set[str]
    ) -> None:
        self._full_pending = False
        rows, titles, annotators, kinds = result
        self.set_choices(annotators, kinds)
        self.set_queue(rows, titles)
        self.set_annotators(annotators, hidden)
        self._load_dirty()

    def _show_rows(
        self,
        ids: list[str],
        scope: int | None,
        filters: dict[str, str | None],
        found: list[Annotation],
        titles: dict[int, str],
    ) -> None:
        self._dirty.difference_update(ids)
        self.model.titles.update(titles)  # the queue holds the titles of its own rows' articles
        keep = [a for a in found if _in_queue(a, scope, filters)]
        selected = self.selected()
        moved_on = False
        self._updating = True
        try:
            self.model.update_rows(set(ids), keep)
            rows = self.model.rows
            self.count.setText(f"{len(rows):,} {self.status_filter.currentText().lower()}")
            row = self.model.row_of(selected.id) if selected else -1  # no pass over the whole queue
            if rows and row < 0:  # the selected item was decided: the next one in its place
                index = bisect_right(rows, _reading_order(selected), key=_reading_order) if selected else 0
                self.view.setCurrentIndex(self.model.index(min(index, len(rows) - 1), 0))
                moved_on = selected is not None
        finally:
            self._updating = False
        current = self.selected()
        if moved_on and current is not None:  # the reader follows to the next item, as J does
            self.current.emit(current)
        self.set_annotators(sorted({a.annotator for a in found} - {CURATED_LAYER}), self._hidden())

    def _hidden(self) -> set[str]:
        return {n for n, box in self.layer_boxes.items() if not box.isChecked()}

    def settle(self) -> None:
        self.loader.settle()

    def set_annotators(self, names: list[str], hidden: set[str]) -> None:
        for name in names:
            if name not in self.layer_boxes:
                box = QCheckBox(name)
                box.setChecked(name not in hidden)
                box.toggled.connect(self._layers_toggled)
                self.layer_boxes[name] = box
                self.layers.addWidget(box)

    def _layers_toggled(self) -> None:
        self.layersChanged.emit({n for n, box in self.layer_boxes.items() if not box.isChecked()})

    def selected(self) -> Annotation | None:
        row = self.view.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._updating:
            self.current.emit(self.model.rows[current.row()])

    def _decide(self, decision: str) -> None:
        annotation = self.selected()
        if annotation is not None:
            note = self.comment.text()
            self.comment.clear()
            self.decided.emit(annotation.id, decision, note)

    def accept(self) -> None:
        self._decide("accepted")

    def reject(self) -> None:
        self._decide("rejected")

    def copy(self) -> None:
        self._decide("copy")

    def step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows:
            row = (self.view.currentIndex().row() + delta) % rows
            self.view.setCurrentIndex(self.model.index(row, 0))
