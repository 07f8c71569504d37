"""A one-line text for counts that change after every edit, without laying out the window.

A QLabel asks its parents to lay out again at every new text (`QWidget.updateGeometry`), and Qt
passes that request up to the main window: after a tag, a dock's "1,234 unreviewed" made the
dock and the whole window (its toolbars and every dock) lay out again, and the window animated
its docks into the places they already had. This widget repaints itself when a new text still
fits the width it has, and asks for a layout only when it does not (the text would be cut).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class StatusLine(QWidget):
    """One line of plain text, left-aligned and vertically centred (sizes in device-independent
    pixels). Like a label, it is laid out at least as wide as its text; a later text that is no
    wider only repaints. Elided at the right in the moment before a wider text's layout."""

    PADDING = 2  # px left and right of the text

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._cut = False  # a text too wide for the width set while hidden: laid out on show
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name, so callers read alike
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)  # what a screen reader announces, as a label's text
        if self._needed_width() > self.width():
            # It would be cut: the one case worth a layout, and only once it can be seen (a
            # hidden dock's panel laid out after every tag would lay out the window as well).
            self._cut = not self.isVisible()
            if not self._cut:
                self.updateGeometry()
        self.update()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._cut:
            self._cut = False
            self.updateGeometry()
        super().showEvent(event)

    def _needed_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self._text) + 2 * self.PADDING

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._needed_width(), self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()  # as a label's: never squeezed below the text it had when laid out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        area = self.rect().adjusted(self.PADDING, 0, -self.PADDING, 0)
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, area.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
