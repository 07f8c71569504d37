"""Output to a terminal or file whose encoding cannot write a title's characters is one line and
exit 1, naming what to set, not an 'unexpected error' (exit 70)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import CORPUS, ROOT


def test_a_latin1_output_gets_one_line_naming_the_encoding(tmp_path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), KZT_ANNOTATOR_CLI_SERVER="off")

    def cli(*args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "kzt_annotator.cli", "--db", str(tmp_path / "p.sqlite"), *args],
            env=dict(env, **extra),
            capture_output=True,
            timeout=120,
        )

    assert cli("import", str(CORPUS)).returncode == 0
    done = cli("articles", PYTHONIOENCODING="latin-1")  # the titles have curly quotes
    assert done.returncode == 1
    lines = done.stderr.decode("latin-1").strip().splitlines()
    assert len(lines) == 1, lines
    assert "latin-1" in lines[0] and "PYTHONIOENCODING=utf-8" in lines[0]
    assert cli("articles", PYTHONIOENCODING="utf-8").returncode == 0
