"""The article reader: a read-only text view that speaks Python offsets to the rest of the UI."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from kzt_annotator.core.lexer import CueScanner
from kzt_annotator.core.model import Article
from kzt_annotator.ui.highlighter import EAGER_CHARS, ArticleHighlighter, Mark
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
        self._highlighting = False
        self.highlighter.pendingShown.connect(self.highlight_visible)
        self.updateRequest.connect(self.highlight_visible)
        self.article: Article | None = None
        self.offsets = OffsetMap("")
        self.selectionChanged.connect(self._emit_selection)

    # -- content ----------------------------------------------------------------------------
    def show_article(self, article: Article | None, cues: CueScanner | None, marks: list[Mark]) -> None:
        """Show `article`; `cues` scans a paragraph for cues (None: no cues)."""
        self.article = article
        text = article.text if article else ""
        self.offsets = OffsetMap(text)
        self.highlighter.load(text, self.offsets, cues, marks, article.boilerplate if article else ())
        document = self.document()
        if len(text) > EAGER_CHARS:
            # Qt asks the highlighter for every block as the text is set: a Python call each, about
            # 12 ms for a 300,000-character article's 1,300 blocks. With the document's signals held
            # it asks for none; every block starts pending and those on screen are drawn below.
            document.blockSignals(True)
            try:
                self.setPlainText(text)
            finally:
                document.blockSignals(False)
            self.highlighter.pending |= set(range(document.blockCount()))
        else:
            self.highlighter.deferring(EAGER_CHARS)  # the rest is highlighted as it scrolls into view
            try:
                self.setPlainText(text)
            finally:
                self.highlighter.deferring(None)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.highlight_visible()

    def highlight_visible(self, *_args: object) -> None:
        """Highlight the pending blocks that are on screen now."""
        pending = self.highlighter.pending
        if not pending or self.highlighter.is_deferring or self._highlighting:
            return
        self._highlighting = True
        try:
            self._highlight_pending_on_screen(pending)
        finally:
            self._highlighting = False

    def _highlight_pending_on_screen(self, pending: set[int]) -> None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height()
        while block.isValid() and self.blockBoundingGeometry(block).translated(offset).top() <= bottom:
            if block.blockNumber() in pending:
                self.highlighter.rehighlightBlock(block)
            block = block.next()

    def visible_span(self) -> tuple[int, int]:
        """(start, end) in code points of the text on screen, from the top left corner of the view
        to its bottom right: the lines shown, not their whole paragraphs (an article without line
        breaks is one paragraph)."""
        viewport = self.viewport()
        corner = QPoint(max(viewport.width() - 1, 0), max(viewport.height() - 1, 0))
        start = self.cursorForPosition(QPoint(0, 0)).position()
        end = self.cursorForPosition(corner).position()
        return self.offsets.to_py(start), self.offsets.to_py(max(end, start))

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
