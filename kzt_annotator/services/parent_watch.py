"""Worker processes end when the process that started them dies (killed, crashed).

A pool worker blocks reading its task queue, whose writing end it holds itself, so it would
never notice a parent killed with SIGKILL; it would live on, holding the parent's output pipes
open (`kzt-annotator import ... | tee log` would never end) along with the resource tracker.
`watch_parent` is the pool initializer that prevents this on every platform: a daemon thread
waits on multiprocessing's parent sentinel (a pipe on POSIX, a process handle on Windows),
which becomes ready when the parent is gone, and then ends the worker at once.
"""

from __future__ import annotations

import os
import threading


def watch_parent() -> None:
    """Pool initializer: exit this worker (status 1) as soon as its parent process is gone."""
    import multiprocessing  # imported where pools run, not by every module that names this one

    parent = multiprocessing.parent_process()
    if parent is None:
        return  # not a multiprocessing child (or a fork without a sentinel): nothing to watch

    def wait_then_exit() -> None:
        parent.join()  # returns when the parent's sentinel is ready: the parent has died
        os._exit(1)

    threading.Thread(target=wait_then_exit, name="kzt-parent-watch", daemon=True).start()
