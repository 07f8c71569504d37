"""Finds an article's suggestions: at once for a short article, on a worker thread for a long one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Article
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services.project import Project
from kzt_annotator.services.suggestions import suggestions_for
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.worker import BackgroundJob

BACKGROUND_FROM = 60_000  # characters: longer articles open first, their suggestions follow


def _found(repo: Project, article: Article, spans: list[tuple[int, int, Kind]]) -> tuple[list, list[Mark]]:
    """The suggestions and their marks, sorted: everything the GUI thread then only hands over."""
    found = suggestions_for(repo, article, spans=spans)
    marks = sorted(
        (Mark(s.start, s.end, s.kind, s.key, suggestion=True) for s in found), key=lambda m: (m.start, m.end)
    )
    return found, marks


class SuggestionLoader(QObject):
    arrived = Signal(int, list, list)  # article id, suggestions, their marks: from the worker, later

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: set[BackgroundJob] = set()  # a running QThread must stay referenced until it ends

    def load(
        self, repo: Project, article: Article, spans: list[tuple[int, int, Kind]]
    ) -> list[Suggestion] | None:
        """The suggestions now, or None when they will come through `arrived`."""
        if len(article.text) < BACKGROUND_FROM:
            return suggestions_for(repo, article, spans=spans)
        job = BackgroundJob(lambda _progress, _cancelled: _found(repo, article, spans), self)
        job.finished.connect(lambda result: self._done(job, article.id, *result))
        job.failed.connect(lambda _message: self._jobs.discard(job))
        self._jobs.add(job)
        job.start_soon()  # after the article has painted: the job competes for the interpreter
        return None

    def _done(self, job: BackgroundJob, article_id: int, found: list[Suggestion], marks: list[Mark]) -> None:
        self._jobs.discard(job)
        self.arrived.emit(article_id, found, marks)

    def wait(self, ms: int = 30_000) -> None:
        """Run and finish the pending jobs now (their results arrive with the next events)."""
        for job in list(self._jobs):
            job.start()
            job.wait(ms)
