"""The status line: a count that changes repaints itself; only a wider text asks for a layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kzt_annotator.ui.status_line import StatusLine


class _Layouts(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event):  # noqa: N802 - Qt override
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


def _row(qtbot, qapp) -> tuple[QWidget, StatusLine, _Layouts]:
    row = QWidget()
    qtbot.addWidget(row)
    line = StatusLine("10 unreviewed")
    layout = QHBoxLayout(row)
    layout.addWidget(line)
    layout.addStretch(1)
    row.resize(400, 40)
    row.show()
    qtbot.waitExposed(row)
    qapp.processEvents()  # the first layout's requests are delivered before counting
    layouts = _Layouts()
    row.installEventFilter(layouts)
    return row, line, layouts


def test_a_text_no_wider_repaints_without_a_layout_and_a_wider_one_gets_room(qtbot, qapp):
    row, line, layouts = _row(qtbot, qapp)
    width = line.width()
    assert width >= line.fontMetrics().horizontalAdvance("10 unreviewed")
    line.setText("11 unreviewed")
    line.setText("9 unreviewed")
    qapp.processEvents()
    assert layouts.count == 0 and line.text() == "9 unreviewed"
    line.setText("1,000,000 unreviewed")
    qapp.processEvents()
    assert layouts.count >= 1
    assert line.width() >= line.fontMetrics().horizontalAdvance("1,000,000 unreviewed")
    assert line.accessibleName() == "1,000,000 unreviewed"


def test_a_wider_text_set_while_hidden_is_laid_out_when_shown(qtbot, qapp):
    row, line, layouts = _row(qtbot, qapp)
    line.hide()
    qapp.processEvents()  # hiding it lays the row out once
    layouts.count = 0
    line.setText("a much longer text than the first one was")
    qapp.processEvents()
    assert layouts.count == 0  # nothing to see, nothing laid out
    line.show()
    qapp.processEvents()
    assert line.width() >= line.fontMetrics().horizontalAdvance("a much longer text than the first one was")
