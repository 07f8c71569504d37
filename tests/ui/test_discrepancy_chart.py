"""The discrepancy chart (pyqtgraph): rows by outlet, open-ended intervals, legend, zoom, export."""

from __future__ import annotations

import math

import pytest
from lxml import etree

from kzt_annotator.core.model import UNKNOWN_OUTLET
from kzt_annotator.ui.chart_labels import article_labels
from kzt_annotator.ui.discrepancy_chart import Bar, DiscrepancyChart


@pytest.fixture
def chart(qtbot):
    widget = DiscrepancyChart()
    qtbot.addWidget(widget)
    widget.resize(640, 360)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_bars(
        "troops: conflicting",
        "troops",
        [
            Bar("Tengrinews", 2500, 2500, 2500, True),
            Bar("Reuters", 7500, 15000, 15000, True),
            Bar(UNKNOWN_OUTLET, 2000, math.inf, None, False),  # "multiple": no upper bound
        ],
    )
    return widget


def items_of(widget, type_name):
    return [i for i in widget.plot_item().items if type(i).__name__ == type_name]


def test_rows_are_labelled_by_outlet_and_unknown_when_missing():
    names = article_labels(
        [1, 2, 3, 4, 5], {1: ("Reuters", ""), 2: ("", ""), 3: ("Reuters", ""), 5: ("AP", "")}
    )
    assert names == {
        1: "Reuters (1)",  # nothing else tells them apart
        2: f"{UNKNOWN_OUTLET} (1)",
        3: "Reuters (2)",
        4: f"{UNKNOWN_OUTLET} (2)",
        5: "AP",
    }


def test_bars_points_colours_and_the_open_interval(chart):
    bars = items_of(chart, "BarGraphItem")
    # one item for the conflicting bars, one for the compatible ones, one fading open-ended bar
    assert len(bars) == 2
    assert len(items_of(chart, "ScatterPlotItem")) == 1
    [arrow] = items_of(chart, "ArrowItem")  # the open end points off the chart
    assert arrow.pos().x() > 15000
    ticks = chart.plot_item().getAxis("left")._tickLevels[0]
    assert sorted(ticks, reverse=True) == [(2, "Tengrinews"), (1, "Reuters"), (0, UNKNOWN_OUTLET)]


def test_legend_names_every_mark(chart):
    legend = chart.legend
    labels = [label.text for _sample, label in legend.items]
    assert labels == ["conflicting interval", "compatible interval", "reported value", "→ no upper bound"]


def test_zoom_and_pan_then_reset(chart):
    view = chart.plot_item().getViewBox()
    before = view.viewRange()[0]
    view.scaleBy((0.5, 1))
    view.translateBy(x=1000)
    zoomed = view.viewRange()[0]
    assert zoomed[1] - zoomed[0] == pytest.approx((before[1] - before[0]) / 2, rel=0.01)
    chart.reset_view()
    assert view.viewRange()[0] == pytest.approx(before, rel=0.01)


def test_export_png_and_svg(chart, tmp_path):
    png = chart.export(tmp_path / "chart.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = chart.export(tmp_path / "chart.svg")
    root = etree.fromstring(svg.read_bytes())
    assert root.tag.endswith("svg")
    assert "Tengrinews" in svg.read_text()
    with pytest.raises(ValueError, match="use .png or .svg"):
        chart.export(tmp_path / "chart.pdf")


def test_export_menu_asks_for_the_path(chart, tmp_path):
    chart.ask_path = lambda: tmp_path / "picked"
    png, svg = chart.export_button.menu().actions()
    svg.trigger()
    assert (tmp_path / "picked.svg").stat().st_size > 0
    png.trigger()
    assert (tmp_path / "picked.png").stat().st_size > 0
    chart.ask_path = lambda: None  # cancelled: nothing written
    png.trigger()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picked.png", "picked.svg"]


def test_an_empty_chart_does_not_load_the_plotting_library(qtbot):
    widget = DiscrepancyChart()
    qtbot.addWidget(widget)
    widget.show_bars("", "", [])
    assert widget._plot is None


def test_the_legend_is_built_once_and_follows_open_ended_bars(chart):
    marks = [sample.item for sample, _label in chart.legend.items]
    chart.show_bars("t", "x", [Bar("a", 1, 2, 1.5, False)])
    labels = [label.text for _sample, label in chart.legend.items]
    assert labels == ["conflicting interval", "compatible interval", "reported value"]
    assert [sample.item for sample, _label in chart.legend.items] == marks[:3]  # the same marks
    chart.show_bars("t", "x", [Bar("a", 1, float("inf"), None, True)])
    assert chart.legend.items[-1][1].text == "→ no upper bound"


def test_a_redraw_keeps_its_items_and_an_unchanged_axis_is_not_drawn_again(chart):
    """Bars and dots are one item per colour, given new rows; an axis given the same ticks keeps
    the picture it drew (pyqtgraph builds it anew, tens of ms, whenever its ticks are set)."""
    bars = [Bar("Reuters", 7500, 15000, 15000, True), Bar("Tengrinews", 2500, 2600, None, False)]
    chart.show_bars("troops: conflicting", "troops", bars)
    chart.grab()  # painted: the axes have drawn their pictures
    marks = dict(chart._marks)
    left = chart.plot_item().getAxis("left")
    assert left.picture is not None
    chart.show_bars("troops: conflicting", "troops", bars)
    assert left.picture is not None  # nothing to draw again
    assert len(items_of(chart, "BarGraphItem")) == 2 and not items_of(chart, "ArrowItem")
    chart.show_bars("troops: compatible", "troops", [Bar("Reuters", 7500, 15000, 15000, False)])
    assert chart._marks == marks  # the same items, with new rows
    [agree] = items_of(chart, "BarGraphItem")
    assert agree is marks["compatible bars"] and list(agree.opts["x1"]) == [15000]
    assert left._tickLevels == [[(0, "Reuters")]] and left.picture is None  # new ticks: drawn anew
    chart.show_bars("", "", [])
    assert not items_of(chart, "BarGraphItem") and not items_of(chart, "ScatterPlotItem")
