"""The README's test commands: the markers select what they say, and an empty selection fails."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# These run pytest in subprocesses (4-15 s each): the quick form leaves them out; CI runs them.
pytestmark = pytest.mark.slow


def collected(*args: str) -> tuple[int, set[str]]:
    """Exit status and node ids of `pytest --collect-only` with `args` (run in the repository)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return result.returncode, {line for line in result.stdout.splitlines() if "::" in line}


def test_reliability_tests_are_slow_and_server_tests_are_postgres():
    code, everything = collected("tests/reliability", "tests/team")
    assert code == 0
    reliability = {n for n in everything if n.startswith("tests/reliability/")}
    team = {n for n in everything if n.startswith("tests/team/")}
    assert len(reliability) >= 2 and len(team) >= 5
    assert collected("-m", "slow", "tests/reliability", "tests/team") == (0, reliability)
    assert collected("-m", "postgres", "tests/reliability", "tests/team") == (0, team)
    # the quick form selects none of them: pytest says "no tests collected" (exit 5)
    assert collected("-m", "not slow and not postgres", "tests/reliability", "tests/team") == (5, set())


def test_dev_test_fails_when_pytest_collects_nothing():
    env = dict(
        os.environ,
        KZT_VENV=sys.prefix,  # this environment: no installing
        KZT_TEST_PG_URL="postgresql+psycopg://unused@127.0.0.1:9/unused",  # no throwaway server
    )
    code = (
        "import os, sys, dev; "
        "sys.exit(dev._run_test_steps(['-m', 'slow and postgres', 'tests/reliability'], dict(os.environ)))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 5, result.stdout[-2000:] + result.stderr[-2000:]
    assert "collected no tests (exit 5), which counts as a failure" in result.stderr
    assert "no:pytest-qt tests/core" not in result.stdout  # stopped there: the headless run never started


def test_a_skipped_test_fails_the_run_in_ci(tmp_path):
    (tmp_path / "test_needs_a_server.py").write_text(
        "import pytest\n\n\ndef test_server():\n    pytest.skip('no server')\n\n\ndef test_fine():\n    pass\n"
    )

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "KZT_TEST_NO_SKIPS"}
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "tests.conftest",
                str(tmp_path),
            ],
            cwd=ROOT,
            env=dict(env, PYTHONPATH=str(ROOT), **extra),
            capture_output=True,
            text=True,
        )

    assert run().returncode == 0  # on a workstation a skip is reported, not failed
    strict = run(KZT_TEST_NO_SKIPS="1")  # as .ci/run sets it
    assert strict.returncode == 1, strict.stdout[-1500:]
    assert "1 test(s) were skipped" in strict.stdout and "test_server" in strict.stdout
