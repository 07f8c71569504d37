"""The codebook editor dock: the entries as a tree, and a form for the selected (or a new) entry.

A humble view: it shows the `TreeRow`s it is given and emits what the user asked for; the main
window (ui/window_codebook.py) turns requests into service commands on the undo stack. Nothing
here reads or writes the project.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.codebook import TreeRow
from kzt_annotator.core.model import CodebookEntry, CodebookKind

KIND_LABELS = {
    CodebookKind.QUANTITY: "Quantities",
    CodebookKind.SPEAKER: "Speakers",
    CodebookKind.CLAIM_KEY: "Claim keys",
    CodebookKind.OUTLET: "Outlets",
    CodebookKind.CATEGORY: "Categories",
}
KIND_SINGULAR = {
    CodebookKind.QUANTITY: "Quantity",
    CodebookKind.SPEAKER: "Speaker",
    CodebookKind.CLAIM_KEY: "Claim key",
    CodebookKind.OUTLET: "Outlet",
    CodebookKind.CATEGORY: "Category",
}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
TOP_LEVEL = "(top level)"


class CodebookPanel(QWidget):
    """Signals carry plain values; `form_entry()` is what the form holds now."""

    addRequested = Signal()  # noqa: N815 - add the form as a new entry
    saveRequested = Signal()  # noqa: N815 - apply the form to the selected entry
    mergeRequested = Signal(str)  # noqa: N815 - merge the selected entry into this key
    splitRequested = Signal(str)  # noqa: N815 - split the open article's uses off into this new key
    deleteRequested = Signal()  # noqa: N815
    importRequested = Signal()  # noqa: N815
    exportRequested = Signal()  # noqa: N815

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TreeRow] = []
        self._wanted: tuple[CodebookKind, str] | None = None
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Codebook kind shown")
        self.kind_filter.addItem("All kinds", None)
        for kind, text in KIND_LABELS.items():
            self.kind_filter.addItem(text, kind.value)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.model = QStandardItemModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(False)
        self.tree.setAccessibleName("Codebook entries")
        self.tree.selectionModel().currentChanged.connect(lambda _c, _p: self._show_selected())

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind, text in KIND_SINGULAR.items():
            self.kind.addItem(text, kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_parents())
        self.key = QLineEdit()
        self.key.setAccessibleName("Key")
        self.label = QLineEdit()
        self.label.setAccessibleName("Label")
        self.parent_key = QComboBox()
        self.parent_key.setAccessibleName("Parent")
        self.aliases = QLineEdit()
        self.aliases.setAccessibleName("Aliases")
        self.aliases.setPlaceholderText("variant spellings, separated by ;")
        self.colour = QLineEdit()
        self.colour.setAccessibleName("Colour")
        self.colour.setPlaceholderText("#RRGGBB")
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("What the entry means, when to use it (a memo)")
        self.description.setTabChangesFocus(True)
        self.other_key = QLineEdit()
        self.other_key.setAccessibleName("Other key")
        self.other_key.setPlaceholderText("key to merge into / new key to split off")

        form = QFormLayout()
        form.addRow("Kind", self.kind)
        form.addRow("Key", self.key)
        form.addRow("Label", self.label)
        form.addRow("Parent", self.parent_key)
        form.addRow("Aliases", self.aliases)
        form.addRow("Colour", self.colour)
        form.addRow("Description", self.description)

        self.add_button = QPushButton("Add as new")
        self.save_button = QPushButton("Save changes")
        self.delete_button = QPushButton("Delete")
        self.merge_button = QPushButton("Merge into →")
        self.split_button = QPushButton("Split off →")
        self.split_button.setToolTip("Move this entry's uses in the open article to a new entry (a child)")
        self.import_button = QPushButton("Import…")
        self.export_button = QPushButton("Export…")
        self.add_button.clicked.connect(self.addRequested)
        self.save_button.clicked.connect(self.saveRequested)
        self.delete_button.clicked.connect(self.deleteRequested)
        self.merge_button.clicked.connect(lambda: self.mergeRequested.emit(self.other_key.text().strip()))
        self.split_button.clicked.connect(lambda: self.splitRequested.emit(self.other_key.text().strip()))
        self.import_button.clicked.connect(self.importRequested)
        self.export_button.clicked.connect(self.exportRequested)
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.save_button, 0, 1)
        buttons.addWidget(self.delete_button, 0, 2)
        buttons.addWidget(self.other_key, 1, 0, 1, 3)
        buttons.addWidget(self.merge_button, 2, 0)
        buttons.addWidget(self.split_button, 2, 1)
        files = QHBoxLayout()
        files.addWidget(self.import_button)
        files.addWidget(self.export_button)
        files.addStretch(1)

        details = QWidget()
        right = QVBoxLayout(details)
        right.setContentsMargins(4, 0, 0, 0)
        right.addLayout(form)
        right.addLayout(buttons)
        right.addLayout(files)
        self.status = QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        right.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.kind_filter)
        left_layout.addWidget(self.tree)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(details)
        split.setSizes([320, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(split)

    # -- showing ----------------------------------------------------------------------------
    def set_rows(self, rows: list[TreeRow]) -> None:
        """Show these entries (tree order); keeps the selected entry selected if it is still there."""
        selected = self.selected_entry()
        wanted, self._wanted = self._wanted, None
        self._rows = list(rows)
        self._fill()
        if wanted is not None:
            self.select(*wanted)
        elif selected is not None:
            self.select(selected.kind, selected.key)
        self._fill_parents()

    def select_after_refresh(self, kind: CodebookKind, key: str) -> None:
        """Select this entry when the rows are next set (an entry just added or renamed)."""
        self._wanted = (kind, key)

    def _fill(self) -> None:
        wanted = self.kind_filter.currentData()
        self.model.clear()
        self.model.setHorizontalHeaderLabels(["Entry", "Label", "Aliases"])
        roots: dict[CodebookKind, QStandardItem] = {}
        stack: list[QStandardItem] = []
        for row in self._rows:
            entry = row.entry
            if wanted and entry.kind.value != wanted:
                continue
            if entry.kind not in roots:
                head = QStandardItem(KIND_LABELS[entry.kind])
                head.setEditable(False)
                self.model.appendRow([head, _cell(""), _cell("")])
                roots[entry.kind] = head
            key = _cell(entry.key)
            key.setData(entry, ENTRY_ROLE)
            key.setToolTip(entry.description or entry.key)
            if entry.colour:
                key.setData(QColor(entry.colour), Qt.ItemDataRole.DecorationRole)
            del stack[row.depth :]
            parent = stack[-1] if stack else roots[entry.kind]
            parent.appendRow([key, _cell(entry.label), _cell("; ".join(entry.aliases))])
            stack.append(key)
        self.tree.expandAll()
        for column in range(3):
            self.tree.resizeColumnToContents(column)

    def _fill_parents(self) -> None:
        kind = self.kind.currentData()
        current = self.parent_key.currentText()
        self.parent_key.clear()
        self.parent_key.addItem(TOP_LEVEL)
        for row in self._rows:
            if row.entry.kind.value == kind:
                self.parent_key.addItem("  " * row.depth + row.entry.key, row.entry.key)
        index = self.parent_key.findData(current.strip()) if current else 0
        self.parent_key.setCurrentIndex(max(index, 0))

    def select(self, kind: CodebookKind, key: str) -> bool:
        """Select the entry (returns False when it is not shown)."""
        for index in self._indexes():
            entry = index.data(ENTRY_ROLE)
            if entry is not None and entry.kind is kind and entry.key == key:
                self.tree.setCurrentIndex(index)
                return True
        return False

    def _indexes(self):  # noqa: ANN202
        pending = [self.model.index(r, 0) for r in range(self.model.rowCount())]
        while pending:
            index = pending.pop(0)
            yield index
            pending.extend(self.model.index(r, 0, index) for r in range(self.model.rowCount(index)))

    def selected_entry(self) -> CodebookEntry | None:
        index = self.tree.currentIndex()
        return index.siblingAtColumn(0).data(ENTRY_ROLE) if index.isValid() else None

    def _show_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        self.kind.setCurrentIndex(self.kind.findData(entry.kind.value))
        self._fill_parents()
        self.key.setText(entry.key)
        self.label.setText(entry.label)
        self.parent_key.setCurrentIndex(max(self.parent_key.findData(entry.parent), 0) if entry.parent else 0)
        self.aliases.setText("; ".join(entry.aliases))
        self.colour.setText(entry.colour)
        self.description.setPlainText(entry.description)

    # -- reading the form -------------------------------------------------------------------
    def form_values(self) -> dict:
        """The form as plain values: kind, key, label, parent (None = top), aliases, colour, description."""
        return {
            "kind": CodebookKind(self.kind.currentData()),
            "key": self.key.text(),
            "label": self.label.text(),
            "parent": self.parent_key.currentData() if self.parent_key.currentIndex() > 0 else None,
            "aliases": [a.strip() for a in self.aliases.text().split(";") if a.strip()],
            "colour": self.colour.text(),
            "description": self.description.toPlainText(),
        }

    def show_status(self, text: str) -> None:
        self.status.setText(text)


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item
