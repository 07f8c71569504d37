"""After `kill -9` of an import, its worker processes and the resource tracker exit too, so
`kzt-annotator import ... | tee log` ends instead of waiting on pipes they hold open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kzt_annotator.services.importing import PARALLEL_FROM
from tests.conftest import CORPUS, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="import uses worker processes only on 2+ cores"),
]


def _children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_an_import_ends_its_workers_and_its_output_pipe(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    bodies = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for n in range(max(PARALLEL_FROM * 6, 1200)):
        (folder / f"{n:05d}.txt").write_text(
            f"Article {n}\n\n{bodies[n % len(bodies)]}\n{n}", encoding="utf-8"
        )
    command = [
        sys.executable,
        "-m",
        "kzt_annotator.cli",
        "import",
        "--db",
        str(tmp_path / "p.sqlite"),
        str(folder),
    ]
    parent = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and parent.poll() is None:
        workers = _children(parent.pid)
        if len(workers) >= 2:  # the resource tracker and at least one pool worker
            break
        time.sleep(0.05)
    assert parent.poll() is None and len(workers) >= 2, "the import ended before its workers were seen"
    time.sleep(0.5)
    workers |= _children(parent.pid)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    started = time.monotonic()
    # EOF on the pipe means every process that held it (workers, tracker) has exited.
    assert parent.stdout is not None
    reader = subprocess.run(["cat"], stdin=parent.stdout, capture_output=True, timeout=60)
    waited = time.monotonic() - started
    assert reader.returncode == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the killed import"
    assert waited < 30, f"the output pipe stayed open {waited:.1f} s after the kill"
