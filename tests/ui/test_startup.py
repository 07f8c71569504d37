"""Start-up paints a light shell first and opens the project after that paint (ui/startup.py).

The guarantees are counted, not timed: what a fresh process has imported when its first window
is painted, and that the main window then arrives whole in the shell's place.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kzt_annotator.core.errors import KztError
from kzt_annotator.ui.startup import StartWindow
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: build_window, one event-loop turn (the first paint), then what is
# imported; then the turns until the main window is up, and what it shows.
CHILD = """
import json, sys
from kzt_annotator.ui.app import build_window
app, start = build_window(sys.argv[1])
app.processEvents()
heavy = ("sqlalchemy", "alembic", "pyqtgraph", "numpy", "py3langid", "rapidfuzz", "pysbd", "lxml",
         "kzt_annotator.store.repository", "kzt_annotator.ui.main_window", "kzt_annotator.services")
first = sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)
painted = start.isVisible() and start.main is None
turns = 0
while start.main is None and turns < 50:
    app.processEvents()
    turns += 1
window = start.main
window.flush_refresh()
app.processEvents()
import linecache
later = ("lxml", "rapidfuzz", "charset_normalizer", "kzt_annotator.io.readers", "kzt_annotator.services.importing",
         "kzt_annotator.ui.qda_actions", "kzt_annotator.ui.exchange_actions")
print(json.dumps({
    "first": first,
    "shell_painted_alone": painted,
    "shell_title": start.windowTitle(),
    "shell_visible_after": start.isVisible(),
    "main_visible": window.isVisible(),
    "main_title": window.windowTitle(),
    "articles": window.article_model.rowCount(),
    "same_geometry": start.geometry() == window.geometry(),
    "loaded_when_used": sorted(m for m in later if m in sys.modules),
    "sources_cached": sorted(f for f in linecache.cache if f.endswith(".py") and "kzt_annotator" in f),
}))
start.close()
print(json.dumps({"main_closed_with_shell": not window.isVisible()}))
"""


def run_child(tmp_path: Path, db: Path) -> list[dict]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp_path / "cfg"),
        KZT_ANNOTATOR_USER="starter",
    )
    done = start_child(CHILD, db, env)
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def start_child(code: str, db, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with the project path as its argument (120 s at most)."""
    return subprocess.run(
        [sys.executable, "-c", code, str(db)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_first_paint_comes_before_the_project_and_the_main_window_follows(tmp_path):
    from kzt_annotator.services.importing import import_paths
    from kzt_annotator.store.repository import open_repository

    db = tmp_path / "p.sqlite"
    repo = open_repository(db, backup_keep=0)
    count = len(import_paths(repo, [CORPUS]).imported)
    repo.close()
    assert count > 0

    shown, closed = run_child(tmp_path, db)

    assert shown["first"] == []  # nothing heavy before the first paint: no SQLAlchemy, no panels
    assert shown["shell_painted_alone"]
    assert shown["shell_title"] == shown["main_title"] == f"{db.resolve()} — kzt-annotator"
    assert shown["main_visible"] and not shown["shell_visible_after"]
    assert shown["same_geometry"]
    assert shown["articles"] == count
    # file readers, exchange formats and fuzzy matching load when first used, not at start-up
    assert shown["loaded_when_used"] == []
    # PySide6's import hook no longer leaves every module's source in linecache (only those of
    # the few modules imported before the start-up lightens it)
    cached = {"/".join(Path(f).parts[-2:]) for f in shown["sources_cached"]}
    assert cached <= {"kzt_annotator/__init__.py", "ui/__init__.py", "ui/startup.py"}
    assert closed["main_closed_with_shell"]


# What the main window leaves out of its process until it is used (each module and library here
# cost memory at every start): built offscreen, its panels filled, then an article opened.
CHILD_LEFT_OUT = """
import json, sys
from kzt_annotator.ui.app import build_window
app, start = build_window(sys.argv[1])
app.processEvents()
window = start.finish()
app.processEvents()
window.flush_refresh()
window.step_article(1)
app.processEvents()
window.flush_refresh()
try:
    with open("/proc/self/maps") as maps:
        libraries = sorted({line.split("/")[-1].strip() for line in maps if "/" in line})
except OSError:  # not Linux: only the modules are checked
    libraries = []
print(json.dumps({"modules": sorted(sys.modules), "libraries": libraries,
                  "opened": window.workspace.article is not None}))
window.close()
"""
LEFT_OUT = (
    # the worker process's pool (started for the first long article)
    "multiprocessing",
    "concurrent.futures.process",
    # dialogs and what only they use: imported when first opened
    "kzt_annotator.ui.file_dialogs",
    "kzt_annotator.ui.search_dialog",
    "kzt_annotator.services.search",
    "kzt_annotator.ui.metadata_editor",
    "kzt_annotator.ui.compare_dialog",
    "kzt_annotator.ui.agreement_dialog",
    "kzt_annotator.core.agreement",
    "kzt_annotator.ui.curation_view",
    "kzt_annotator.ui.team_dashboard",
    "kzt_annotator.services.curation",
    "kzt_annotator.services.codebook_files",
    "kzt_annotator.io.codebook_csv",
)


def test_the_main_window_leaves_out_what_it_does_not_use_yet(tmp_path):
    """Memory at start (the README's memory line): these stay out of the process until used."""
    from kzt_annotator.services.importing import import_paths
    from kzt_annotator.store.repository import open_repository

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp_path / "cfg"),
        KZT_ANNOTATOR_USER="starter",
    )
    empty = start_child(CHILD_LEFT_OUT, tmp_path / "empty.sqlite", env)
    assert empty.returncode == 0, empty.stderr[-2000:]
    db = tmp_path / "corpus.sqlite"
    repo = open_repository(db, backup_keep=0)
    import_paths(repo, [CORPUS])
    repo.close()
    opened = start_child(CHILD_LEFT_OUT, db, env)
    assert opened.returncode == 0, opened.stderr[-2000:]
    for done, article_open in ((empty, False), (opened, True)):
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["opened"] is article_open
        modules = seen["modules"]
        assert [m for m in LEFT_OUT if m in modules or any(n.startswith(m + ".") for n in modules)] == []
        # the window icon is a PNG: Qt's SVG icon engine and library stay unloaded
        assert [name for name in seen["libraries"] if "svg" in name.lower()] == []


