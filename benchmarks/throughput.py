"""Whole-program figures: import, CSV export, search, CLI and GUI start, memory."""

from __future__ import annotations

import csv
import hashlib
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks import common
from benchmarks.common import ROOT, Figure, child_env, fill_annotations, median_of, report
from benchmarks.corpus import write_corpus


def _read_and_hash(path: str) -> tuple[str, str]:
    body = Path(path).read_text("utf-8")
    return hashlib.sha256(body.encode()).hexdigest(), body


def bench_import(tmp: Path, count: int, runs: int = 3) -> Path:
    """Import `count` articles; the baseline reads, hashes and inserts the same files with the same
    number of worker processes (the least any importer must do)."""
    from kzt_annotator.services.importing import import_paths
    from kzt_annotator.store.repository import open_repository

    folder = tmp / f"corpus{count}"
    files = write_corpus(folder, count)
    workers = os.cpu_count() or 1
    db = tmp / f"import{count}.sqlite"

    def bare() -> None:
        target = tmp / "bare.sqlite"
        target.unlink(missing_ok=True)
        connection = sqlite3.connect(target)
        connection.execute("create table t(sha text unique, body text)")
        with ProcessPoolExecutor(workers) as pool:
            connection.executemany(
                "insert into t values (?, ?)", pool.map(_read_and_hash, map(str, files), chunksize=64)
            )
        connection.commit()
        connection.close()

    def ours() -> float:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        repo = open_repository(db, backup_keep=0)
        start = time.perf_counter()
        result = import_paths(repo, [folder])
        elapsed = time.perf_counter() - start
        repo.close()
        assert len(result.imported) == count
        return elapsed

    baseline = median_of(bare, runs)
    elapsed = median_of(ours, runs)
    report(
        Figure(
            f"import {count:,} articles ({workers} processes)",
            count / elapsed,
            "articles/s",
            2000,
            "higher",
            count / baseline,
            "bare read+hash+insert",
            runs,
        )
    )
    return db


def bench_export(tmp: Path, corpus_db: Path, count: int = 2000) -> None:
    """CSV export of `count` annotations as a user runs it: one CLI process, start-up included."""
    from kzt_annotator.store.repository import open_repository

    db = tmp / "export.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    repo = open_repository(db, backup_keep=0)
    from kzt_annotator.core.model import NewArticle

    rng = random.Random(3)
    from benchmarks.corpus import article

    stored, _ = repo.add_articles(
        [NewArticle(text=article(rng, 5000), title=f"E{i}", source_file=f"e{i}.txt") for i in range(500)]
    )
    repo.close()
    for a in stored[:100]:
        fill_annotations(db, a.id, a.text, count // 100, seed=a.id)
    out = tmp / "export.csv"
    args = ["--db", str(db), "export-csv", str(out)]

    def cli(env: dict[str, str]) -> Callable[[], None]:
        def export() -> None:
            command = [sys.executable, "-m", "kzt_annotator.cli", *args]
            subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)

        return export

    def bare() -> None:  # a Python process that reads the rows and writes them with csv.writer
        code = (
            "import csv, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "w = csv.writer(open(sys.argv[2], 'w', newline='', encoding='utf-8')); "
            "w.writerows(c.execute('select * from annotations'))"
        )
        subprocess.run([sys.executable, "-c", code, str(db), str(tmp / "bare.csv")], check=True, cwd=ROOT)

    alone = median_of(cli(child_env(tmp)))
    with common.cli_server(child_env(tmp)) as env:
        common.warm(env, ["--db", str(db), "articles"])
        value = median_of(cli(env))
    with out.open(encoding="utf-8-sig") as handle:
        rows = sum(1 for _ in csv.reader(handle)) - 1
    assert rows == count, rows
    report(
        Figure(
            f"CSV export of {count:,} annotations (one CLI process, warm server)",
            value,
            "s",
            0.6,  # Taguette's export of the same rows, measured side by side (benchmarks/peers.py)
            baseline=median_of(bare),
            baseline_name="bare sqlite3+csv process",
            runs=common.RUNS,
            note=f"target: Taguette 1.5.2's export of 2,000 highlights, 0.6 s; without the server {alone:.2f} s",
        )
    )


def bench_search(tmp: Path, corpus_db: Path, count: int) -> None:
    from kzt_annotator.services.search import search_corpus
    from kzt_annotator.store.repository import open_repository

    repo = open_repository(corpus_db, backup_keep=0)
    for query in ("curfew", '"state media"', "troop* AND airport NOT fuel"):
        search_corpus(repo, query)  # warm the pages
        value = median_of(lambda q=query: (search_corpus(repo, q), None)[1]) * 1000
        report(Figure(f"search {query} over {count:,} articles", value, "ms", 50, runs=common.RUNS))
    repo.close()


