"""The curation view: one article's units across annotators, their differences field by field,
and one key to take a unit into the curated layer.

Keys (when the unit list has focus): 1-9 take that annotator's version (column order), M takes the
majority's, J/K move, A merges every unit all annotators agree on, D marks the article curated.
After a decision the view moves on to the next undecided unit. The dialog only presents: the
controller (ui.window_curation) turns its signals into service calls and undoable commands.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.curation import MAJORITY, CurationUnit
from kzt_annotator.ui.table_model import ColumnsTableModel

Index = QModelIndex | QPersistentModelIndex
AGREED = QColor(67, 160, 71, 60)
CURATED = QColor(120, 120, 120, 50)
OPEN = QColor(255, 160, 0, 70)


def _state(unit: CurationUnit) -> str:
    return "curated" if unit.curated is not None else ("agreed" if unit.agreed else "open")


def _version_text(unit: CurationUnit, name: str) -> str:
    ann = unit.versions.get(name)
    if ann is None:
        return "—"
    text = " ".join(ann.text.split())
    return text if len(text) <= 60 else text[:59] + "…"


class UnitsModel(ColumnsTableModel):
    """Rows: units. Columns: number, kind, state, then one per annotator (their span text)."""

    def __init__(self) -> None:
        super().__init__()
        self.units: list[CurationUnit] = []
        self.annotators: tuple[str, ...] = ()

    def set_units(self, units: list[CurationUnit], annotators: tuple[str, ...]) -> None:
        self.beginResetModel()
        self.units, self.annotators = units, annotators
        self.columns = ("#", "Kind", "State", *(f"{i + 1}: {n}" for i, n in enumerate(annotators)))
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self.units[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return unit.number
            if column == 1:
                return unit.kind
            if column == 2:
                return _state(unit)
            return _version_text(unit, self.annotators[column - 3])
        if role == Qt.ItemDataRole.BackgroundRole:
            return {"curated": CURATED, "agreed": AGREED, "open": OPEN}[_state(unit)]
        return None


class DifferencesModel(ColumnsTableModel):
    """Rows: fields that differ in the selected unit. Columns: field, then one per annotator."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []

    def set_unit(self, unit: CurationUnit | None, annotators: tuple[str, ...]) -> None:
        self.beginResetModel()
        self.columns = ("Field", *annotators)
        self.rows = (
            [[d.field, *(d.values.get(n, "") or "∅" for n in annotators)] for d in unit.differences]
            if unit is not None
            else []
        )
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


class CurationView(QDialog):
    take = Signal(list, str)  # noqa: N815 - unit numbers, annotator name or "majority"
    autoMerge = Signal()  # noqa: N815
    markCurated = Signal()  # noqa: N815

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Curation — {title}")
        self.resize(1200, 680)
        self.units_model = UnitsModel()
        self.differences_model = DifferencesModel()
        self.view = QTableView()
        self.view.setModel(self.units_model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Units of the article")
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QTableView()
        self.details.setModel(self.differences_model)
        self.details.verticalHeader().hide()
        self.details.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details.setAccessibleName("Differences of the selected unit")
        self.auto_merge = QCheckBox("Merge units all annotators agree on when the view opens")
        self.auto_merge.setChecked(True)
        self.summary = QLabel()
        self.summary.setAccessibleName("Curation progress")
        buttons = QHBoxLayout()
        for label, key, slot in (
            ("Take majority (M)", "M", lambda: self._take(MAJORITY)),
            ("Merge agreed (A)", "A", self.autoMerge.emit),
            ("Next (J)", "J", lambda: self.step(1)),
            ("Previous (K)", "K", lambda: self.step(-1)),
            ("Article curated (D)", "D", self.markCurated.emit),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self._shortcut(label, key, slot)
        for number in range(1, 10):
            self._shortcut(f"Take version {number}", str(number), lambda *_, n=number: self._take_column(n))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 3)
        layout.addWidget(QLabel("Differences, field by field (1-9 takes that annotator's version):"))
        layout.addWidget(self.details, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.auto_merge)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)

    def _shortcut(self, label: str, key: str, slot) -> None:  # noqa: ANN001 - a callable
        action = QAction(label, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.view.addAction(action)

    # -- what the controller calls -------------------------------------------------------------
    def set_units(self, units: list[CurationUnit], annotators: tuple[str, ...], state: str) -> None:
        """Show `units`; keep the selected unit, or move to the next undecided one after it."""
        current = self.selected()
        after = current.number if current is not None else 0
        self.units_model.set_units(units, annotators)
        header = self.view.horizontalHeader()
        for column in range(self.units_model.columnCount()):
            mode = QHeaderView.ResizeMode.ResizeToContents if column < 3 else QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        open_units = [u for u in units if u.curated is None]
        target = next((u for u in open_units if u.number >= after), None) or (
            open_units[0] if open_units else (units[0] if units else None)
        )
        if target is not None:
            self.view.setCurrentIndex(self.units_model.index(units.index(target), 0))
        else:
            self.differences_model.set_unit(None, annotators)
        done = sum(1 for u in units if u.curated is not None)
        agreed = sum(1 for u in units if u.agreed and u.curated is None)
        self.summary.setText(
            f"{len(units)} units: {done} in the curated layer, {len(open_units)} to decide "
            f"({agreed} agreed by all) — article {state.replace('_', ' ')}"
        )

    def selected(self) -> CurationUnit | None:
        row = self.view.currentIndex().row()
        return self.units_model.units[row] if 0 <= row < len(self.units_model.units) else None

    # -- gestures ---------------------------------------------------------------------------------
    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        unit = self.units_model.units[current.row()] if current.isValid() else None
        self.differences_model.set_unit(unit, self.units_model.annotators)

    def _take(self, who: str) -> None:
        unit = self.selected()
        if unit is not None:
            self.take.emit([unit.number], who)

    def _take_column(self, number: int) -> None:
        if number <= len(self.units_model.annotators):
            self._take(self.units_model.annotators[number - 1])

    def step(self, delta: int) -> None:
        rows = self.units_model.rowCount()
        if rows:
            row = (self.view.currentIndex().row() + delta) % rows
            self.view.setCurrentIndex(self.units_model.index(row, 0))
