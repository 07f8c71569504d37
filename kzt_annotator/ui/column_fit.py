"""Column widths of a table measured from its model's texts, as resizeColumnsToContents makes them."""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QTableView


class ColumnTexts(Protocol):
    def columnCount(self) -> int: ...  # noqa: N802 - Qt's name

    def column_texts(self, column: int, rows: int) -> list[str]: ...


def fit_columns(view: QTableView, model: ColumnTexts) -> None:
    """Size the columns to their header and the texts of their first rows, as
    resizeColumnsToContents does, measured from the model's texts in one pass rather than by
    asking data() for every role of every cell (tens of ms in Python)."""
    from PySide6.QtWidgets import QStyle  # its class brings about 570 enum members: when first used

    rows = max(view.horizontalHeader().resizeContentsPrecision(), 0)
    metrics = QFontMetricsF(view.font())
    style = view.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    margin += 1 if view.showGrid() else 0
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        texts = set(model.column_texts(column, rows))  # each text measured once
        widest = math.ceil(max((metrics.horizontalAdvance(t) for t in texts), default=0)) + margin
        view.setColumnWidth(column, max(widest, header.sectionSizeHint(column)))
