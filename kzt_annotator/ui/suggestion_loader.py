"""Finds an article's suggestions: at once for a short article, for a long one on a worker thread
that has them found in a process of its own (services/suggestion_process.py: on another core).

A long article's suggestions are looked for as soon as it opens (`prepare`), while its
annotations are still being read by the annotation loader: the finders need only the text. When
the annotations arrive, `load` hands their spans to that job, which then drops what overlaps them
(and what was dismissed) and delivers the rest through `arrived`. Opening another article (or
`cancel`) drops a prepared job: it delivers nothing.
"""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError
from typing import Any

from PySide6.QtCore import QObject, Signal

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Article
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services import suggestion_process
from kzt_annotator.services.project import Project
from kzt_annotator.services.suggestions import SuggestionFilter, suggestions_for
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.worker import BackgroundJob

BACKGROUND_FROM = 60_000  # characters: longer articles open first, their suggestions follow
SPANS_TIMEOUT = 120.0  # s a prepared job waits for the annotations' spans (their read failed?)


def _found(
    repo: Project,
    article: Article,
    spans: list[tuple[int, int, Kind]],
    found: dict[Kind, list[Suggestion]] | None = None,
    keep: SuggestionFilter | None = None,
) -> tuple[list, list[Mark]]:
    """The suggestions and their marks, sorted: everything the GUI thread then only hands over
    (`keep`: the filter, when it was built while the finders ran)."""
    if keep is not None and found is not None:
        suggestions = keep.keep(found)
    else:
        suggestions = suggestions_for(repo, article, spans=spans, found=found)
    marks = sorted(
        (Mark(s.start, s.end, s.kind, s.key, suggestion=True) for s in suggestions),
        key=lambda m: (m.start, m.end),
    )
    return suggestions, marks


class _Prepared:
    """A long article whose suggestions are being found before its annotations are known."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.ready = threading.Event()  # set once `repo` and `spans` are given, or it is dropped
        self.repo: Project | None = None  # None when dropped
        self.spans: list[tuple[int, int, Kind]] = []
        self.early = suggestion_process.submit_if_running(article)  # the search starts now

    def matches(self, article: Article) -> bool:
        ours = self.article
        return ours.id == article.id and ours.language == article.language and ours.text == article.text

    def give(self, repo: Project | None, spans: list[tuple[int, int, Kind]]) -> None:
        self.repo, self.spans = repo, spans
        if repo is None and self.early is not None:
            self.early.cancel()  # dropped: not searched at all if the process has not begun it
        self.ready.set()

    def work(self, _progress: Any, _cancelled: Any) -> tuple[list, list[Mark]] | None:
        if self.repo is None and self.ready.is_set():
            return None  # dropped before it began
        keep = None
        if self.early is not None:  # the process searches already: build the filter meanwhile
            self.ready.wait(SPANS_TIMEOUT)
            if self.repo is None:
                return None  # dropped: another article opened, or the window closes
            keep = SuggestionFilter(self.repo, self.article, spans=self.spans)
        try:
            found = suggestion_process.find_elsewhere(self.article, self.early)  # on another core
        except CancelledError:
            return None  # dropped while it waited for the process
        self.ready.wait(SPANS_TIMEOUT)
        if self.repo is None:
            return None  # dropped: another article opened, or the window closes
        return _found(self.repo, self.article, self.spans, found, keep)


class SuggestionLoader(QObject):
    arrived = Signal(int, list, list)  # article id, suggestions, their marks: from the worker, later

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: set[BackgroundJob] = set()  # a running QThread must stay referenced until it ends
        self._prepared: _Prepared | None = None

    def prepare(self, article: Article) -> None:
        """Start finding a long article's suggestions now; `load` with its spans completes them."""
        self.cancel()
        prepared = _Prepared(article)
        self._prepared = prepared
        job = BackgroundJob(prepared.work, self)
        job.finished.connect(lambda result: self._done(job, article.id, result))
        job.failed.connect(lambda _message: self._jobs.discard(job))
        self._jobs.add(job)
        job.start_soon()  # after the article has painted: the job competes for the interpreter

    def cancel(self) -> None:
        """Drop the prepared job, if any: it delivers nothing."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            prepared.give(None, [])

    def load(
        self, repo: Project, article: Article, spans: list[tuple[int, int, Kind]]
    ) -> list[Suggestion] | None:
        """The suggestions now, or None when they will come through `arrived`."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None and prepared.matches(article) and len(article.text) >= BACKGROUND_FROM:
            prepared.give(repo, spans)
            return None
        if prepared is not None:
            prepared.give(None, [])
        if len(article.text) < BACKGROUND_FROM:
            return suggestions_for(repo, article, spans=spans)

        def work(_progress: Any, _cancelled: Any) -> tuple[list, list[Mark]]:
            return _found(repo, article, spans, suggestion_process.find_elsewhere(article))

        job = BackgroundJob(work, self)
        job.finished.connect(lambda result: self._done(job, article.id, result))
        job.failed.connect(lambda _message: self._jobs.discard(job))
        self._jobs.add(job)
        job.start_soon()  # after the article has painted: the job competes for the interpreter
        return None

    def _done(self, job: BackgroundJob, article_id: int, result: tuple[list, list[Mark]] | None) -> None:
        self._jobs.discard(job)
        if result is not None:
            self.arrived.emit(article_id, *result)

    def wait(self, ms: int = 30_000) -> None:
        """Run and finish the pending jobs now (their results arrive with the next events); a
        prepared job still without spans is dropped (its annotations will not come)."""
        self.cancel()
        for job in list(self._jobs):
            job.start()
            job.wait(ms)
