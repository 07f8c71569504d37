"""Run long jobs (import, export, scans) off the GUI thread, with progress and cancel.

The job is a plain function taking `progress(i, n, label)` and `cancelled()`; it makes no Qt
calls. Results and errors come back to the GUI thread through signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class _Runner(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, cancel: threading.Event) -> None:
        super().__init__()
        self._job: Job | None = job
        self._cancel = cancel

    def run(self) -> None:
        try:
            assert self._job is not None, "a job runs once"
            result = self._job(lambda i, n, label: self.progressed.emit(i, n, label), self._cancel.is_set)
        except Exception as exc:  # reported to the user, never swallowed
            self.failed.emit(f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.finished.emit(result)
        finally:
            # Drop the job (and whatever its closure holds: an article, thousands of rows): the
            # job object lives on as its owner's child, and the result has been handed on.
            self._job = None
            # End the thread's event loop from here: a wait() on the thread then returns as soon as
            # the job is done, without the GUI thread having to run first.
            QThread.currentThread().quit()


class BackgroundJob(QObject):
    """Owns a thread running one job. Connect to the signals, then call start()."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._started = False
        self._thread = QThread()
        self._runner = _Runner(job, self._cancel)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progressed.connect(self.progressed)
        self._runner.finished.connect(self._done)
        self._runner.failed.connect(self._fail)

    def start(self) -> None:
        """Start the job (once: later calls do nothing)."""
        if not self._started:
            self._started = True
            self._thread.start()

    def start_soon(self) -> None:
        """Start once control returns to the event loop, e.g. after the window has painted."""
        QTimer.singleShot(0, self.start)

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    def _done(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(result)

    def _fail(self, message: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.failed.emit(message)


class LatestLoader(QObject):
    """Reads for one panel off the GUI thread; only the newest request's result is applied.

    `load(work, apply)` runs `work()` (a plain function: queries and preparing rows, no Qt widgets)
    on a worker thread and calls `apply(result)` on the GUI thread, unless a newer `load` was asked
    for meanwhile: a stale result is dropped. `settle()` waits until every request is applied.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._jobs: set[BackgroundJob] = set()  # a running QThread must stay referenced until it ends
        self.applied = 0  # results applied (tests and benchmarks count them)
        self.dropped = 0  # stale results dropped

    def load(self, work: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        self._generation += 1
        generation = self._generation
        job = BackgroundJob(lambda _progress, _cancelled: work(), self)
        job.finished.connect(lambda result: self._done(job, generation, apply, result))
        job.failed.connect(lambda message: self._failed(job, message))
        self._jobs.add(job)
        job.start()

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def _done(self, job: BackgroundJob, generation: int, apply: Callable[[Any], None], result: Any) -> None:
        self._jobs.discard(job)
        if generation != self._generation:
            self.dropped += 1
            return
        self.applied += 1
        apply(result)

    def _failed(self, job: BackgroundJob, message: str) -> None:
        self._jobs.discard(job)
        import sys

        print(f"kzt-annotator: a background read failed: {message}", file=sys.stderr)

    def wait(self, ms: int = 30_000) -> None:
        """Let every running read finish, applying nothing (closing: no thread may outlive its owner)."""
        self._generation += 1  # whatever arrives later is stale
        for job in list(self._jobs):
            job.wait(ms)

    def settle(self, ms: int = 30_000) -> None:
        """Finish every pending read and apply the newest result now (tests, benchmarks, closing)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while self._jobs and not deadline.hasExpired():
            for job in list(self._jobs):
                job.wait(max(1, deadline.remainingTime()))
            QCoreApplication.processEvents()
