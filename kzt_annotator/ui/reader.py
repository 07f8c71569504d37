"""The article reader: a read-only text view that speaks Python offsets to the rest of the UI."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from kzt_annotator.core.lexer import Cue
from kzt_annotator.core.model import Article
from kzt_annotator.ui.highlighter import ArticleHighlighter, Mark
from kzt_annotator.ui.offsets import OffsetMap


class ReaderView(QPlainTextEdit):
    """Shows one article; emits `markClicked(key)` when a highlighted span is clicked."""

    markClicked = Signal(str)  # noqa: N815 - Qt signal naming
    selectionSpanChanged = Signal(int, int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        font = QFont("DejaVu Serif")
        font.setStyleHint(QFont.StyleHint.Serif)
        font.setPointSize(12)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self.setAccessibleName("Article text")
        self.setUndoRedoEnabled(False)
        self.highlighter = ArticleHighlighter(self.document())
        self.article: Article | None = None
        self.offsets = OffsetMap("")
        self.selectionChanged.connect(self._emit_selection)

    # -- content ----------------------------------------------------------------------------
    def show_article(self, article: Article | None, cues: list[Cue], marks: list[Mark]) -> None:
        self.article = article
        text = article.text if article else ""
        self.offsets = OffsetMap(text)
        self.highlighter.load(self.offsets, cues, marks, article.boilerplate if article else ())
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    # -- selection in Python offsets --------------------------------------------------------
    def selection_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self.offsets.to_py(cursor.selectionStart()), self.offsets.to_py(cursor.selectionEnd())

    def select_span(self, start: int, end: int, *, scroll: bool = True) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.centerCursor()

    def place_cursor(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(position))
        self.setTextCursor(cursor)
        self.centerCursor()

    def _emit_selection(self) -> None:
        start, end = self.selection_span()
        self.selectionSpanChanged.emit(start, end)

    # -- clicks -----------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.offsets.to_py(self.cursorForPosition(event.position().toPoint()).position())
        self.click_at(position)

    def click_at(self, position: int) -> None:
        """Select the innermost mark under `position` (what a click on a highlighted span does)."""
        hits = sorted(
            (m for m in self.highlighter.marks() if m.start <= position < m.end),
            key=lambda m: (m.suggestion, m.end - m.start),
        )
        if hits:
            self.markClicked.emit(hits[0].key)