def test_a_project_that_cannot_open_is_reported_and_the_shell_goes(qtbot):
    errors: list[BaseException] = []

    def opener():
        raise KztError("not a kzt-annotator project: x.sqlite")

    start = StartWindow("x.sqlite", opener, errors.append, Path("missing-window.ini"))
    qtbot.addWidget(start)
    start.show()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert [str(e) for e in errors] == ["not a kzt-annotator project: x.sqlite"]
    assert not start.isVisible() and start.main is None


def test_closing_the_shell_before_it_is_painted_opens_nothing(qtbot):
    opened: list[int] = []
    start = StartWindow("x.sqlite", lambda: opened.append(1), lambda exc: None, Path("missing-window.ini"))
    qtbot.addWidget(start)
    start.show()
    start.close()
    qtbot.wait(50)
    assert start.finish() is None and opened == []


def test_a_first_start_question_comes_after_the_shell_is_gone(qtbot):
    """Asking who is annotating runs a dialog's own event loop: the shell must be hidden by then,
    or it would stay on screen behind the main window until the question is answered."""
    from PySide6.QtWidgets import QMainWindow

    main = QMainWindow()
    qtbot.addWidget(main)
    seen: list[tuple[object, bool, bool]] = []

    def opener():
        main.show()
        return main

    def then(window):
        seen.append((window, start.isVisible(), window.isVisible()))

    start = StartWindow("x.sqlite", opener, lambda exc: None, Path("missing-window.ini"), then)
    qtbot.addWidget(start)
    start.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(main, False, True)]
    assert start.finish() is main and len(seen) == 1  # once only


def test_the_lighter_source_check_answers_as_pyside6s_own():
    import inspect
    import types

    import kzt_annotator.core.changes
    import kzt_annotator.ui.startup
    from kzt_annotator.ui.startup import mentions_pyside

    def pysides_own(module) -> bool:  # what PySide6's check does, through linecache
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError, SyntaxError):
            return False

    modules = [kzt_annotator.ui.startup, kzt_annotator.core.changes, sys, json, types.ModuleType("made")]
    assert [mentions_pyside(m) for m in modules] == [pysides_own(m) for m in modules]
    assert [mentions_pyside(m) for m in modules] == [True, False, False, False, False]


def test_a_long_article_list_is_read_once_off_the_gui_thread(make_window, monkeypatch, tmp_path):
    from kzt_annotator.core.model import NewArticle
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui import main_window

    repo = open_repository(tmp_path / "p.sqlite", backup_keep=0)
    repo.add_articles(
        [NewArticle(text=f"Text {i}.", title=f"A{i}", source_file=f"a{i}.txt") for i in range(3)]
    )
    reads: list[object] = []
    lines = repo.article_lines
    monkeypatch.setattr(repo, "article_lines", lambda ids=None: (reads.append(ids), lines(ids))[1])
    monkeypatch.setattr(main_window, "LIST_AT_ONCE", 2)  # three articles count as a long list here

    window = make_window(repo)
    assert window.article_model.rowCount() == 0 and reads == []  # nothing read while building
    assert window.stack.currentWidget() is window.reader  # not the empty project's welcome page
    window.flush_refresh()
    assert window.article_model.rowCount() == 3 and reads == [None]  # the whole list, once


# A GUI start on a damaged project in a fresh interpreter (it runs the application's own event
# loop to its end): the message box is read and closed as a user would, then the exit status.
DAMAGED_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from kzt_annotator.ui import app as gui

shown = []
def close_the_box():
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    if boxes:
        shown.append(boxes[0].text() + " " + boxes[0].informativeText())
        boxes[0].accept()
    elif len(shown) == 0:
        QTimer.singleShot(20, close_the_box)
QApplication(sys.argv[:1])
QTimer.singleShot(0, close_the_box)
QTimer.singleShot(60_000, QApplication.quit)  # never hang the test run
code = gui.run(sys.argv[1])
print(json.dumps({"code": code, "shown": shown}))
"""


def test_a_damaged_project_is_shown_in_a_message_box_and_exits_1(tmp_path):
    """A desktop start on a file of random bytes: the one line goes to stderr and into a message
    box (a desktop user sees no terminal); closing the box ends the start with status 1."""
    bad = tmp_path / "dmg.sqlite"
    bad.write_bytes(bytes(range(256)) * 20)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KZT_ANNOTATOR_CONFIG_DIR=str(tmp_path / "cfg"))
    done = start_child(DAMAGED_CHILD, bad, env)
    [result] = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert result["code"] == 1
    [shown] = result["shown"]
    assert shown.startswith("The project could not be opened.")
    assert "is damaged or is not a kzt-annotator project" in shown
    assert "is damaged or is not a kzt-annotator project" in done.stderr
