"""Performance figures, each with its target and its ratio to a baseline measured in the same run.

    .venv/bin/python benchmarks/run.py [--quick] [--only=import,open,discrepancy,export,start,memory]

Prints one line per figure. `--quick` uses smaller sizes (for a smoke run); the README quotes the
full run.
"""

from __future__ import annotations

import csv
import gc
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import article, write_corpus  # noqa: E402

QUICK = "--quick" in sys.argv
RESULTS: list[tuple[str, str, str, str, bool]] = []


def report(name: str, value: float, unit: str, target: str, ok: bool, baseline: float | None = None) -> None:
    ratio = f"{value / baseline:.2f}x baseline ({baseline:.3g} {unit})" if baseline else ""
    RESULTS.append((name, f"{value:.4g} {unit}", target, ratio, ok))
    print(f"{'PASS' if ok else 'MISS'}  {name}: {value:.4g} {unit}  (target {target})  {ratio}", flush=True)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def fill_annotations(
    db: Path, article_id: int, text: str, count: int, kinds=("claim", "attribution", "figure"), seed: int = 5
) -> None:
    """Bulk-insert annotations straight into SQLite (set-up, not measured)."""
    import json

    rng = random.Random(seed)
    connection = sqlite3.connect(db)
    annotator = connection.execute(
        "insert into annotators(name, created_at) values ('bench', '2026-01-01') "
        "on conflict(name) do update set name=name returning id"
    ).fetchone()[0]
    rows = []
    for _ in range(count):
        start = rng.randrange(0, len(text) - 60)
        end = start + rng.randrange(5, 60)
        kind = rng.choice(kinds)
        attrs = (
            {
                "quantity": rng.choice(["deaths", "detained", "troops", "injured"]),
                "value": rng.randint(1, 20000),
                "qualifier": rng.choice(["exact", "more_than", "up_to", "approximately"]),
            }
            if kind == "figure"
            else {}
        )
        rows.append(
            (
                str(uuid.uuid4()),
                article_id,
                kind,
                start,
                end,
                text[start:end],
                json.dumps(attrs),
                "",
                annotator,
                "proposed",
                "[]",
                "",
                "2026-01-01 00:00:00",
                "2026-01-01 00:00:00",
                1,
                0,
            )
        )
    connection.executemany(
        "insert into annotations(id, article_id, kind, start, end, text, attributes, note, annotator_id, status, "
        "linked_ids, review_note, created_at, updated_at, version, orphaned) values "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    connection.commit()
    connection.close()


def bench_open_and_tag(tmp: Path) -> None:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.settings import Settings
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.app import settle_heap
    from kzt_annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    text = article(random.Random(1), 300_000)
    db = tmp / "long.sqlite"
    repo = open_repository(db, backup_keep=0)
    [stored], _ = repo.add_articles([NewArticle(text=text, title="Long article", source_file="long.txt")])
    annotations = 2_000 if QUICK else 10_000
    fill_annotations(db, stored.id, text, annotations)

    def bare() -> None:
        view = QPlainTextEdit()
        view.resize(900, 700)
        view.show()
        view.setPlainText(text)
        view.viewport().repaint()
        view.close()

    window = MainWindow(repo, Settings(annotator="bench"), "bench")
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    settle_heap()  # as the application does once its window is up

    def open_article() -> None:
        window.workspace.open_article(None)
        window.open_article(stored.id)
        window.reader.viewport().repaint()

    def open_after_quiet() -> float:
        """One opening, after the previous one's suggestions (a worker thread) have arrived."""
        window.workspace.wait_for_background()
        app.processEvents()
        return timed(open_article, 1)

    baseline = timed(bare)
    open_article()  # warm-up: first use of the code paths and of the file's pages
    value = min(open_after_quiet() for _ in range(3))
    report(
        f"open 300,000-char article with {annotations:,} annotations",
        value * 1000,
        "ms",
        "<= 150 ms",
        value <= 0.150,
        baseline * 1000,
    )

    def scroll() -> None:
        bar = window.reader.verticalScrollBar()
        bar.setValue(bar.maximum() // 2 if bar.value() != bar.maximum() // 2 else bar.maximum() // 3)
        window.reader.viewport().repaint()

    report("scroll and repaint in that article", timed(scroll, 5) * 1000, "ms", "(no target)", True)

    position = [1000]

    def tag_one() -> None:
        start = text.index(" ", position[0]) + 1
        position[0] = start + 400
        window.reader.select_span(start, start + 12)
        window.workspace.tag(Kind.FIGURE)
        window.editor.submit()
        window.reader.viewport().repaint()

    def bare_insert() -> None:
        connection = sqlite3.connect(db)
        connection.execute("pragma synchronous=full")
        connection.execute(
            "insert into codebook(kind, key, label, colour) values ('x', ?, 'x', '')", (str(uuid.uuid4()),)
        )
        connection.commit()
        connection.close()

    window.workspace.wait_for_background()  # the article's suggestions have arrived
    app.processEvents()
    tag_one()  # warm the editor and completion lists
    value = timed(tag_one, 5)
    report(
        "tag one span (command, commit, repaint)",
        value * 1000,
        "ms",
        "<= 16 ms",
        value <= 0.016,
        timed(bare_insert, 5) * 1000,
    )
    window.close()
    repo.close()


def bench_import(tmp: Path) -> None:
    from kzt_annotator.services.importing import import_paths
    from kzt_annotator.store.repository import open_repository

    count = 2_000 if QUICK else 10_000
    folder = tmp / "corpus"
    files = write_corpus(folder, count)
    megabytes = sum(f.stat().st_size for f in files) / 1e6

    def bare() -> None:
        connection = sqlite3.connect(tmp / "bare.sqlite")
        connection.execute("create table t(sha text, body text)")
        import hashlib

        connection.executemany(
            "insert into t values (?, ?)",
            (
                (hashlib.sha256(body.encode()).hexdigest(), body)
                for body in (f.read_text("utf-8") for f in files)
            ),
        )
        connection.commit()
        connection.close()

    start = time.perf_counter()
    bare()
    baseline = time.perf_counter() - start
    repo = open_repository(tmp / "import.sqlite", backup_keep=0)
    start = time.perf_counter()
    result = import_paths(repo, [folder])
    elapsed = time.perf_counter() - start
    rate = len(result.imported) / elapsed
    report(
        f"import {count:,} articles ({megabytes:.0f} MB)",
        rate,
        "articles/s",
        ">= 2,000 articles/s",
        rate >= 2000,
        count / baseline,
    )
    repo.close()
    return tmp / "import.sqlite"


def bench_export(tmp: Path) -> None:
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.io.csv_format import COLUMNS
    from kzt_annotator.services.exporting import export_csv
    from kzt_annotator.store.repository import open_repository

    count = 100_000 if QUICK else 1_000_000
    db = tmp / "export.sqlite"
    repo = open_repository(db, backup_keep=0)
    rng = random.Random(3)
    texts = [article(rng, 5000) for _ in range(200)]
    stored, _ = repo.add_articles(
        [NewArticle(text=t, title=f"A{i}", source_file=f"{i}.txt") for i, t in enumerate(texts)]
    )
    for a in stored:
        fill_annotations(db, a.id, a.text, count // len(stored), seed=a.id)
    rows = [
        [
            f"{uuid.uuid4()}",
            1,
            "0" * 64,
            "title",
            "outlet",
            "",
            "",
            "",
            "figure",
            10,
            20,
            "some text here",
            "context before " * 5,
            "context after " * 5,
            "bench",
            "proposed",
            "",
            "",
            "deaths",
            125,
            "",
            "",
            "exact",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "2026-01-01T00:00:00+00:00",
            "2026-01-01T00:00:00+00:00",
        ]
        for _ in range(count)
    ]

    def bare() -> None:
        with open(tmp / "bare.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)

    baseline = timed(bare, 1)
    rows.clear()
    value = timed(lambda: export_csv(repo, tmp / "export.csv"), 1)
    report(
        f"CSV export of {count:,} annotations",
        value,
        "s",
        "<= 2x bare csv.writer",
        value <= 2 * baseline,
        baseline,
    )
    repo.close()


def bench_discrepancy(tmp: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    app = QApplication.instance() or QApplication([])
    count = 20_000 if QUICK else 100_000
    db = tmp / "figures.sqlite"
    repo = open_repository(db, backup_keep=0)
    rng = random.Random(9)
    stored, _ = repo.add_articles(
        [
            NewArticle(
                text=article(rng, 3000), title=f"F{i}", source_file=f"{i}.txt", outlet=f"Outlet {i % 40}"
            )
            for i in range(400)
        ]
    )
    for a in stored:
        fill_annotations(db, a.id, a.text, count // len(stored), kinds=("figure",), seed=a.id)
    panel = DiscrepancyPanel(repo)
    panel.show()

    def show() -> None:
        panel.refresh()
        panel.settle()
        app.processEvents()

    value = timed(show, 2)
    report(f"discrepancy panel over {count:,} figures", value * 1000, "ms", "<= 100 ms", value <= 0.100)
    repo.close()


def child_env(tmp: Path) -> dict[str, str]:
    """Environment of a measured child process: offscreen, its own settings, a fixed annotator."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp / "cfg"),
        KZT_ANNOTATOR_USER="bench",
    )


def bench_cold_start(tmp: Path, corpus_db: Path | None) -> None:
    articles = 2_000 if QUICK else 10_000  # what bench_import made
    bare = (
        "import time; t=time.perf_counter(); from PySide6.QtWidgets import QApplication, QMainWindow; "
        "a=QApplication([]); w=QMainWindow(); w.show(); a.processEvents(); print(time.perf_counter()-t)"
    )
    ours = (
        "import time; t=time.perf_counter(); import sys; sys.argv=['kzt']; "
        "from kzt_annotator.ui.app import build_window; a, w = build_window(%r); a.processEvents(); "
        "print(time.perf_counter()-t)"
    )
    env = child_env(tmp)
    db = str(corpus_db or tmp / "start.sqlite")

    def run(code: str) -> float:
        samples = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=ROOT)
            samples.append(time.perf_counter() - start)
        return min(samples)

    baseline = run(bare)
    value = run(ours % db)
    report(
        f"cold start to a usable window ({articles:,}-article project)",
        value,
        "s",
        "<= 1.5x bare Qt window",
        value <= 1.5 * baseline,
        baseline,
    )


def bench_memory(tmp: Path, corpus_db: Path | None) -> None:
    # VmHWM, not ru_maxrss: Linux carries the parent's peak across fork+exec into ru_maxrss.
    code = (
        "from kzt_annotator.ui.app import build_window; a, w = build_window(%r); "
        "a.processEvents(); w.step_article(1); a.processEvents(); "
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    env = child_env(tmp)

    def peak_mb(db: Path) -> float:
        run = subprocess.run(
            [sys.executable, "-c", code % str(db)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        return int(run.stdout.strip().splitlines()[-1]) / 1024

    rss = peak_mb(corpus_db or tmp / "m.sqlite")
    base = peak_mb(tmp / "empty.sqlite")
    articles = 2_000 if QUICK else 10_000
    report(
        f"memory with a {articles:,}-article corpus open (peak RSS)", rss, "MB", "<= 300 MB", rss <= 300, base
    )
    print(f"      (an empty project: {base:.0f} MB; the corpus adds {rss - base:.0f} MB)")


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="kzt-bench-"))
    print(
        f"kzt-annotator benchmarks ({'quick' if QUICK else 'full'}), {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}",
        flush=True,
    )
    only = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--only=")), None)

    def wanted(name: str) -> bool:
        return only is None or name in only

    corpus_db = bench_import(tmp) if wanted("import") or wanted("start") or wanted("memory") else None
    if wanted("open"):
        bench_open_and_tag(tmp)
    if wanted("discrepancy"):
        bench_discrepancy(tmp)
    if wanted("export"):
        bench_export(tmp)
    if wanted("start"):
        bench_cold_start(tmp, corpus_db)
    if wanted("memory"):
        bench_memory(tmp, corpus_db)
    missed = [r for r in RESULTS if not r[4]]
    print(
        f"\n{len(RESULTS) - len(missed)} of {len(RESULTS)} targets held; peak RSS of this run "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
