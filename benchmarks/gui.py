"""The real main window offscreen, every call counted until the event queue is empty.

A profiling QApplication times every top-level event it delivers (timers, queued signals from
worker threads, paints), so "until idle" ends with the last GUI-thread task an action caused, and
"longest task" is the longest single stretch the GUI thread was busy.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from benchmarks import common
from benchmarks.common import Figure, fill_annotations, report
from benchmarks.corpus import article

_APP = None


def profiling_app():
    """One QApplication for every GUI benchmark, timing each event it delivers."""
    global _APP
    if _APP is not None:
        return _APP
    from PySide6.QtWidgets import QApplication

    class ProfilingApp(QApplication):
        def __init__(self) -> None:
            super().__init__([])
            self.depth = 0
            self.tasks: list[float] = []  # durations of top-level event deliveries, s
            self.last_end = 0.0

        def notify(self, receiver, event):  # noqa: N802 - Qt override
            if self.depth:
                return super().notify(receiver, event)
            self.depth += 1
            start = time.perf_counter()
            try:
                return super().notify(receiver, event)
            finally:
                self.depth -= 1
                self.last_end = time.perf_counter()
                self.tasks.append(self.last_end - start)

    _APP = ProfilingApp()
    return _APP


def _busy(window) -> bool:
    """A read for the open article (its annotations, its suggestions) or for a panel is pending."""
    return window.workspace.busy() or window.reading()


def until_idle(app, window, timeout: float = 60.0) -> None:
    """Run the event loop until no work is pending and one pass delivers nothing."""
    deadline = time.perf_counter() + timeout
    quiet = 0
    while time.perf_counter() < deadline:
        before = len(app.tasks)
        app.processEvents()
        if len(app.tasks) == before and not _busy(window):
            quiet += 1
            if quiet >= 3:
                return
        else:
            quiet = 0
        time.sleep(0.0005)  # let worker threads have the interpreter
    raise TimeoutError("the window did not become idle")


class Action:
    """One measured action: the synchronous call (as if a key or click caused it), then idle."""

    def __init__(self, app, window) -> None:
        self.app, self.window = app, window

    def run(self, call, paint=None) -> dict[str, float]:
        until_idle(self.app, self.window)
        self.app.tasks.clear()
        start = time.perf_counter()
        # What the call delivers itself (a repaint's update request, a layout) is inside its own
        # time: counted there once, not a second time as a task of its own.
        self.app.depth += 1
        try:
            call()
            if paint is not None:
                paint()
        finally:
            self.app.depth -= 1
        painted = time.perf_counter()
        until_idle(self.app, self.window)
        idle = max(self.app.last_end, painted)
        tasks = [painted - start, *self.app.tasks]
        return {
            "painted": painted - start,
            "idle": idle - start,
            "longest": max(tasks),
            "gui": sum(tasks),  # time the GUI thread was busy, waiting for workers excluded
        }


def _median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def bench_window(tmp: Path, label: str, make_project) -> None:
    """Open an article and tag one span, common.RUNS times each, in the real window over one project."""
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.settings import Settings
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.main_window import MainWindow

    app = profiling_app()
    db, article_id, unopened = make_project(tmp)
    repo = open_repository(db, backup_keep=0)
    window = MainWindow(repo, Settings(annotator="bench"), "bench")
    window.resize(1280, 800)
    window.show()
    until_idle(app, window)
    action = Action(app, window)
    text = repo.article(article_id).text

    def open_article() -> None:
        window.workspace.open_article(None)
        window.open_article(article_id)

    paint = window.reader.viewport().repaint
    open_article()
    until_idle(app, window)
    opens = [action.run(open_article, paint) for _ in range(common.RUNS)]
    report(
        Figure(f"{label}: open, until painted", _median(opens, "painted") * 1000, "ms", 150, runs=common.RUNS)
    )
    report(Figure(f"{label}: open, until idle", _median(opens, "idle") * 1000, "ms", 250, runs=common.RUNS))
    report(
        Figure(
            f"{label}: open, longest GUI-thread task",
            _median(opens, "longest") * 1000,
            "ms",
            50,
            runs=common.RUNS,
        )
    )

    # Articles of the same shape not opened before in this session: nothing found for them is
    # cached yet (the re-opens above reuse the suggestion finder's analysis of the same text).
    firsts = []
    for other in unopened[: common.RUNS]:

        def open_other(other: int = other) -> None:
            window.workspace.open_article(None)
            window.open_article(other)

        firsts.append(action.run(open_other, paint))
    for key, what, target in (("idle", "until idle", 250), ("longest", "longest GUI-thread task", 50)):
        if firsts:
            value = _median(firsts, key) * 1000
            report(
                Figure(f"{label}: open one not opened before, {what}", value, "ms", target, runs=len(firsts))
            )
    window.open_article(article_id)
    until_idle(app, window)

    # A researcher tags what is on screen: the span is in view before the shortcut (scrolled
    # there untimed, as reading brings it there), selected without scrolling, tagged, its
    # attributes submitted. The untargeted line after them also times the selection that scrolls
    # the reader to a span 400 characters on (what every tag timed before this split).
    position = [1000]

    def next_span() -> int:
        if position[0] + 100 > len(text):  # a short article: round again (a span beside the last)
            position[0] = 1000 + position[0] % 37
        start = text.index(" ", position[0]) + 1
        position[0] = start + 400
        return start

    def tag_at(start: int, scroll: bool, quantity: str = "") -> None:
        window.reader.select_span(start, start + 12, scroll=scroll)
        window.workspace.tag(Kind.FIGURE)
        if quantity:  # typed into the form (typing itself untimed would need key events)
            window.editor.field("quantity").setText(quantity)
        window.editor.submit()

    def tag_on_screen(quantity: str = "") -> dict[str, float]:
        start = next_span()
        window.reader.place_cursor(start)  # reading has brought it into view (untimed)
        return action.run(lambda: tag_at(start, scroll=False, quantity=quantity), paint)

    tag_on_screen()  # warm the editor and completion lists
    tags = [tag_on_screen() for _ in range(common.RUNS)]
    report(
        Figure(
            f"{label}: tag one span, GUI-thread time until idle",
            _median(tags, "gui") * 1000,
            "ms",
            16,
            runs=common.RUNS,
        )
    )
    report(
        Figure(
            f"{label}: tag one span, every panel current",
            _median(tags, "idle") * 1000,
            "ms",
            200,
            runs=common.RUNS,
        )
    )
    report(
        Figure(
            f"{label}: tag one span, longest GUI-thread task",
            _median(tags, "longest") * 1000,
            "ms",
            50,
            runs=common.RUNS,
        )
    )
    scrolled = [action.run(lambda: tag_at(next_span(), scroll=True), paint) for _ in range(common.RUNS)]
    report(
        Figure(
            f"{label}: select a span 400 characters on (the reader scrolls) and tag it, GUI-thread time",
            _median(scrolled, "gui") * 1000,
            "ms",
            runs=common.RUNS,
        )
    )
    # The same tag with a quantity the project already counts: the discrepancy panel reads that
    # quantity's groups and shows them (the form's pre-fill gives no quantity, and a figure
    # without one is in no group, so the lines above read nothing for that panel).
    with_quantity = [tag_on_screen(QUANTITY) for _ in range(common.RUNS)]
    for key, what in (("gui", "GUI-thread time until idle"), ("idle", "every panel current")):
        report(
            Figure(
                f"{label}: tag a figure on screen with a quantity (its discrepancy group follows), {what}",
                _median(with_quantity, key) * 1000,
                "ms",
                runs=common.RUNS,
            )
        )
    close_window(window)
    repo.close()


QUANTITY = "detained"  # one of benchmarks.common.fill_annotations' quantities


def close_window(window) -> None:
    """Close the window and delete it now: a closed window left alive kept its timers and panels,
    and the next measurement in the same process would count what they did."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def long_article_project(tmp: Path, others: int | None = None) -> tuple[Path, int, list[int]]:
    """A 300,000-character article with 10,000 annotations; `others` (common.RUNS by default)
    more like it, each a different text, to be opened once each: (file, article, others)."""
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.store.repository import open_repository

    db = tmp / "long.sqlite"
    repo = open_repository(db, backup_keep=0)
    count = 1 + (common.RUNS if others is None else others)
    texts = [article(random.Random(seed), 300_000) for seed in range(1, count + 1)]
    stored, _ = repo.add_articles(
        [
            NewArticle(text=text, title=f"Long article {i}", source_file=f"long{i}.txt")
            for i, text in enumerate(texts)
        ]
    )
    repo.close()
    for a in stored:
        fill_annotations(db, a.id, a.text, 10_000, seed=4 + a.id)
    return db, stored[0].id, [a.id for a in stored[1:]]


