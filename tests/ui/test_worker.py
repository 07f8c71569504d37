"""Background jobs: a finished job's thread ends by itself, so waiting for it does not hang."""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

from kzt_annotator.ui.worker import BackgroundJob, LatestLoader


def test_waiting_for_a_finished_job_returns_at_once_and_the_result_arrives(qtbot):
    job = BackgroundJob(lambda _progress, _cancelled: 42)
    with qtbot.waitSignal(job.finished, timeout=5000) as arrived:
        job.start()
        started = time.perf_counter()
        assert job.wait(10_000)
        assert time.perf_counter() - started < 5  # it used to sit out the whole timeout
    assert arrived.args == [42]


def test_a_failing_job_ends_its_thread_too(qtbot):
    def boom(_progress, _cancelled):
        raise ValueError("bad input")

    job = BackgroundJob(boom)
    with qtbot.waitSignal(job.failed, timeout=5000) as failed:
        job.start()
        assert job.wait(10_000)
    assert failed.args == ["bad input"]


def test_panel_reads_reuse_a_few_long_lived_threads(qtbot):
    from kzt_annotator.ui.worker import READ_THREADS, LatestLoader

    loader = LatestLoader()
    threads: set[int] = set()
    shown: list[int] = []
    for i in range(20):
        loader.load(lambda i=i: (threads.add(threading.get_ident()), i)[1], shown.append)
        loader.settle()
    assert shown == list(range(20))
    assert 1 <= len(threads) <= READ_THREADS  # no thread started per read
    assert threading.get_ident() not in threads
    assert not loader.busy


def test_a_failed_read_is_reported_and_the_loader_is_not_left_busy(qtbot, capsys):
    from kzt_annotator.ui.worker import LatestLoader

    loader = LatestLoader()

    def boom():
        raise ValueError("no such table")

    loader.load(boom, lambda _result: None)
    loader.settle()
    assert not loader.busy and loader.applied == 0
    assert "a background read failed: ValueError: no such table" in capsys.readouterr().err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="thread priorities (nice) per thread: Linux")
def test_panel_reads_run_at_the_gui_threads_priority(qtbot):
    # A read thread holds the interpreter lock while it builds rows; lowered, it waited for the CPU
    # behind other programs while the GUI thread waited for the lock (tens of ms under load).
    loader = LatestLoader()
    seen: list[tuple[int, int]] = []
    loader.load(
        lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id()),
        lambda nice: seen.append((nice, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))),
    )
    loader.settle()
    [(read_nice, gui_nice)] = seen
    assert read_nice == gui_nice
