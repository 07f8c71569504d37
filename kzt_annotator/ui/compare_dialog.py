"""Compare two annotators on one article, side by side: both made it with the same attributes
(green), both made it with different attributes (amber), only one made it (red). The two panes
scroll together, and a table lists every attribute difference of the matched spans field by field."""

from __future__ import annotations

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.curation import CurationUnit, signature
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.core.units import match_pairs
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.reader import ReaderView

SAME = QColor(67, 160, 71, 110)
DIFFERENT = QColor(255, 160, 0, 130)
ONLY_ONE = QColor(229, 57, 53, 110)


def compare_marks(
    left: list[Annotation], right: list[Annotation]
) -> tuple[list[Mark], list[Mark], dict[str, str]]:
    """Marks for each side and each annotation's verdict: same / different / only."""
    verdict: dict[str, str] = {}
    for a, b in match_pairs(left, right, "overlap"):
        same = signature(a) == signature(b)
        verdict[a.id] = verdict[b.id] = "same" if same else "different"
    colours = {"same": SAME, "different": DIFFERENT, "only": ONLY_ONE}

    def marks(side: list[Annotation]) -> list[Mark]:
        return [
            Mark(a.start, a.end, a.kind, a.id, a.annotator, colour=colours[verdict.setdefault(a.id, "only")])
            for a in side
        ]

    return marks(left), marks(right), verdict


def attribute_differences(left: list[Annotation], right: list[Annotation]) -> list[tuple[str, str, str, str]]:
    """(span text, field, left value, right value) for every field that differs in a matched pair."""
    rows = []
    for a, b in match_pairs(left, right, "overlap"):
        unit = CurationUnit(0, (a.annotator, b.annotator), {a.annotator: a, b.annotator: b})
        text = " ".join(a.text.split())[:60]
        for difference in unit.differences:
            if difference.field == "text":
                continue
            rows.append(
                (text, difference.field, difference.values[a.annotator], difference.values[b.annotator])
            )
    return rows


class CompareDialog(QDialog):
    def __init__(
        self, article: Article, annotations: list[Annotation], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare annotators — {article.title}")
        self.resize(1300, 760)
        self.article = article
        self.annotations = annotations
        names = sorted({a.annotator for a in annotations})
        self.first, self.second = QComboBox(), QComboBox()
        for box, pick in ((self.first, 0), (self.second, 1)):
            box.addItems(names)
            box.setCurrentIndex(min(pick, len(names) - 1))
            box.currentIndexChanged.connect(self.refresh)
        self.left, self.right = ReaderView(), ReaderView()
        self.summary = QLabel()
        legend = QLabel(
            "<span style='background:rgba(67,160,71,.45)'>&nbsp;both, same&nbsp;</span> "
            "<span style='background:rgba(255,160,0,.5)'>&nbsp;both, different&nbsp;</span> "
            "<span style='background:rgba(229,57,53,.45)'>&nbsp;only one&nbsp;</span>"
        )
        pickers = QHBoxLayout()
        pickers.addWidget(QLabel("Left:"))
        pickers.addWidget(self.first)
        pickers.addWidget(QLabel("Right:"))
        pickers.addWidget(self.second)
        pickers.addStretch(1)
        pickers.addWidget(legend)
        readers = QHBoxLayout()
        readers.addWidget(self.left)
        readers.addWidget(self.right)
        # The two panes show the same text: scrolling one scrolls the other.
        left_bar, right_bar = self.left.verticalScrollBar(), self.right.verticalScrollBar()
        left_bar.valueChanged.connect(right_bar.setValue)
        right_bar.valueChanged.connect(left_bar.setValue)
        self.differences = QStandardItemModel(0, 4)
        self.differences.setHorizontalHeaderLabels(["Span", "Field", "Left", "Right"])
        table = QTableView()
        table.setModel(self.differences)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setAccessibleName("Attribute differences of matched spans")
        self.differences_view = table
        top = QWidget()
        top.setLayout(readers)
        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(top)
        split.addWidget(table)
        split.setSizes([560, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(pickers)
        layout.addWidget(self.summary)
        layout.addWidget(split)
        self.verdict: dict[str, str] = {}
        self.refresh()

    def refresh(self) -> None:
        a, b = self.first.currentText(), self.second.currentText()
        left = [x for x in self.annotations if x.annotator == a]
        right = [x for x in self.annotations if x.annotator == b]
        left_marks, right_marks, self.verdict = compare_marks(left, right)
        self.left.show_article(self.article, None, left_marks)
        self.right.show_article(self.article, None, right_marks)
        self.differences.setRowCount(0)
        for row in attribute_differences(left, right):
            self.differences.appendRow([QStandardItem(value or "∅") for value in row])
        counts = {k: sum(1 for v in self.verdict.values() if v == k) for k in ("same", "different", "only")}
        self.summary.setText(
            f"{a}: {len(left)} spans, {b}: {len(right)} spans — both same: {counts['same'] // 2}, "
            f"both different: {counts['different'] // 2}, only one: {counts['only']}"
        )
