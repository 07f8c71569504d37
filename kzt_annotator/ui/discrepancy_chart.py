"""A QtCharts view of one discrepancy group: each report's (or outlet's) interval as a bar, values as dots."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.figure_groups import ArticleFigures, GroupSummary

MAX_BARS = 40  # more bars than this are unreadable, and each is a QLineSeries
MAX_OUTLET_BARS = 24  # outlet bars carry longer labels
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

    def show_group(self, group: GroupSummary | None, reports: list[Report], labels: dict[int, str]) -> None:
        """One bar per report when the group is small, else one per outlet (its reports' span)."""
        if group is None or group.count == 0:
            self.show_bars("", "", [])
            return
        if group.count <= len(reports) and group.count <= MAX_BARS:
            bars = [
                Bar(
                    f"{_short(r.outlet)} #{i + 1}",
                    r.interval.low,
                    r.interval.high,
                    r.value,
                    group.conflicts(r),
                )
                for i, r in enumerate(reports)
            ]
            note = ""
        else:
            articles = _sample(list(group.articles.values()), MAX_OUTLET_BARS)
            names = _unique_names([a.article_id for a in articles], labels)
            bars = [
                Bar(
                    names[a.article_id],
                    a.floor,
                    a.ceiling,
                    a.values[0] if a.values and a.values[0] == a.values[1] else None,
                    group.article_conflicts(a.article_id),
                )
                for a in articles
            ]
            shown = (
                ""
                if len(articles) == group.outlets
                else f" (extremes and a sample: {len(articles)} of {group.outlets})"
            )
            note = f", one bar per outlet{shown}"
        self.show_bars(
            f"{group.quantity}: {group.relation.label}{note}", group.quantity.replace("_", " "), bars
        )

    def show_bars(self, title: str, axis_title: str, bars: list[Bar]) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        if not bars:
            return
        finite = [v for b in bars for v in (b.low, b.high, b.value or 0) if math.isfinite(v)]
        top = max(finite or [1]) * 1.15 or 1
        bottom = min(0.0, min(finite or [0]))
        x_axis = QValueAxis()
        x_axis.setRange(bottom, top)
        x_axis.setLabelFormat("%.0f")
        x_axis.applyNiceNumbers()
        x_axis.setTitleText(axis_title)
        y_axis = QCategoryAxis()
        y_axis.setRange(-0.5, len(bars) - 0.5)
        y_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        y_axis.setTruncateLabels(False)  # names are short already; eliding turned them all into "..."
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        points = QScatterSeries()
        points.setMarkerSize(11)
        points.setColor(QColor(33, 33, 33))
        labels = []
        for row, bar in enumerate(bars):
            y = len(bars) - 1 - row
            labels.append((y, bar.label))
            series = QLineSeries()
            pen = QPen(CONFLICT if bar.conflicting else AGREE)
            pen.setWidth(10)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            series.setPen(pen)
            low = max(bar.low, bottom)
            high = bar.high if math.isfinite(bar.high) else top
            tick = (top - bottom) * 0.03
            if high - low < 2 * tick:  # an exact value: a short coloured bar around its dot
                low, high = (low + high) / 2 - tick, (low + high) / 2 + tick
            series.append(QPointF(low, y))
            series.append(QPointF(high, y))
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            if bar.value is not None:
                points.append(QPointF(bar.value, y))
        for y, label in sorted(labels):  # category end values must increase
            y_axis.append(label, y)
        chart.addSeries(points)
        points.attachAxis(x_axis)
        points.attachAxis(y_axis)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    low: float
    high: float
    value: float | None
    conflicting: bool


def _sample(articles: list[ArticleFigures], limit: int) -> list[ArticleFigures]:
    """At most `limit` outlets: the lowest and highest always, evenly spaced between."""
    ordered = sorted(articles, key=lambda a: (a.floor, a.ceiling))
    if len(ordered) <= limit:
        return ordered
    step = (len(ordered) - 1) / (limit - 1)
    return [ordered[round(i * step)] for i in range(limit)]


def _unique_names(article_ids: list[int], labels: dict[int, str]) -> dict[int, str]:
    """Bar labels: the outlet, with the article number where an outlet has several (axis labels
    must differ, or Qt drops the repeated ones)."""
    names = {a: _short(labels.get(a, "") or f"article {a}", 20) for a in article_ids}
    repeated = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {a: f"{n} #{a}" if n in repeated else n for a, n in names.items()}


def _short(text: str, width: int = 26) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
