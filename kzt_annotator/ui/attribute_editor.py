"""The attribute editor: a form for one annotation's fields (from the schema) and note.

Fields come in the order of use the kind declares (a figure: quantity, value, qualifier,
source first). Enter saves, Esc cancels; fields complete from the codebook and values already
used, and Enter in an open completion list only completes (it never saves the annotation).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.schema import FieldType, KindSpec
from kzt_annotator.ui.assist_bar import AssistBar


class AttributeEditor(QWidget):
    submitted = Signal(dict, str, list)  # values by name, note, linked annotation ids
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Attribute editor")
        self.kind: str | None = None
        self.spec: KindSpec | None = None
        self._fields: dict[str, QLineEdit | QComboBox] = {}
        self._title = QLabel("Select text and press 1 (claim), 2 (attribution) or 3 (figure).")
        self._title.setWordWrap(True)
        self._form_host = QWidget()
        self._form = QFormLayout(self._form_host)
        self._note = QLineEdit()
        self._note.setAccessibleName("Note")
        self._link = QComboBox()
        self._link.setAccessibleName("Supports claim")
        self._relate = QComboBox()
        self._error = QLabel()
        self._error.setStyleSheet("color: #c62828")
        self._error.setWordWrap(True)
        save = QPushButton("Save (Enter)")
        cancel = QPushButton("Cancel (Esc)")
        save.clicked.connect(self.submit)
        cancel.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title)
        layout.addWidget(self._form_host)
        layout.addWidget(self._error)
        layout.addLayout(buttons)
        self.assist = AssistBar()  # propose a claim key, tag all occurrences (ui/claim_actions.py)
        self.assist.keyChosen.connect(self._take_key)
        layout.addWidget(self.assist)
        layout.addStretch(1)
        self._buttons = (save, cancel)
        self._completing = False  # Enter went to a completion list: complete, do not save
        self._relation_lines: list[str] = []
        self.set_idle()

    # -- building ---------------------------------------------------------------------------
    def set_idle(self, message: str | None = None) -> None:
        self.kind = None
        self.spec = None
        self._clear_form()
        self._title.setText(message or "Select text and press 1 (claim), 2 (attribution) or 3 (figure).")
        for button in self._buttons:
            button.setEnabled(False)
        self.assist.set_kind(None)

    def _take_key(self, key: str) -> None:
        if "claim_key" in self._fields:
            field = self._fields["claim_key"]
            if isinstance(field, QComboBox):
                field.setCurrentText(key)
            else:
                field.setText(key)

    def open_for(
        self,
        spec: KindSpec,
        title: str,
        values: dict[str, str],
        note: str = "",
        links: list[str] | None = None,
        claims: list[tuple[str, str]] | None = None,
        completions: dict[str, list[str]] | None = None,
        relations: list[str] | None = None,
        relation_choices: list[tuple[str, str, str]] | None = None,
    ) -> None:
        """Build the form from the kind's declaration: its fields in the order of use."""
        kind = spec.name
        self.kind = kind
        self.spec = spec
        self._clear_form()
        self._title.setText(title)
        self._error.clear()
        completions = completions or {}
        for spec_field in spec.editor_fields():
            name = spec_field.name
            field: QLineEdit | QComboBox
            if spec_field.type in (FieldType.CATEGORY, FieldType.BOOLEAN):
                field = QComboBox()
                choices = spec_field.values if spec_field.type is FieldType.CATEGORY else ("true", "false")
                field.addItems(["", *choices])
                field.setCurrentText(values.get(name, ""))
            else:
                field = QLineEdit(values.get(name, ""))
                if completions.get(name):
                    completer = QCompleter(sorted(set(completions[name])), field)
                    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                    completer.setFilterMode(Qt.MatchFlag.MatchContains)
                    field.setCompleter(completer)
                    completer.popup().installEventFilter(self)  # runs before the completer's own
                field.returnPressed.connect(self._on_return)
            field.setAccessibleName(spec_field.title)
            field.setObjectName(f"attr_{name}")
            field.installEventFilter(self)
            self._form.addRow(spec_field.title, field)
            self._fields[name] = field
        self._note = QLineEdit(note)
        self._note.setAccessibleName("Note")
        self._note.setObjectName("attr_note")
        self._note.returnPressed.connect(self._on_return)
        self._note.installEventFilter(self)
        self._form.addRow("Note", self._note)
        self._link = QComboBox()
        self._link.setAccessibleName("Supports claim")
        if kind == Kind.ATTRIBUTION:
            self._link.addItem("(no claim)", "")
            for claim_id, label in claims or []:
                self._link.addItem(label, claim_id)
            if links:
                found = self._link.findData(links[0])
                if found >= 0:
                    self._link.setCurrentIndex(found)
            self._link.installEventFilter(self)
            self._form.addRow("Supports claim", self._link)
        self._relation_lines = list(relations or [])
        shown = [self._note, self._link]
        self._relate = QComboBox()
        self._relate.setAccessibleName("Relate to")
        if relation_choices:  # (type, target id, label): another relation, made on Save
            self._relate.addItem("(none)", None)
            for rel_type, target, label in relation_choices:
                self._relate.addItem(label, (rel_type, target))
            self._relate.installEventFilter(self)
            self._form.addRow("Relate to", self._relate)
            shown.append(self._relate)
        if relations:
            label = QLabel("\n".join(relations))
            label.setWordWrap(True)
            label.setAccessibleName("Relations")
            self._form.addRow("Relations", label)
            shown.append(label)
        for button in self._buttons:
            button.setEnabled(True)
        self.assist.set_kind(kind)
        # Layouts show new children only on the next event-loop turn; show them now so the
        # first field can take the keyboard focus immediately.
        for widget in (*self._fields.values(), *shown):
            if widget.parent() is self._form_host:
                widget.show()
        first = next(iter(self._fields.values()), self._note)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_form(self) -> None:
        # Saving happens inside a field's key handler: delete the old fields later, not now.
        while self._form.rowCount():
            row = self._form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._fields = {}

    # -- reading ----------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, field in self._fields.items():
            out[name] = field.currentText() if isinstance(field, QComboBox) else field.text()
        return out

    def field(self, name: str) -> QLineEdit | QComboBox:
        return self._fields[name]

    def note_field(self) -> QLineEdit:
        return self._note

    def _end_completing(self) -> None:
        self._completing = False

    def submit(self) -> None:
        if self.kind is None or self.spec is None:
            return
        values = self.values()
        try:
            assert self.spec is not None
            for name, raw in values.items():
                self.spec.field(name).from_text(raw)
        except InvalidInput as exc:
            self._error.setText(str(exc))
            return
        self._error.clear()
        link = self._link.currentData() if self.kind == Kind.ATTRIBUTION else ""
        self.submitted.emit(values, self._note.text(), [link] if link else [])

    def cancel(self) -> None:
        self.cancelled.emit()

    def _on_return(self) -> None:
        if self._completing:  # the Enter that picked a completion: it only completes
            self._completing = False
            return
        self.submit()

    def relation_choice(self) -> tuple[str, str] | None:
        """(relation type, target annotation id) chosen under "Relate to", or None."""
        try:
            return self._relate.currentData() if self._relate.count() else None
        except RuntimeError:  # the form was cleared
            return None

    def relate_field(self) -> QComboBox:
        return self._relate

    def relations_text(self) -> str:
        """The relations shown for the annotation being edited, one per line."""
        return "\n".join(self._relation_lines)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if isinstance(watched, QAbstractItemView):  # a completion list
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._completing = True
                    QTimer.singleShot(0, self._end_completing)
                return False
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(watched, QComboBox):
                self.submit()
                return True
        return super().eventFilter(watched, event)
