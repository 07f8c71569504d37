"""The article metadata editor: title, outlet (from the codebook, or typed as a new one), author,
date, URL, language, memo and the project's document variables, for one or several articles.

With several articles, a field whose values differ starts empty ("several values") and only the
fields the user edits are saved, to every selected article. A humble view: `saveRequested` carries
plain text values; the main window (ui/window_metadata.py) checks and applies them.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.model import ArticleSummary, CodebookEntry
from kzt_annotator.core.variables import Variable, VariableType

SEVERAL = "(several values)"
LINE_FIELDS = (
    ("title", "Title"),
    ("author", "Author"),
    ("published", "Date"),
    ("url", "URL"),
    ("language", "Language"),
)


def _common(values: list[str]) -> str | None:
    """The value all articles share, or None when they differ."""
    return values[0] if values and all(v == values[0] for v in values) else None


class MetadataEditor(QDialog):
    saveRequested = Signal(dict, dict)  # noqa: N815 - fields {name: text}, variables {name: text}

    def __init__(
        self,
        articles: list[ArticleSummary],
        outlets: list[CodebookEntry],
        variables: list[Variable],
        parent: QWidget | None = None,
        inferred: dict[int, tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.articles = articles
        # fields inferred from the text: marked "(inferred)" until edited; saving one article
        # leaves an unedited inferred field alone, so its mark stays
        self.inferred = {
            name: sum(name in (inferred or {}).get(a.id, ()) for a in articles)
            for name in ("title", "outlet", "author", "published", "url", "language")
        }
        self.edited: set[str] = set()
        several = len(articles) > 1
        self.setWindowTitle(f"Metadata of {len(articles)} articles" if several else "Article metadata")
        form = QFormLayout()
        self.header = QLabel(
            f"Editing {len(articles)} articles: only the fields you change are saved, to all of them."
            if several
            else f"#{articles[0].id} · {articles[0].source_file}"
        )
        self.header.setWordWrap(True)
        self.lines: dict[str, QLineEdit] = {}
        for name, label in LINE_FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(label)
            value = _common([_text(getattr(a, name)) for a in articles])
            edit.setText(value or "")
            edit.setCursorPosition(0)  # a long title shows its start, not its end
            if value is None:
                edit.setPlaceholderText(SEVERAL)
            if name == "published":
                edit.setPlaceholderText(edit.placeholderText() or "YYYY-MM-DD")
            edit.textEdited.connect(lambda _t, n=name: self.edited.add(n))
            self.lines[name] = edit
        self.outlet = QComboBox()
        self.outlet.setEditable(True)
        self.outlet.setAccessibleName("Outlet")
        self.outlet.addItem("", "")
        for entry in outlets:
            self.outlet.addItem(entry.display, entry.key)
        shared = _common([a.outlet or "" for a in articles])
        if shared is None:
            self.outlet.lineEdit().setPlaceholderText(SEVERAL)
            self.outlet.setCurrentIndex(0)
        else:
            found = self.outlet.findData(shared)
            if found < 0:
                found = next(
                    (i for i, e in enumerate(outlets, start=1) if shared in (e.label, *e.aliases)), -1
                )
            if found >= 0:
                self.outlet.setCurrentIndex(found)
            else:
                self.outlet.setEditText(shared)
            self.outlet.lineEdit().setCursorPosition(0)
            self.outlet.lineEdit().setPlaceholderText("unknown outlet: choose or type one")
        self.outlet.editTextChanged.connect(lambda _t: self.edited.add("outlet"))
        self.outlet.activated.connect(lambda _i: self.edited.add("outlet"))
        self.memo = QPlainTextEdit()
        self.memo.setAccessibleName("Memo")
        self.memo.setTabChangesFocus(True)
        memo = _common([a.memo for a in articles])
        self.memo.setPlainText(memo or "")
        self.memo.setPlaceholderText(SEVERAL if memo is None else "Notes on this article")
        self.memo.textChanged.connect(lambda: self.edited.add("memo"))
        form.addRow(self._label("title", "Title"), self.lines["title"])
        form.addRow(self._label("outlet", "Outlet"), self.outlet)
        for name, label in LINE_FIELDS[1:]:
            form.addRow(self._label(name, label), self.lines[name])
        form.addRow("Memo", self.memo)
        self.variables: dict[str, QLineEdit | QComboBox] = {}
        for variable in variables:
            widget = self._variable_widget(variable, [a.variables.get(variable.name, "") for a in articles])
            self.variables[variable.name] = widget
            form.addRow(variable.name, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.edited.clear()

    def _label(self, name: str, text: str) -> QLabel:
        """The field's label, 'Date (inferred)' when the import inferred it from the text."""
        n = self.inferred.get(name, 0)
        label = QLabel(text)
        if n:
            several = len(self.articles) > 1
            label.setText(f"{text} (inferred{f' for {n}' if several else ''})")
            label.setToolTip(
                "Inferred from the text on import, not read from the source: "
                "check it; editing it saves it as typed"
            )
            label.setStyleSheet("color: #8d6e00")
        return label

    def _variable_widget(self, variable: Variable, values: list[str]) -> QLineEdit | QComboBox:
        shared = _common(values)
        key = f"var:{variable.name}"
        if variable.type in (VariableType.CATEGORY, VariableType.BOOLEAN):
            combo = QComboBox()
            combo.setAccessibleName(variable.name)
            choices = variable.values if variable.type is VariableType.CATEGORY else ("true", "false")
            combo.addItem(SEVERAL if shared is None else "", "")
            for choice in choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(max(combo.findData(shared or ""), 0))
            combo.activated.connect(lambda _i: self.edited.add(key))
            return combo
        edit = QLineEdit(shared or "")
        edit.setCursorPosition(0)
        edit.setAccessibleName(variable.name)
        edit.setPlaceholderText(
            SEVERAL if shared is None else {"date": "YYYY-MM-DD"}.get(variable.type.value, "")
        )
        edit.textEdited.connect(lambda _t: self.edited.add(key))
        return edit

    def outlet_value(self) -> str:
        """The chosen codebook outlet's key, or the text typed."""
        text = self.outlet.currentText().strip()
        index = self.outlet.findText(text)
        if index > 0 and self.outlet.itemData(index):
            return str(self.outlet.itemData(index))
        return text

    def values(self) -> tuple[dict[str, str], dict[str, str]]:
        """(fields, variables) as text: every field for one article, the edited ones for several."""
        everything = len(self.articles) == 1
        fields: dict[str, str] = {}
        for name, edit in self.lines.items():
            if name in self.edited or (everything and not self.inferred.get(name)):
                fields[name] = edit.text()
        if "outlet" in self.edited or (everything and not self.inferred.get("outlet")):
            fields["outlet"] = self.outlet_value()
        if everything or "memo" in self.edited:
            fields["memo"] = self.memo.toPlainText()
        variables: dict[str, str] = {}
        for name, widget in self.variables.items():
            if everything or f"var:{name}" in self.edited:
                variables[name] = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
        return fields, variables

    def _save(self) -> None:
        fields, variables = self.values()
        self.saveRequested.emit(fields, variables)

    def show_error(self, text: str) -> None:
        self.error.setText(text)


def _text(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
