"""Background jobs: a finished job's thread ends by itself, so waiting for it does not hang."""

from __future__ import annotations

import time

from kzt_annotator.ui.worker import BackgroundJob


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
