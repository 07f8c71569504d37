"""The attribute editor: a form for one annotation's fields (from the schema) and note.

Fields come in the order of use the kind declares (a figure: quantity, value, qualifier,
source first). Enter saves, Esc cancels; fields complete from the codebook and values already
used, and Enter in an open completion list only completes (it never saves the annotation).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
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
        self._form_host = QWidget()  # holds one form per kind, built on first use; one is shown
        self._form_box = QVBoxLayout(self._form_host)
        self._form_box.setContentsMargins(0, 0, 0, 0)
        self._forms: dict[str, _KindForm] = {}
        self._shown: _KindForm | None = None
        self._idle_note, self._idle_link, self._idle_relate = QLineEdit(), QComboBox(), QComboBox()
        self._note = self._idle_note
        self._link = self._idle_link
        self._relate = self._idle_relate
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
        self._show_form(None)
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
        """Show the kind's form (its fields in the order of use) filled with these values.

        Each kind's form is built once and then only refilled: building a dozen fields with their
        completers costs several frames, and tagging is the most frequent thing a researcher does.
        """
        self.kind = spec.name
        self.spec = spec
        form = self._forms.get(spec.name)
        if form is None or form.spec != spec:  # first use, or the schema changed the kind
            if form is not None:
                form.host.deleteLater()
            form = self._forms[spec.name] = _KindForm(spec, self)
            self._form_box.addWidget(form.host)
        self._title.setText(title)
        self._error.clear()
        form.fill(values, note, links or [], claims, completions or {}, relations or [], relation_choices)
        self._relation_lines = list(relations or [])
        for button in self._buttons:
            button.setEnabled(True)
        self.assist.set_kind(spec.name)
        self._show_form(form)
        first = next(iter(self._fields.values()), self._note)
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_form(self, form: _KindForm | None) -> None:
        """Show one kind's form (None: none); the widgets the rest of the editor reads follow it."""
        if self._shown is not form:
            if self._shown is not None:
                self._shown.host.hide()
            if form is not None:
                form.host.show()
            self._shown = form
        self._fields = dict(form.fields) if form is not None else {}
        self._note = form.note if form is not None else self._idle_note
        self._link = form.link if form is not None else self._idle_link
        self._relate = form.relate if form is not None else self._idle_relate

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
        except RuntimeError:  # the form was deleted (the schema changed the kind)
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


class _KindForm:
    """One kind's fields, note, claim link and relation rows, built once and refilled per use."""

    def __init__(self, spec: KindSpec, editor: AttributeEditor) -> None:
        self.spec = spec
        self.host = QWidget()
        self.host.hide()
        self.layout = QFormLayout(self.host)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, QLineEdit | QComboBox] = {}
        self._completers: dict[str, tuple[QStringListModel, list[str] | None]] = {}
        self._editor = editor
        for spec_field in spec.editor_fields():
            name = spec_field.name
            field: QLineEdit | QComboBox
            if spec_field.type in (FieldType.CATEGORY, FieldType.BOOLEAN):
                field = QComboBox()
                choices = spec_field.values if spec_field.type is FieldType.CATEGORY else ("true", "false")
                field.addItems(["", *choices])
            else:
                field = QLineEdit()
                field.returnPressed.connect(editor._on_return)
            field.setAccessibleName(spec_field.title)
            field.setObjectName(f"attr_{name}")
            field.installEventFilter(editor)
            self.layout.addRow(spec_field.title, field)
            self.fields[name] = field
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setObjectName("attr_note")
        self.note.returnPressed.connect(editor._on_return)
        self.note.installEventFilter(editor)
        self.layout.addRow("Note", self.note)
        self.link = QComboBox()
        self.link.setAccessibleName("Supports claim")
        self.link.installEventFilter(editor)
        self.layout.addRow("Supports claim", self.link)
        self.layout.setRowVisible(self.link, spec.name == Kind.ATTRIBUTION)
        self.relate = QComboBox()
        self.relate.setAccessibleName("Relate to")
        self.relate.installEventFilter(editor)
        self.layout.addRow("Relate to", self.relate)
        self.relations = QLabel()
        self.relations.setWordWrap(True)
        self.relations.setAccessibleName("Relations")
        self.layout.addRow("Relations", self.relations)

    def fill(
        self,
        values: dict[str, str],
        note: str,
        links: list[str],
        claims: list[tuple[str, str]] | None,
        completions: dict[str, list[str]],
        relations: list[str],
        relation_choices: list[tuple[str, str, str]] | None,
    ) -> None:
        for name, field in self.fields.items():
            value = values.get(name, "")
            if isinstance(field, QComboBox):
                found = field.findText(value)
                field.setCurrentIndex(found if found >= 0 else 0)
            else:
                field.setText(value)
                self._complete(name, field, completions.get(name))
        self.note.setText(note)
        if self.spec.name == Kind.ATTRIBUTION:
            self.link.clear()
            self.link.addItem("(no claim)", "")
            for claim_id, label in claims or []:
                self.link.addItem(label, claim_id)
            if links:
                found = self.link.findData(links[0])
                if found >= 0:
                    self.link.setCurrentIndex(found)
        self.relate.clear()
        if relation_choices:  # (type, target id, label): another relation, made on Save
            self.relate.addItem("(none)", None)
            for rel_type, target, label in relation_choices:
                self.relate.addItem(label, (rel_type, target))
        self.layout.setRowVisible(self.relate, bool(relation_choices))
        self.relations.setText("\n".join(relations))
        self.layout.setRowVisible(self.relations, bool(relations))

    def _complete(self, name: str, field: QLineEdit, offered: list[str] | None) -> None:
        """Offer `offered` as completions (the model is refilled only when the list changed)."""
        known = self._completers.get(name)
        if known is None:
            if not offered:
                return
            completer = QCompleter(field)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            model = QStringListModel(completer)
            completer.setModel(model)
            field.setCompleter(completer)
            completer.popup().installEventFilter(self._editor)  # runs before the completer's own
            known = (model, None)
        model, last = known
        if offered is not last:
            model.setStringList(sorted(set(offered or [])))
            self._completers[name] = (model, offered)
