"""Draws cues, boilerplate and annotations over the article, block by block.

A QSyntaxHighlighter on a read-only document: formats are computed per visible block from
sorted range lists, so adding one annotation re-highlights only the blocks it touches, and the
document itself (undo stack, modified flag, clipboard) is never written.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.lexer import Cue
from kzt_annotator.core.model import TextRange
from kzt_annotator.ui.colours import SELECTED_ALPHA, annotator_colour, cue_formats, kind_colour
from kzt_annotator.ui.offsets import OffsetMap

DIM = QColor(128, 128, 128)


@dataclass(frozen=True, slots=True)
class Mark:
    """Something drawn over the text: an annotation, or a suggestion (dotted underline)."""

    start: int
    end: int
    kind: Kind
    key: str  # annotation id, or a suggestion key
    annotator: str = ""
    suggestion: bool = False
    colour: QColor | None = None  # a fixed colour (compare view) instead of kind/annotator colours


class _Ranges:
    """Sorted ranges with a fast 'which ones overlap [a, b)' query."""

    def __init__(self, items: list) -> None:
        self.items = sorted(items, key=lambda r: (r.start, r.end))
        self.starts = [r.start for r in self.items]
        self.max_len = max((r.end - r.start for r in self.items), default=0)

    def update(self, remove_keys: set[str], add: list) -> None:
        """Drop the items with these keys and insert new ones, keeping the order."""
        if remove_keys:
            self.items = [r for r in self.items if r.key not in remove_keys]
        for item in add:
            insort(self.items, item, key=lambda r: (r.start, r.end))
            self.max_len = max(self.max_len, item.end - item.start)  # an upper bound is enough
        self.starts = [r.start for r in self.items]

    def overlapping(self, a: int, b: int) -> list:
        hi = bisect_left(self.starts, b)
        lo = bisect_left(self.starts, a - self.max_len)
        return [r for r in self.items[lo:hi] if r.end > a]


class ArticleHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.offsets = OffsetMap("")
        self._cues = _Ranges([])
        self._marks = _Ranges([])
        self._boiler = _Ranges([])
        self._cue_formats = cue_formats()
        self.enabled_cues: set[str] = set(self._cue_formats)
        self.colour_by = "kind"
        self.selected: str | None = None
        self._formats: dict[tuple, QTextCharFormat] = {}

    # -- data -------------------------------------------------------------------------------
    def load(
        self, offsets: OffsetMap, cues: list[Cue], marks: list[Mark], boiler: tuple[TextRange, ...]
    ) -> None:
        """Set everything before the document text is set (Qt highlights on setPlainText)."""
        self.offsets = offsets
        self._cues = _Ranges(cues)
        self._marks = _Ranges(marks)
        self._boiler = _Ranges(list(boiler))

    def set_marks(self, marks: list[Mark], touched: list[tuple[int, int]] | None = None) -> None:
        self._marks = _Ranges(marks)
        if touched is None:
            self.rehighlight()
        else:
            self.rehighlight_ranges(touched)

    def update_marks(self, remove_keys: set[str], add: list[Mark], touched: list[tuple[int, int]]) -> None:
        self._marks.update(remove_keys, add)
        self.rehighlight_ranges(touched)

    def set_colour_by(self, mode: str) -> None:
        self.colour_by = mode
        self._formats.clear()
        self.rehighlight()

    def marks(self) -> list[Mark]:
        return list(self._marks.items)

    def set_selected(self, key: str | None) -> None:
        previous = [(m.start, m.end) for m in self._marks.items if m.key in {self.selected, key}]
        self.selected = key
        self.rehighlight_ranges(previous)

    def rehighlight_ranges(self, ranges: list[tuple[int, int]]) -> None:
        document = self.document()
        seen: set[int] = set()
        for start, end in ranges:
            block = document.findBlock(self.offsets.to_qt(start))
            last = document.findBlock(self.offsets.to_qt(max(start, end - 1)))
            while block.isValid():
                if block.blockNumber() not in seen:
                    seen.add(block.blockNumber())
                    self.rehighlightBlock(block)
                if block == last:
                    break
                block = block.next()

    # -- drawing ----------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block_qt = self.currentBlock().position()
        a = self.offsets.to_py(block_qt)
        b = self.offsets.to_py(block_qt + len(text))
        if a >= b:
            return
        cues = [c for c in self._cues.overlapping(a, b) if c.kind in self.enabled_cues]
        marks = self._marks.overlapping(a, b)
        boiler = self._boiler.overlapping(a, b)
        if not (cues or marks or boiler):
            return
        # Sweep the block once: at each boundary drop what ended and add what starts.
        starts: dict[int, list] = {}
        ends: dict[int, list] = {}
        for group, items in ((0, cues), (1, marks), (2, boiler)):
            for item in items:
                starts.setdefault(max(item.start, a), []).append((group, item))
                ends.setdefault(min(item.end, b), []).append((group, item))
        points = sorted({a, b, *starts, *ends})
        active: tuple[list, list, list] = ([], [], [])
        to_qt = self.offsets.to_qt
        for seg_start, seg_end in zip(points, points[1:], strict=False):
            for group, item in ends.get(seg_start, ()):
                active[group].remove(item)
            for group, item in starts.get(seg_start, ()):
                active[group].append(item)
            if not (active[0] or active[1] or active[2]):
                continue
            fmt = self._format_for(active[0], active[1], bool(active[2]))
            q0 = to_qt(seg_start) - block_qt
            self.setFormat(q0, to_qt(seg_end) - block_qt - q0, fmt)

    def _format_for(self, here_cues: list, marks: list, in_boiler: bool) -> QTextCharFormat:
        here = sorted(marks, key=lambda m: m.end - m.start) if len(marks) > 1 else marks
        # Formats repeat endlessly across a long article: build each distinct one once.
        key = (
            in_boiler,
            tuple(c.kind for c in here_cues),
            tuple(
                (
                    m.kind,
                    m.annotator,
                    m.suggestion,
                    m.key == self.selected,
                    m.colour.rgba() if m.colour else 0,
                )
                for m in here[:2]
            ),
            any(m.key == self.selected for m in here),
        )
        cached = self._formats.get(key)
        if cached is None:
            cached = self._formats[key] = self._build_format(in_boiler, here_cues, here)
        return cached

    def _build_format(self, in_boiler: bool, here_cues: list, here: list) -> QTextCharFormat:
        fmt = QTextCharFormat()
        for cue in here_cues:
            fmt.merge(self._cue_formats[cue.kind])
        if in_boiler:
            fmt.setForeground(DIM)
            fmt.setFontItalic(True)
        real = [m for m in here if not m.suggestion]
        if real:
            inner = real[0]
            alpha = SELECTED_ALPHA if inner.key == self.selected else None
            fmt.setBackground(self._colour(inner, alpha))
            if len(real) > 1:  # overlap: the outer annotation shows as a wavy underline
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(self._colour(real[1], 255))
            if any(m.key == self.selected for m in real[1:]):
                fmt.setBackground(
                    self._colour(next(m for m in real if m.key == self.selected), SELECTED_ALPHA)
                )
        suggestions = [m for m in here if m.suggestion]
        if suggestions and not real:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(kind_colour(suggestions[0].kind, 255))
            if suggestions[0].key == self.selected:
                fmt.setBackground(kind_colour(suggestions[0].kind, 50))
        return fmt

    def _colour(self, mark: Mark, alpha: int | None) -> QColor:
        if mark.colour is not None:
            return mark.colour
        if self.colour_by == "annotator" and mark.annotator:
            return annotator_colour(mark.annotator, alpha or 90)
        return kind_colour(mark.kind, alpha or 90)