def review_project(tmp: Path) -> tuple[Path, int, list[int]]:
    """200 articles with 50,000 unreviewed annotations (250 each): (file, article, others)."""
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.store.repository import open_repository

    db = tmp / "review.sqlite"
    repo = open_repository(db, backup_keep=0)
    rng = random.Random(4)
    stored, _ = repo.add_articles(
        [
            NewArticle(
                text=article(rng, 6000), title=f"R{i}", source_file=f"r{i}.txt", outlet=f"Outlet {i % 20}"
            )
            for i in range(200)
        ]
    )
    repo.close()
    for a in stored:
        fill_annotations(db, a.id, a.text, 250, seed=a.id)
    return db, stored[100].id, [a.id for a in stored[101:]]


def bench_discrepancy(tmp: Path, count: int = 100_000) -> None:
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    app = profiling_app()
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
    from kzt_annotator.services.memo import Memo

    def reloads(label: str, forget: bool) -> None:
        """Time RUNS reloads of one panel (after a first, untimed one) until shown; `forget`: with
        nothing worked out before reused (services/memo.py), as after a change."""
        panel = DiscrepancyPanel(repo)
        panel.show()
        samples = []
        for _ in range(common.RUNS + 1):
            if forget:
                panel.memos = {name: Memo() for name in panel.memos}
            start = time.perf_counter()
            panel.refresh()
            panel.settle()
            app.processEvents()
            samples.append(time.perf_counter() - start)
        panel.close()
        report(
            Figure(
                f"discrepancy panel over {count:,} figures, {label}",
                statistics.median(samples[1:]) * 1000,
                "ms",
                100,
                runs=common.RUNS,
            )
        )

    reloads("reload with nothing reused, until shown", forget=True)
    reloads("reload with nothing changed (the periodic check)", forget=False)
    repo.close()
