"""Shared fixtures: an isolated config dir and user, real SQLite files in tmp dirs."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
# Every data file a test reads lives in tests/fixtures/, each folder with its source and licence.
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"
EXTERNAL = FIXTURES / "external"


@pytest.fixture(autouse=True)
def _isolated_user(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("KZT_ANNOTATOR_CONFIG_DIR", str(config))
    monkeypatch.setenv("KZT_ANNOTATOR_USER", "tester")
    # Every CLI process a test starts runs on its own: no warm server outlives the tests
    # (tests/cli/test_cli_server.py switches it on, in a runtime directory of its own).
    monkeypatch.setenv("KZT_ANNOTATOR_CLI_SERVER", "off")
    monkeypatch.delenv("KZT_ANNOTATOR_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.sqlite"


@pytest.fixture
def repo(db_path: Path):
    from kzt_annotator.store.repository import open_repository

    repository = open_repository(db_path)
    yield repository
    repository.close()


@pytest.fixture
def corpus_repo(repo):
    from kzt_annotator.services.importing import import_paths

    report = import_paths(repo, [CORPUS])
    assert len(report.imported) == 5
    return repo


def dump_database(path: Path) -> list[str]:
    """Every row of every table, for 'the database is exactly as it was' checks.

    The rows of the full-text index (store/search_index.py) are left out: they are derived from
    the tables and laid out by FTS5 as it likes (a row deleted and restored lands in another
    segment); tests/services/test_search.py checks the index follows deletes and restores."""
    connection = sqlite3.connect(path)
    try:
        return [line for line in connection.iterdump() if not _FTS_ROWS.match(line)]
    finally:
        connection.close()


_FTS_ROWS = re.compile(r'INSERT INTO "?(article|annotation)_fts')


# CI (`.ci/run`) sets KZT_TEST_NO_SKIPS=1: there every test must run, so a test skipped for want
# of a tool, a server or data fails the run instead of passing quietly.
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus: int) -> None:
    if os.environ.get("KZT_TEST_NO_SKIPS") and _skipped:
        terminalreporter.write_line(
            f"KZT_TEST_NO_SKIPS is set and {len(_skipped)} test(s) were skipped: {', '.join(_skipped[:5])}",
            red=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("KZT_TEST_NO_SKIPS") and _skipped and exitstatus == 0:
        session.exitstatus = 1