def _child_seconds(code: str, env: dict[str, str], runs: int | None = None) -> float:
    samples = []
    for _ in range(common.RUNS if runs is None else runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _interleaved_seconds(codes: tuple[str, ...], env: dict[str, str]) -> list[float]:
    """Median wall seconds of each whole child process, the children run in turn, RUNS rounds."""
    samples: list[list[float]] = [[] for _ in codes]
    for _ in range(common.RUNS):
        for code, taken in zip(codes, samples, strict=True):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=ROOT)
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in samples]


def bench_starts(tmp: Path, corpus_db: Path, count: int) -> None:
    env = child_env(tmp)
    bare = (
        "from PySide6.QtWidgets import QApplication, QMainWindow; "
        "a = QApplication([]); w = QMainWindow(); w.show(); a.processEvents(); w.close()"
    )
    # The start window paints before the project opens (ui/startup.py): the first figure is the
    # process until that paint; the second until the main window shows the whole article list
    # and every panel (untargeted, so the work moved after the paint stays in view).
    ours = (
        "import sys; sys.argv = ['kzt']; from kzt_annotator.ui.app import build_window; "
        f"a, w = build_window({str(corpus_db)!r}); a.processEvents(); w.close()"
    )
    loaded = (
        "import sys; sys.argv = ['kzt']; from kzt_annotator.ui.app import build_window; "
        f"a, s = build_window({str(corpus_db)!r}); a.processEvents(); w = s.finish(); "
        "a.processEvents(); w.flush_refresh(); a.processEvents(); w.close()"
    )
    # Interleaved (bare, ours, loaded, bare, ...): a drift in the machine's load during the
    # runs falls on the baseline and on ours alike, not on whichever ran first.
    baseline, value, full = _interleaved_seconds((bare, ours, loaded), env)
    report(
        Figure(
            f"GUI cold start to a painted window ({count:,}-article project), ratio to a bare Qt window",
            value / baseline,
            "x",
            1.5,
            baseline=None,
            runs=common.RUNS,
            note=f"ours {value:.3f} s, bare QApplication+QMainWindow {baseline:.3f} s",
        )
    )
    report(
        Figure(
            f"GUI start until the {count:,}-article list and every panel are shown, whole process",
            full,
            "s",
            baseline=baseline,
            baseline_name="bare QApplication+QMainWindow",
            runs=common.RUNS,
        )
    )
    small = tmp / "small.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kzt_annotator.cli",
            "--db",
            str(small),
            "import",
            str(ROOT / "tests/fixtures/corpus"),
        ],
        env=env,
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    python = _child_seconds("pass", env)
    verbs = (["articles"], ["annotations"], ["search", "curfew"])

    def code(verb: list[str]) -> str:
        return f"import sys; from kzt_annotator.cli import main; sys.exit(main(['--db', {str(small)!r}, *{verb!r}]))"

    report(
        Figure(
            "CLI `articles` on a 5-article project, whole process, no server (the first verb)",
            _child_seconds(code(["articles"]), env),
            "s",
            0.3,
            baseline=python,
            baseline_name="bare Python start",
            runs=common.RUNS,
        )
    )
    with common.cli_server(env) as served:
        common.warm(served, [], code=code(["articles"]))  # started as the measured verbs are
        for verb in verbs:
            report(
                Figure(
                    f"CLI `{' '.join(verb)}` on a 5-article project, whole process, warm server",
                    _child_seconds(code(verb), served),
                    "s",
                    0.3,
                    baseline=python,
                    baseline_name="bare Python start",
                    runs=common.RUNS,
                )
            )


def bench_memory(tmp: Path, corpus_db: Path, count: int) -> None:
    # VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss.
    code = (
        "from kzt_annotator.ui.app import build_window; a, s = build_window(%r); "
        "a.processEvents(); w = s.finish(); a.processEvents(); w.flush_refresh(); "
        "w.step_article(1); a.processEvents(); w.flush_refresh(); "
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]); w.close()"
    )
    env = child_env(tmp)

    def peak_mb(db: Path) -> float:
        done = subprocess.run(
            [sys.executable, "-c", code % str(db)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        return int(done.stdout.strip().splitlines()[-1]) / 1024

    base = statistics.median(peak_mb(tmp / "empty.sqlite") for _ in range(3))
    rss = statistics.median(peak_mb(corpus_db) for _ in range(3))
    report(
        Figure(
            f"memory with a {count:,}-article project open (peak RSS)",
            rss,
            "MB",
            120,
            baseline=base,
            baseline_name="an empty project",
            runs=3,
        )
    )
