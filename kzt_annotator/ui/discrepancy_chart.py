"""A QtCharts view of one discrepancy group: each outlet's interval as a bar, its value as a dot."""

from __future__ import annotations

import math

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kzt_annotator.core.discrepancy import Group, Relation

MAX_BARS = 40  # more bars than this are unreadable, and each is a QLineSeries
CONFLICT = QColor(229, 57, 53)
AGREE = QColor(30, 136, 229)


class DiscrepancyChart(QChartView):
    def __init__(self) -> None:
        self._chart = QChart()
        super().__init__(self._chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._chart.legend().hide()
        self._chart.setMargins(self._chart.margins() * 0)
        self.setAccessibleName("Discrepancy chart")

    def show_group(self, group: Group | None) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        if group is None or not group.reports:
            chart.setTitle("")
            return
        reports = _sample(group.reports, MAX_BARS)
        shown = (
            ""
            if len(reports) == len(group.reports)
            else f" (extremes and a sample: {len(reports)} of {len(group.reports)})"
        )
        chart.setTitle(f"{group.quantity}: {group.relation.label}{shown}")
        finite = [
            v for r in reports for v in (r.interval.low, r.interval.high, r.value or 0) if math.isfinite(v)
        ]
        top = max(finite or [1]) * 1.15 or 1
        bottom = min(0.0, min(finite or [0]))
        conflicting = {
            i for p in group.pairs if p.relation is Relation.CONFLICTING for i in (p.first, p.second)
        }
        x_axis = QValueAxis()
        x_axis.setRange(bottom, top)
        x_axis.setLabelFormat("%.0f")
        x_axis.applyNiceNumbers()
        x_axis.setTitleText(group.quantity.replace("_", " "))
        y_axis = QCategoryAxis()
        y_axis.setRange(-0.5, len(reports) - 0.5)
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        points = QScatterSeries()
        points.setMarkerSize(11)
        points.setColor(QColor(33, 33, 33))
        labels = []
        for row, report in enumerate(reports):
            y = len(reports) - 1 - row
            labels.append((y, f"{_short(report.outlet)} #{row + 1}"))
            colour = CONFLICT if report.annotation_id in conflicting else AGREE
            bar = QLineSeries()
            pen = QPen(colour)
            pen.setWidth(10)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            bar.setPen(pen)
            low = max(report.interval.low, bottom)
            high = report.interval.high if math.isfinite(report.interval.high) else top
            tick = (top - bottom) * 0.03
            if high - low < 2 * tick:  # an exact value: a short coloured bar around its dot
                low, high = (low + high) / 2 - tick, (low + high) / 2 + tick
            bar.append(QPointF(low, y))
            bar.append(QPointF(high, y))
            chart.addSeries(bar)
            bar.attachAxis(x_axis)
            bar.attachAxis(y_axis)
            if report.value is not None:
                points.append(QPointF(report.value, y))
        for y, label in sorted(labels):  # category end values must increase
            y_axis.append(label, y)
        chart.addSeries(points)
        points.attachAxis(x_axis)
        points.attachAxis(y_axis)


def _sample(reports: list, limit: int) -> list:
    """At most `limit` reports: the lowest and highest intervals always, evenly spaced between."""
    if len(reports) <= limit:
        return reports
    ordered = sorted(reports, key=lambda r: (r.interval.low, r.interval.high))
    step = (len(ordered) - 1) / (limit - 1)
    return [ordered[round(i * step)] for i in range(limit)]


def _short(text: str, width: int = 26) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
