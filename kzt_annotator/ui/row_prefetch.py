"""Fetch the annotations of the text on screen off the GUI thread, before anything touches them.

An article's annotation list holds lean spans until a row is touched; the first touch of a row
fetches it and the next 63 on the GUI thread (store.annotation_list.PAGE): 1.5 ms on a quiet
machine, 3.5-4 ms while the panels' reads run after an edit. A tag touches the rows near its span
twice: the figure form looks up the source of the figure tagged before it, and the annotation
table paints the rows around the new one. Measured one tag at a time (200 articles with 250
annotations each), a quarter of the tags paid such a fetch inside the tag.

This helper reads the rows of the lines on screen and one screen above and below, once the
reader has stopped scrolling for SETTLE_MS, on the shared read threads (ui.worker.LatestLoader),
and hands them to the list on the GUI thread. What a researcher reads is what they tag next.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kzt_annotator.core.model import Annotation
from kzt_annotator.services.project import AnnotationList
from kzt_annotator.ui.annotation_table import AnnotationTableModel
from kzt_annotator.ui.reader import ReaderView
from kzt_annotator.ui.worker import LatestLoader

SETTLE_MS = 40  # the reader has stopped scrolling: a wheel or key repeat comes every 15-35 ms


class RowPrefetcher(QObject):
    """Keeps the rows around the reader's view fetched. `schedule()` after the view or the rows
    changed; `busy` while a fetch waits or runs (benchmarks and tests wait for it)."""

    def __init__(
        self, reader: ReaderView, model: AnnotationTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._reader, self._model = reader, model
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._fetch)
        self.loader = LatestLoader(self)
        self.supplied = 0  # rows handed to the list so far (tests count them)
        self._soon = False  # a fetch is due at once (new rows shown), not after the view settles
        reader.verticalScrollBar().valueChanged.connect(self._scrolled)

    def schedule(self, delay_ms: int = SETTLE_MS) -> None:
        """Fetch the rows on screen once the view has been still for `delay_ms` (0: as soon as
        control returns to the event loop, e.g. when an article's rows are first shown)."""
        self._soon = self._soon or delay_ms == 0
        self._timer.start(0 if self._soon else delay_ms)

    def _scrolled(self, _value: int) -> None:
        if not self._soon:  # the text just shown scrolls into place: that fetch is due anyway
            self.schedule()

    @property
    def busy(self) -> bool:
        return self._timer.isActive() or self.loader.busy

    def stop(self, ms: int = 30_000) -> None:
        """Closing: fetch nothing more, and let a fetch already running finish (applying nothing),
        so that no read of the project outlives the window."""
        self._timer.stop()
        self._soon = False
        self.loader.wait(ms)

    def _fetch(self) -> None:
        self._soon = False
        rows = self._model.lazy_rows()
        if rows is None:
            return
        start, end = self._reader.visible_span()
        margin = max(end - start, 1)
        ids = rows.unfetched_between(max(start - margin, 0), end + margin)
        if ids:
            self.loader.load(lambda: rows.fetch_rows(ids), lambda found: self._supply(rows, found))

    def _supply(self, rows: AnnotationList, found: list[Annotation]) -> None:
        if self._model.lazy_rows() is rows:  # still the open article's list
            self.supplied += rows.supply(found)
