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
        self._job = job
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._job(lambda i, n, label: self.progressed.emit(i, n, label), self._cancel.is_set)
        except Exception as exc:  # reported to the user, never swallowed
            self.failed.emit(f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc))
        else:
            self.finished.emit(result)
        finally:
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
