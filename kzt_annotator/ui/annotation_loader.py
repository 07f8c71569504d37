"""Reads a long article's annotations off the GUI thread, so its text paints first.

Opening an article of 300,000 characters with 10,000 annotations reads 10,000 rows and builds as
many marks: about 100 ms, several frames. The workspace shows the text (and its cues) at once and
asks this loader for the rest; the rows and their marks arrive through `arrived` a moment later,
and only a newer request's result is applied (a stale one is dropped). Anything that needs the
annotations before then calls `finish()`, which waits for the read and delivers it at once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from kzt_annotator.services.project import AnnotationList, Project, annotation_rows
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.worker import BackgroundJob


@dataclass
class LoadedAnnotations:
    """One article's annotations as the table and the reader take them."""

    article_id: int
    rows: AnnotationList  # in (start, end) order, full rows fetched as they are touched
    spans: list  # (start, end, kind, id, annotator) per row, see AnnotationTableModel.spans()
    marks: list[Mark]  # the spans of annotators not hidden, sorted by (start, end)
    hidden: frozenset[str]  # the annotators hidden when the marks were made


def read_annotations(repo: Project, article_id: int, hidden: frozenset[str]) -> LoadedAnnotations:
    """The rows, spans and marks of one article (runs on a worker thread: no Qt)."""
    rows = annotation_rows(repo, article_id)
    if len(rows):
        # The rows the table shows first are fetched here, not by the table's first paint on the
        # GUI thread: there each row's fetch waited for the interpreter while the suggestion
        # worker ran (about 2 ms a row, 0.5 s for the first page).
        rows[0]
    spans = rows.spans()
    marks = [Mark(*span) for span in spans if span[4] not in hidden]
    marks.sort(key=lambda m: (m.start, m.end))
    return LoadedAnnotations(article_id, rows, spans, marks, hidden)


class AnnotationLoader(QObject):
    arrived = Signal(object)  # LoadedAnnotations, on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._job: BackgroundJob | None = None
        self._box: dict[str, Any] | None = None  # the running request's result, once read
        self._jobs: set[BackgroundJob] = set()  # a running QThread must stay referenced until it ends

    @property
    def pending(self) -> bool:
        """True from `load` until its result is delivered (or dropped)."""
        return self._box is not None

    @property
    def busy(self) -> bool:
        """True while a read runs or its result waits to be delivered (benchmarks, closing)."""
        return self.pending or bool(self._jobs)

    def load(self, repo: Project, article_id: int, hidden: frozenset[str]) -> None:
        """Start reading; `arrived` follows unless `load` or `cancel` is called again first."""
        self._generation += 1
        generation = self._generation
        box: dict[str, Any] = {}

        def work(_progress: Any, _cancelled: Any) -> int:
            box["result"] = read_annotations(repo, article_id, hidden)
            return generation

        job = BackgroundJob(work, self)
        job.finished.connect(lambda done: self._finished(job, done))
        job.failed.connect(lambda message: self._failed(job, generation, message))
        self._job, self._box = job, box
        self._jobs.add(job)
        job.start()

    def cancel(self) -> None:
        """Drop the pending request: its result will not be applied."""
        self._generation += 1
        self._job, self._box = None, None

    def finish(self, ms: int = 30_000) -> None:
        """Wait for the pending read and deliver its result now (nothing pending: nothing happens)."""
        job, box = self._job, self._box
        if job is None or box is None:
            return
        job.wait(ms)
        self._deliver()

    def wait(self, ms: int = 30_000) -> None:
        """Let every running read end, delivering nothing (closing: no thread outlives the window)."""
        self.cancel()
        for job in list(self._jobs):
            job.wait(ms)

    def _finished(self, job: BackgroundJob, generation: int) -> None:
        self._jobs.discard(job)
        if generation == self._generation:
            self._deliver()

    def _failed(self, job: BackgroundJob, generation: int, message: str) -> None:
        self._jobs.discard(job)
        if generation == self._generation:
            self._job, self._box = None, None
        print(f"kzt-annotator: reading the article's annotations failed: {message}", file=sys.stderr)

    def _deliver(self) -> None:
        box = self._box
        if box is None or "result" not in box:
            return
        self._job, self._box = None, None
        self.arrived.emit(box["result"])
