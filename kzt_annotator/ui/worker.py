"""Run long jobs (import, export, scans) off the GUI thread, with progress and cancel.

The job is a plain function taking `progress(i, n, label)` and `cancelled()`; it makes no Qt
calls. Results and errors come back to the GUI thread through signals.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future
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

    The reads run on a few long-lived threads shared by every loader (READ_THREADS): starting a
    thread per read cost the GUI thread about 0.5 ms each (more on a busy machine, where it waited
    for the new thread to start), four times after every edit.
    """

    _arrived = Signal(object)  # (generation, apply, ok, result or message), from a read thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._futures: set[Future] = set()  # reads submitted and not yet handed back
        self._outstanding = 0  # reads whose result the GUI thread has not yet taken
        self.applied = 0  # results applied (tests and benchmarks count them)
        self.dropped = 0  # stale results dropped
        self._arrived.connect(self._deliver)  # queued: emitted on a read thread

    def load(self, work: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        self._generation += 1
        generation = self._generation
        arrived = self._arrived

        def run() -> None:
            try:
                outcome = (generation, apply, True, work())
            except Exception as exc:  # reported to the user, never swallowed
                outcome = (generation, apply, False, f"{type(exc).__name__}: {exc}")
            try:
                arrived.emit(outcome)
            except RuntimeError:  # the loader was deleted meanwhile (its window closed)
                pass

        self._outstanding += 1
        future = _read_pool().submit(run)
        self._futures.add(future)
        future.add_done_callback(self._futures.discard)

    @property
    def busy(self) -> bool:
        return self._outstanding > 0

    def _deliver(self, outcome: tuple[int, Callable[[Any], None], bool, Any]) -> None:
        generation, apply, ok, result = outcome
        self._outstanding -= 1
        if not ok:
            print(f"kzt-annotator: a background read failed: {result}", file=sys.stderr)
            return
        if generation != self._generation:
            self.dropped += 1
            return
        self.applied += 1
        apply(result)

    def _wait_reads(self, ms: int) -> None:
        futures.wait(list(self._futures), timeout=max(ms, 0) / 1000)

    def wait(self, ms: int = 30_000) -> None:
        """Let every running read finish, applying nothing (closing: no read may outlive its owner)."""
        self._generation += 1  # whatever arrives later is stale
        self._wait_reads(ms)

    def settle(self, ms: int = 30_000) -> None:
        """Finish every pending read and apply the newest result now (tests, benchmarks, closing)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while self._outstanding and not deadline.hasExpired():
            self._wait_reads(max(1, deadline.remainingTime()))
            QCoreApplication.processEvents()


READ_THREADS = 4  # panel reads at once: the article list, discrepancies, review queue, change marker
_POOL: futures.ThreadPoolExecutor | None = None


# The read threads run at the GUI thread's priority. Ten nice levels below it (Linux), a tag's
# 90th percentile of GUI-thread time fell from 16.1-16.3 to 12.8-14.5 ms on a quiet machine, but
# a read thread holds the interpreter lock while it builds rows, and the GUI thread needs that lock
# for every paint: with other programs busy on the cores, a lowered read thread holding the lock
# waited for the CPU while the GUI thread waited for it. Measured (a thread building Python
# objects, the main thread waking every 2 ms, switch interval 0.5 ms, one or two busy processes
# beside it): the main thread's wake-up delay, 99th percentile, 4.5-7.4 ms at equal priority against
# 16.8-19.7 ms lowered with one busy process, 8.7-16.4 against 38-66 ms with two (longest 87 ms).


def _read_pool() -> futures.ThreadPoolExecutor:
    """The long-lived threads every LatestLoader reads on (started on first use)."""
    global _POOL
    if _POOL is None:
        _POOL = futures.ThreadPoolExecutor(READ_THREADS, thread_name_prefix="kzt-read")
    return _POOL
