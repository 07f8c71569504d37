"""A chart of one discrepancy group: each report's (or outlet's) interval as a bar, values as dots.

Drawn with pyqtgraph on plain QtWidgets (Qt Charts, which pulled in PySide6-Addons, is deprecated).
Rows are labelled by outlet ("unknown outlet" when an article has none), conflicting intervals are
red, agreeing ones blue, an interval with no upper bound fades out towards the right edge and ends
in an arrow. The mouse wheel zooms and dragging pans; "Reset view" fits everything again; "Export"
writes the chart as PNG or SVG. pyqtgraph (and numpy with it) is imported when the first group is
drawn, so the window's start does not pay for it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QLinearGradient, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.figure_groups import ArticleFigures, GroupSummary
from kzt_annotator.ui.chart_labels import Articles, article_labels, report_labels

MAX_BARS = 40  # more bars than this are unreadable
MAX_OUTLET_BARS = 24  # outlet bars carry longer labels
CONFLICT = QColor(229, 57, 53)
AGREE = QColor(30, 136, 229)
VALUE = QColor(33, 33, 33)
BAR_HEIGHT = 0.55  # in rows
OPEN_LABEL = "→ no upper bound"
EXPORT_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
CONFLICT_MARK, AGREE_MARK, VALUE_MARK = "conflicting bars", "compatible bars", "values"


@dataclass(frozen=True, slots=True)
class Bar:
    """One row: `low`..`high` (high may be inf: open-ended), an optional exact value, its colour."""

    label: str
    low: float
    high: float
    value: float | None
    conflicting: bool


class DiscrepancyChart(QWidget):
    """The chart widget: a small tool row (Reset view, Export) over the plot."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumHeight(180)
        self.setAccessibleName("Discrepancy chart")
        self.bars: list[Bar] = []
        self.title = ""
        self.axis_title = ""
        # Replaced in tests: () -> chosen path or None.
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self._plot: Any = None  # pyqtgraph.PlotWidget, built on first use
        self._marks: dict[str, Any] = {}  # the bars of each colour and the value dots (_show_marks)
        self._open_items: list[Any] = []  # the open-ended bars and arrows of the last draw
        self._set_values: dict[str, object] = {}  # what the axes were last given (_changed)
        self.draws = 0  # times the plot was drawn (tests count them)
        self.reset_button = QPushButton("Reset view")
        self.reset_button.setToolTip("Fit the whole chart (wheel zooms, drag pans)")
        self.reset_button.clicked.connect(self.reset_view)
        self.export_button = QToolButton()
        self.export_button.setText("Export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction("Export as PNG…", lambda: self._export_asking(".png"))
        menu.addAction("Export as SVG…", lambda: self._export_asking(".svg"))
        self.export_button.setMenu(menu)
        self.caption = QLabel("Wheel zooms, dragging pans")
        self.caption.setEnabled(False)  # a quiet hint
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.caption, 1)
        tools.addWidget(self.reset_button)
        tools.addWidget(self.export_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(tools)
        self._layout.addStretch(1)

    # -- what to show ---------------------------------------------------------------------------
    def show_group(self, group: GroupSummary | None, reports: list[Report], articles: Articles) -> None:
        """One bar per report when the group is small, else one per outlet (its reports' span),
        labelled as ui.chart_labels says.

        `articles` maps article id to (outlet as views name it, title) (an empty or missing outlet:
        "unknown outlet").
        """
        if group is None or group.count == 0:
            self.show_bars("", "", [])
            return
        if group.children or (group.count <= len(reports) and group.count <= MAX_BARS):
            # a family header: its children's reports side by side, each labelled with its child
            shown = reports[:MAX_BARS]
            labels = report_labels(group, shown, articles, 18 if group.children else 26)
            bars = [
                Bar(label, r.interval.low, r.interval.high, r.value, group.conflicts(r))
                for label, r in zip(labels, shown, strict=True)
            ]
            note = f", the first {MAX_BARS} of {len(reports)}" if len(reports) > MAX_BARS else ""
        else:
            sample = _sample(list(group.articles.values()), MAX_OUTLET_BARS)
            names = article_labels([a.article_id for a in sample], articles)
            bars = [
                Bar(
                    names[a.article_id],
                    a.floor,
                    a.ceiling,
                    a.values[0] if a.values and a.values[0] == a.values[1] else None,
                    group.article_conflicts(a.article_id),
                )
                for a in sample
            ]
            part = (
                ""
                if len(sample) == group.outlets
                else f" (extremes and a sample: {len(sample)} of {group.outlets})"
            )
            note = f", one bar per outlet{part}"
        n = len(group.children)
        judged = f"{n} group{'' if n == 1 else 's'} side by side" if n else group.relation.label
        self.show_bars(f"{group.quantity}: {judged}{note}", group.quantity.replace("_", " "), bars)

    def show_bars(self, title: str, axis_title: str, bars: list[Bar]) -> None:
        """Draw `bars` top to bottom in the given order."""
        self.title, self.axis_title, self.bars = title, axis_title, list(bars)
        if not bars and self._plot is None:
            return  # nothing to draw: do not load the plotting library for an empty chart
        self._draw()

    def row_labels(self) -> list[str]:
        """The labels of the rows, top to bottom."""
        return [b.label for b in self.bars]

    # -- drawing ------------------------------------------------------------------------------
    def plot(self) -> Any:
        """The pyqtgraph GraphicsLayoutWidget: the plot above, its legend below (built on first call)."""
        if self._plot is None:
            import pyqtgraph as pg

            pg.setConfigOptions(antialias=True, background="w", foreground="k")
            self._plot = pg.GraphicsLayoutWidget()
            self._plot.setAccessibleName("Discrepancy chart plot")
            item = self._plot.addPlot(row=0, col=0)
            item.setMenuEnabled(False)  # its context menu offers far more than this chart needs
            item.showGrid(x=True, y=False, alpha=0.25)
            self.legend = pg.LegendItem(colCount=4, labelTextSize="8pt")
            self._plot.addItem(self.legend, row=1, col=0)  # below the plot: it never hides a bar
            self._layout.takeAt(self._layout.count() - 1)  # the placeholder stretch
            self._layout.addWidget(self._plot, 1)
        return self._plot

    def plot_item(self) -> Any:
        """The pyqtgraph PlotItem holding the bars, points and axes."""
        return self.plot().getItem(0, 0)

    def _draw(self) -> None:
        import pyqtgraph as pg

        self.draws += 1
        widget = self.plot()
        item = self.plot_item()
        for extra in self._open_items:  # open-ended bars and their arrows: made for each draw
            item.removeItem(extra)
        self._open_items = []
        bars = self.bars
        if self._changed("label", self.axis_title):
            item.setLabel("bottom", self.axis_title)
        if self._changed("title", self.title):  # an empty chart shows no title: never the last one's
            item.setTitle(self.title or None)
        if not bars:
            self._show_marks(pg, item, {})
            if self._changed("ticks", []):
                item.getAxis("left").setTicks([[]])
            if self._changed("width", None):  # no labels: no room kept for the last ones
                item.getAxis("left").setWidth(None)
            self.legend.clear()
            return
        finite = [v for b in bars for v in (b.low, b.high, b.value or 0) if math.isfinite(v)]
        top = max(finite or [1]) * 1.15 or 1.0
        bottom = min(0.0, min(finite or [0]))
        tick = (top - bottom) * 0.01
        rows = len(bars)
        solid: dict[bool, tuple[list[float], ...]] = {True: ([], [], []), False: ([], [], [])}
        values_x, values_y = [], []
        for row, bar in enumerate(bars):
            y = rows - 1 - row
            low = max(bar.low, bottom) if math.isfinite(bar.low) else bottom
            if not math.isfinite(bar.high):
                self._add_open_bar(pg, item, low, top, y, bar.conflicting)
            else:
                high = bar.high
                if high - low < 2 * tick:  # an exact value: a short bar around its dot
                    low, high = (low + high) / 2 - tick, (low + high) / 2 + tick
                x0s, x1s, ys = solid[bar.conflicting]
                x0s.append(low)
                x1s.append(high)
                ys.append(y)
            if bar.value is not None:
                values_x.append(bar.value)
                values_y.append(y)
        marks = {
            CONFLICT_MARK if c else AGREE_MARK: {"x0": x0s, "x1": x1s, "y": ys}
            for c, (x0s, x1s, ys) in solid.items()
            if ys
        }
        if values_x:
            marks[VALUE_MARK] = {"x": values_x, "y": values_y}
        self._show_marks(pg, item, marks)
        left = item.getAxis("left")
        ticks = [(rows - 1 - row, bar.label) for row, bar in enumerate(bars)]
        if self._changed("ticks", ticks):
            left.setTicks([ticks])
        metrics = QFontMetrics(left.style["tickFont"] or widget.font())
        width = max(metrics.horizontalAdvance(b.label) for b in bars) + 16  # labels never cut
        if self._changed("width", width):
            left.setWidth(width)
        self._add_legend(pg, item, any(not math.isfinite(b.high) for b in bars))
        if self._changed("rows", rows):
            item.getViewBox().setLimits(yMin=-1.5, yMax=rows + 0.5)
        self._range = (bottom, top, rows)
        self.reset_view()

    def _changed(self, key: str, value: object) -> bool:
        """Whether `value` differs from the one last set under `key`, noting it: given the same
        ticks, width, label or title again, pyqtgraph lays out and redraws its axes for nothing."""
        if key in self._set_values and self._set_values[key] == value:
            return False
        self._set_values[key] = value
        return True

    def _show_marks(self, pg: Any, item: Any, marks: dict[str, dict[str, list[float]]]) -> None:
        """The solid bars of each colour and the value dots, one item each: kept and given the new
        rows (making them anew costs more than drawing them); a mark with no rows leaves the plot."""
        for name in (CONFLICT_MARK, AGREE_MARK, VALUE_MARK):
            mark, data = self._marks.get(name), marks.get(name)
            if data is None:
                if mark is not None and mark in item.items:
                    item.removeItem(mark)
                continue
            if mark is None and name == VALUE_MARK:
                mark = pg.ScatterPlotItem(
                    size=10, brush=pg.mkBrush(VALUE), pen=pg.mkPen("w", width=1), **data
                )
                mark.setZValue(10)  # the dots above the bars
            elif mark is None:
                colour = pg.mkBrush(CONFLICT if name == CONFLICT_MARK else AGREE)
                mark = pg.BarGraphItem(height=BAR_HEIGHT, brush=colour, pen=pg.mkPen(None), **data)
            elif name == VALUE_MARK:
                mark.setData(**data)
            else:
                mark.setOpts(**data)
            self._marks[name] = mark
            if mark not in item.items:
                item.addItem(mark)

    def _add_open_bar(self, pg: Any, item: Any, low: float, top: float, y: float, conflicting: bool) -> None:
        """An interval with no upper bound: solid, then fading to nothing at the edge, with an arrow."""
        colour = CONFLICT if conflicting else AGREE
        fade = QLinearGradient(0, 0, 1, 0)
        fade.setCoordinateMode(QLinearGradient.CoordinateMode.ObjectBoundingMode)
        fade.setColorAt(0.0, colour)
        fade.setColorAt(0.6, colour)
        transparent = QColor(colour)
        transparent.setAlpha(25)
        fade.setColorAt(1.0, transparent)
        faded = pg.BarGraphItem(
            x0=[low], x1=[top], y=[y], height=BAR_HEIGHT, brush=QBrush(fade), pen=pg.mkPen(None)
        )
        arrow = pg.ArrowItem(angle=180, headLen=14, tipAngle=40, brush=pg.mkBrush(colour), pen=pg.mkPen(None))
        arrow.setPos(top, y)
        for extra in (faded, arrow):
            item.addItem(extra)
            self._open_items.append(extra)

    def _add_legend(self, pg: Any, item: Any, open_ended: bool) -> None:
        """The legend's marks, made once (building them costs tens of ms); the open-ended mark only
        while a bar has no upper bound."""
        legend = self.legend
        if not legend.items:
            legend.addItem(pg.PlotDataItem(pen=pg.mkPen(CONFLICT, width=8)), "conflicting interval")
            legend.addItem(pg.PlotDataItem(pen=pg.mkPen(AGREE, width=8)), "compatible interval")
            legend.addItem(
                pg.PlotDataItem(pen=None, symbol="o", symbolBrush=pg.mkBrush(VALUE), symbolSize=9),
                "reported value",
            )
        shown = any(label.text == OPEN_LABEL for _sample, label in legend.items)
        if open_ended and not shown:
            legend.addItem(pg.PlotDataItem(pen=pg.mkPen(QColor(120, 120, 120), width=8)), OPEN_LABEL)
        elif shown and not open_ended:
            legend.removeItem(OPEN_LABEL)

    def reset_view(self) -> None:
        """Fit the whole chart again after zooming or panning."""
        if self._plot is None or not self.bars:
            return
        bottom, top, rows = self._range
        view = self.plot_item().getViewBox()
        view.setRange(xRange=(bottom, top * 1.02), yRange=(-0.7, rows - 0.3), padding=0)

    # -- export -------------------------------------------------------------------------------
    def export(self, path: Path) -> Path:
        """Write the chart to `path`: PNG or SVG by its suffix. Raises ValueError for another suffix.

        PNG through pyqtgraph's image exporter (twice the on-screen width); SVG through Qt's own
        SVG generator, which keeps the labels as text (pyqtgraph's SVG exporter cannot parse the
        paths Qt 6.11 writes).
        """
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg"):
            raise ValueError(
                f"cannot export the chart as {suffix or 'a file without suffix'}: use .png or .svg"
            )
        plot = self.plot()
        if suffix == ".png":
            from pyqtgraph.exporters import ImageExporter

            exporter = ImageExporter(plot.scene())
            exporter.parameters()["width"] = max(800, plot.width() * 2)
            exporter.export(str(path))
            return path
        from PySide6.QtSvg import QSvgGenerator

        source = plot.scene().itemsBoundingRect()
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(self.title or "Discrepancy chart")
        painter = QPainter(generator)
        try:
            plot.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
        finally:
            painter.end()
        return path

    def _export_asking(self, suffix: str) -> Path | None:
        path = self.ask_path()
        if path is None:
            return None
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(suffix)
        return self.export(path)

    def _ask_path(self) -> Path | None:
        from kzt_annotator.ui.dialogs import choose_one  # the file dialogs load when first used

        return choose_one(
            self, "Export chart", "SAVE", start="discrepancy-chart.png", file_filter=EXPORT_FILTER
        )


def _sample(articles: list[ArticleFigures], limit: int) -> list[ArticleFigures]:
    """At most `limit` outlets: the lowest and highest always, evenly spaced between."""
    ordered = sorted(articles, key=lambda a: (a.floor, a.ceiling))
    if len(ordered) <= limit:
        return ordered
    step = (len(ordered) - 1) / (limit - 1)
    return [ordered[round(i * step)] for i in range(limit)]
