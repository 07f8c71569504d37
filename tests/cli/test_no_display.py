"""With no display, starting the GUI says so in one line, exits 1 and creates nothing; verbs work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, ROOT

MESSAGE = "no display found: run it in a desktop session, or use the command-line verbs; see --help"


def headless_env(home: Path) -> dict[str, str]:
    """This environment as a user's shell on a server: no display, no Qt platform, a fresh home."""
    dropped = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in dropped and not k.startswith(("XDG_", "KZT_ANNOTATOR_"))
    }
    return dict(env, HOME=str(home), KZT_ANNOTATOR_CLI_SERVER="off")  # no server outlives the test


def every_file(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_the_gui_without_a_display_says_so_and_creates_nothing(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    started = subprocess.run(
        [sys.executable, "-m", "kzt_annotator"],
        env=headless_env(home),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (started.returncode, started.stdout, started.stderr) == (1, "", MESSAGE + "\n")
    assert every_file(home) == []  # no project, no settings, no backups


def test_the_verbs_work_without_a_display(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = headless_env(home)
    imported = subprocess.run(
        [sys.executable, "-m", "kzt_annotator", "import", str(CORPUS)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert imported.returncode == 0, imported.stderr[-1000:]
    assert imported.stdout.strip().endswith("5 imported, 0 duplicate, 0 failed")
    listed = subprocess.run(
        [sys.executable, "-m", "kzt_annotator", "articles"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0 and listed.stdout.count("\n") >= 5, listed.stderr[-1000:]
    assert (home / ".local/share/kzt-annotator/kzt-annotator.sqlite").is_file()  # the default project
