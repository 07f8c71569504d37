"""Draws cues, boilerplate and annotations over the article, block by block.

A QSyntaxHighlighter on a read-only document: formats are computed per block from sorted range
lists, so adding one annotation re-highlights only the blocks it touches, and the document itself
(undo stack, modified flag, clipboard) is never written.

Only what is on screen is drawn eagerly: when a long article is set (or everything must be redrawn)
blocks beyond the first screenfuls are left `pending`, and the reader highlights them as they
scroll into view. Cues are scanned per block at that moment, not over the whole article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.lexer import Cue, CueScanner
from kzt_annotator.core.model import TextRange
from kzt_annotator.ui.colours import SELECTED_ALPHA, annotator_colour, cue_formats, kind_colour
from kzt_annotator.ui.offsets import OffsetMap

DIM = QColor(128, 128, 128)
_START_END = attrgetter("start", "end")
EAGER_CHARS = 12_000  # highlighted at once when an article is set: more than a screen holds
BULK = 200  # marks or ranges at once from which a change is made wholesale, not one by one


class Mark(NamedTuple):
    """Something drawn over the text: an annotation, or a suggestion (dotted underline).

    A named tuple: 10,000 of them are made when a long article opens, several times faster than
    a frozen dataclass, and they sort by (start, end) in C.
    """

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
        self.items = sorted(items, key=_START_END)
        self.starts = [r.start for r in self.items]
        self.max_len = max((r.end - r.start for r in self.items), default=0)
        self._by_key: dict[str, list] | None = None  # built on first keyed look-up

    def with_keys(self, keys: set) -> list:
        """The items whose key is one of `keys`."""
        if self._by_key is None:
            self._by_key = {}
            for item in self.items:
                self._by_key.setdefault(getattr(item, "key", None), []).append(item)
        return [item for key in keys for item in self._by_key.get(key, ())]

    def update(self, remove_keys: set[str], add: list) -> _Ranges:
        """Drop the items with these keys and insert new ones, keeping the order: in place for a
        few (no full rebuild), as a new set of ranges for many (one sort in C instead of thousands
        of list inserts: the suggestions of a long article arrive 1,000 at a time). Ties keep
        their order either way: an added item follows the equal ones already there."""
        if len(remove_keys) + len(add) > BULK:
            return _Ranges([item for item in self.items if item.key not in remove_keys] + add)
        for item in self.with_keys(remove_keys) if remove_keys else ():
            index = bisect_left(self.items, _START_END(item), key=_START_END)
            while self.items[index] is not item:
                index += 1
            del self.items[index]
            del self.starts[index]
        for key in remove_keys:
            self._by_key.pop(key, None)  # type: ignore[union-attr]
        for item in add:
            index = bisect_right(self.items, _START_END(item), key=_START_END)
            self.items.insert(index, item)
            self.starts.insert(index, item.start)
            if self._by_key is not None:
                self._by_key.setdefault(item.key, []).append(item)
            self.max_len = max(self.max_len, item.end - item.start)  # an upper bound is enough
        return self

    def overlapping(self, a: int, b: int) -> list:
        hi = bisect_left(self.starts, b)
        lo = bisect_left(self.starts, a - self.max_len)
        return [r for r in self.items[lo:hi] if r.end > a]


class ArticleHighlighter(QSyntaxHighlighter):
    pendingShown = Signal()  # noqa: N815 - blocks on screen may be pending: highlight them

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.offsets = OffsetMap("")
        self._scan: CueScanner | None = None
        self._wide_quotes = _Ranges([])
        self._text = ""
        self._marks = _Ranges([])
        self._boiler = _Ranges([])
        self._cue_formats = cue_formats()
        self.enabled_cues: set[str] = set(self._cue_formats)
        self.colour_by = "kind"
        self.selected: str | None = None
        self._formats: dict[tuple, QTextCharFormat] = {}
        self.pending: set[int] = set()  # block numbers not highlighted yet
        self._defer_from: int | None = None  # while set: blocks starting here or later wait

    # -- data -------------------------------------------------------------------------------
    def load(
        self,
        text: str,
        offsets: OffsetMap,
        scan: CueScanner | None,
        marks: list[Mark],
        boiler: tuple[TextRange, ...],
    ) -> None:
        """Set everything before the document text is set (Qt highlights on setPlainText)."""
        self._text = text
        self.offsets = offsets
        self._scan = scan
        self._wide_quotes = _Ranges(scan.spanning_quotes(text) if scan is not None else [])
        self._marks = _Ranges(marks)
        self._boiler = _Ranges(list(boiler))
        self.pending.clear()

    def set_cue_scanner(self, scan: CueScanner | None) -> None:
        """Scan with new codebook names from now on (the caller rehighlights)."""
        self._scan = scan

    def deferring(self, from_position: int | None) -> None:
        """Leave blocks at or after this Qt position pending (None: highlight every block asked for)."""
        self._defer_from = from_position

    @property
    def is_deferring(self) -> bool:
        return self._defer_from is not None

    def rehighlight(self) -> None:
        """Clear every block and mark it pending; the reader redraws the ones on screen."""
        self._defer_from = 0
        try:
            super().rehighlight()
        finally:
            self._defer_from = None
        self.pendingShown.emit()

    def set_marks(self, marks: list[Mark], touched: list[tuple[int, int]] | None = None) -> None:
        self._marks = _Ranges(marks)
        if touched is None:
            self.rehighlight()
        else:
            self.rehighlight_ranges(touched)

    def replace_marks(self, marks: list[Mark]) -> None:
        """New marks for the whole article, drawn lazily: every block becomes pending, and the reader
        redraws those on screen now and the others as they scroll into view (no full rehighlight)."""
        self._marks = _Ranges(marks)
        self.pending |= set(range(self.document().blockCount()))
        self.pendingShown.emit()

    def update_marks(
        self, remove_keys: set[str], add: list[Mark], touched: list[tuple[int, int]], lazily: bool = False
    ) -> None:
        self._marks = self._marks.update(remove_keys, add)
        if lazily and len(touched) > BULK:  # many: every block waits, those on screen are drawn now
            self.pending |= set(range(self.document().blockCount()))
            self.pendingShown.emit()
        else:
            self.rehighlight_ranges(touched, lazily)

    def set_colour_by(self, mode: str) -> None:
        self.colour_by = mode
        self._formats.clear()
        self.rehighlight()

    def marks(self) -> list[Mark]:
        return list(self._marks.items)

    def set_selected(self, key: str | None) -> None:
        if key == self.selected:
            return  # already drawn so
        previous = [(m.start, m.end) for m in self._marks.with_keys({self.selected, key})]
        self.selected = key
        self.rehighlight_ranges(previous)

    def rehighlight_ranges(self, ranges: list[tuple[int, int]], lazily: bool = False) -> None:
        """Redraw the blocks these ranges touch; `lazily`: only mark them pending, so the reader
        redraws those on screen now and the others when they scroll into view."""
        document = self.document()
        seen: set[int] = set()
        for start, end in ranges:
            block = document.findBlock(self.offsets.to_qt(start))
            last = document.findBlock(self.offsets.to_qt(max(start, end - 1)))
            while block.isValid():
                if block.blockNumber() not in seen:
                    seen.add(block.blockNumber())
                    if not lazily:
                        self.rehighlightBlock(block)
                if block == last:
                    break
                block = block.next()
        if lazily and seen:
            self.pending |= seen
            self.pendingShown.emit()

    # -- drawing ----------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block = self.currentBlock()
        block_qt = block.position()
        if self._defer_from is not None and block_qt >= self._defer_from:
            self.pending.add(block.blockNumber())
            return
        self.pending.discard(block.blockNumber())
        # `text` arrives as a Python str (code points); the block's extent in the document is
        # in UTF-16 units, so it is measured by Qt (length() counts the block separator too).
        a = self.offsets.to_py(block_qt)
        b = self.offsets.to_py(block_qt + block.length() - 1)
        if a >= b:
            return
        cues = (
            [
                Cue(c.start + a, c.end + a, c.kind)
                for c in self._scan(self._text[a:b])
                if c.kind in self.enabled_cues
            ]
            if self._scan is not None and self.enabled_cues
            else []
        )
        if "quote" in self.enabled_cues:
            cues += self._wide_quotes.overlapping(a, b)
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
