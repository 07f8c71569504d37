"""Kill a writing process at random moments and check that nothing committed was lost."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(slots=True)
class KillReport:
    trials: int = 0
    reported: int = 0
    lost: int = 0
    corrupt: int = 0
    partial_imports: int = 0
    imports_seen: int = 0
    problems: list[str] = field(default_factory=list)


def start_writer(db: Path, seconds: float, name: str, import_dir: Path | None = None) -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.reliability.writer", str(db), str(seconds), name]
    if import_dir is not None:
        args.append(str(import_dir))
    return subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def check(db: Path, lines: list[str], report: KillReport) -> None:
    connection = sqlite3.connect(db)
    try:
        status = connection.execute("PRAGMA integrity_check").fetchone()[0]
        if status != "ok":
            report.corrupt += 1
            report.problems.append(f"integrity_check: {status}")
        ids = {r[0] for r in connection.execute("SELECT id FROM annotations")}
        # Articles per import batch ("Batch B n" titles), counted in one pass: a count query per
        # title scanned the table once per article, and the table grows with every trial.
        batches = Counter(
            title.split()[1]
            for (title,) in connection.execute("SELECT title FROM articles WHERE title LIKE 'Batch %'")
        )
        for line in lines:
            kind, _, rest = line.partition(" ")
            if kind == "ann":
                report.reported += 1
                if rest not in ids:
                    report.lost += 1
                    report.problems.append(f"lost annotation {rest}")
            elif kind == "import":
                batch, count = rest.split()
                report.imports_seen += 1
                if batches[batch] != int(count):
                    report.lost += 1
                    report.problems.append(f"import {batch}: {batches[batch]} of {count} articles")
        # No import may be half there, reported or not.
        for batch, n in batches.items():
            if n != 5:
                report.partial_imports += 1
                report.problems.append(f"partial import {batch}: {n} articles")
                break
    finally:
        connection.close()


def kill_trials(db: Path, import_dir: Path, trials: int, seed: int = 1) -> KillReport:
    rng = random.Random(seed)
    report = KillReport()
    for trial in range(trials):
        writer = start_writer(db, 30, f"w{trial}", import_dir)
        # Start-up (imports, opening the project) takes 0.3 s on an idle machine and many times
        # that on a busy one: wait for the first commit, then kill at a random moment of the
        # continuous writing that follows.
        assert writer.stdout is not None
        first = writer.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.9))
        writer.send_signal(signal.SIGKILL)
        out, _err = writer.communicate()
        out = first + out
        report.trials += 1
        check(db, [line for line in out.splitlines() if line], report)
    return report
