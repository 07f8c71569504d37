"""SIGKILL a writer many times; two writers at once for 30 s. Nothing committed may be lost."""

from __future__ import annotations

import os

import pytest

from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS
from tests.reliability.harness import KillReport, check, kill_trials, start_writer

KILL_TRIALS = int(os.environ.get("KZT_KILL_TRIALS", "200"))
CONCURRENT_SECONDS = float(os.environ.get("KZT_CONCURRENT_SECONDS", "30"))

pytestmark = pytest.mark.slow  # minutes: `-m "not slow"` leaves them out


def prepared(tmp_path):
    db = tmp_path / "crash.sqlite"
    repo = open_repository(db)
    import_paths(repo, [CORPUS])
    repo.close()
    return db


def test_sigkill_at_random_moments_loses_nothing(tmp_path, capsys):
    db = prepared(tmp_path)
    report = kill_trials(db, tmp_path / "imports", KILL_TRIALS)
    with capsys.disabled():
        print(
            f"\nkill test: {report.trials} trials, {report.reported} committed annotations reported, "
            f"{report.imports_seen} imports reported, {report.lost} lost, {report.corrupt} corrupt, "
            f"{report.partial_imports} partial imports"
        )
    assert report.trials == KILL_TRIALS and report.reported > KILL_TRIALS
    assert (report.lost, report.corrupt, report.partial_imports) == (0, 0, 0), report.problems[:5]


def test_two_processes_writing_at_once_never_see_locked(tmp_path, capsys):
    db = prepared(tmp_path)
    writers = [start_writer(db, CONCURRENT_SECONDS, name, tmp_path / "imports") for name in ("gui", "cli")]
    outputs = [w.communicate(timeout=CONCURRENT_SECONDS + 60) for w in writers]
    report = KillReport()
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err[-500:]
        assert "locked" not in err
        check(db, [line for line in out.splitlines() if line], report)
    with capsys.disabled():
        print(
            f"\nconcurrency: 2 processes x {CONCURRENT_SECONDS:.0f} s, {report.reported} annotations and "
            f"{report.imports_seen} imports committed, {report.lost} lost"
        )
    assert report.reported > 100 and report.lost == 0, report.problems[:5]
