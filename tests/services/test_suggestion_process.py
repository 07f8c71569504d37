"""A long article's suggestions found in a worker process (services/suggestion_process.py): the
same suggestions as found here, a light process, and nothing lost when the process dies."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from kzt_annotator.core.model import Article
from kzt_annotator.services import suggestion_process
from kzt_annotator.services.suggestions import find_suggestions
from tests.conftest import CORPUS, ROOT


@pytest.fixture
def article() -> Article:
    text = "\n\n".join(path.read_text("utf-8") for path in sorted(CORPUS.glob("*.txt")))
    return _article(text)


def _article(text: str) -> Article:
    return Article(1, text, "All", "", "all.txt", datetime.now(UTC), language="en")


@pytest.fixture(autouse=True)
def _ended():
    yield
    suggestion_process.shutdown()


def _workers() -> list[multiprocessing.Process]:
    return multiprocessing.active_children()


def test_the_process_finds_what_this_process_finds(article: Article) -> None:
    here = find_suggestions(article)
    assert sum(len(found) for found in here.values()) > 20
    assert suggestion_process.find_elsewhere(article) == here
    assert suggestion_process.running()
    assert len(_workers()) == 1


def test_the_process_loads_neither_the_database_code_nor_qt(article: Article) -> None:
    suggestion_process.find_elsewhere(article)
    pool = suggestion_process._get_pool()
    assert pool is not None
    loaded = pool.submit(eval, "sorted(__import__('sys').modules)").result(timeout=60)
    assert "kzt_annotator.core.suggest" in loaded
    assert not [name for name in loaded if name.split(".")[0] in {"sqlalchemy", "PySide6", "numpy"}]


def test_a_killed_process_loses_no_suggestion_and_a_new_one_starts(article: Article) -> None:
    here = find_suggestions(article)
    suggestion_process.find_elsewhere(article)
    [worker] = _workers()
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(10)
    assert suggestion_process.find_elsewhere(article) == here  # found here, the pool was broken
    assert suggestion_process.find_elsewhere(article) == here  # in a new process
    [again] = _workers()
    assert again.pid != worker.pid


def test_a_process_that_keeps_dying_is_not_started_again(article: Article) -> None:
    here = find_suggestions(article)
    for _ in range(suggestion_process.MAX_FAILURES):
        suggestion_process.find_elsewhere(article)
        [worker] = _workers()
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(10)
        assert suggestion_process.find_elsewhere(article) == here
    assert not suggestion_process.running()
    assert suggestion_process.find_elsewhere(article) == here  # found here, no new process
    assert _workers() == []
    suggestion_process.shutdown()  # a new window starts afresh
    suggestion_process.find_elsewhere(article)
    assert suggestion_process.running()


def test_shutdown_ends_the_process(article: Article) -> None:
    suggestion_process.find_elsewhere(article)
    [worker] = _workers()
    suggestion_process.shutdown()
    worker.join(10)
    assert not worker.is_alive()
    assert not suggestion_process.running()


def test_the_process_ends_when_the_program_that_started_it_is_killed() -> None:
    script = (
        "import os, sys, multiprocessing\n"
        "from datetime import datetime\n"
        "from kzt_annotator.core.model import Article\n"
        "from kzt_annotator.services import suggestion_process\n"
        "text = 'At least 300 people died.'\n"
        "suggestion_process.find_elsewhere(Article(1, text, 't', '', 't.txt', datetime.now()))\n"
        "print(multiprocessing.active_children()[0].pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    program = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    worker = int(program.stdout.readline())
    program.kill()
    program.wait(10)
    deadline = time.monotonic() + 20
    while True:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "the worker outlived the program that started it"
        time.sleep(0.05)
