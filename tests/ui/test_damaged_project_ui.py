"""A damaged project in the GUI is named in the GUI's words (the file, and what to do there: restore
one of its backups, or choose another project), never the command line's "check --db"; File → Open
on it offers its backups, and at start the error box restores the newest one and opens it."""

from __future__ import annotations

import json
import os

from kzt_annotator.services.importing import import_paths
from kzt_annotator.services.project import count_articles
from kzt_annotator.store.backup import backup_dir, make_backup
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS
from tests.ui.test_startup import start_child

GARBAGE = bytes(range(256)) * 20


def damaged_project(path, with_backup=True):
    """A project of the five corpus articles, backed up (or not), then overwritten with junk."""
    repo = open_repository(path)
    try:
        import_paths(repo, [CORPUS])
    finally:
        repo.close()
    if with_backup:
        make_backup(path, "manual")
    path.write_bytes(GARBAGE)
    return path


def test_open_offers_the_damaged_projects_backups_and_opens_it_restored(
    qtbot, make_window, dialogs, repo, tmp_path
):
    bad = damaged_project(tmp_path / "field.sqlite")
    window = make_window(repo)
    dialogs.choice = 0
    assert window.switch_project(str(bad))
    assert dialogs.errors == []
    [label] = dialogs.choices
    assert " - manual (" in label
    assert str(bad) in window.windowTitle() and count_articles(window.repo) == 5
    [kept] = backup_dir(bad).glob("*-damaged.sqlite.bin")
    assert kept.read_bytes() == GARBAGE


def test_open_without_backups_names_the_file_and_what_to_do_without_db(
    qtbot, make_window, dialogs, repo, tmp_path
):
    bad = damaged_project(tmp_path / "field.sqlite", with_backup=False)
    window = make_window(repo)
    assert not window.switch_project(str(bad))
    [(title, message)] = dialogs.errors
    assert title == "Cannot open project"
    assert message == (
        f"{bad} is damaged or is not a kzt-annotator project. It has no backups: choose another "
        "project (File → Open or File → New project)."
    )
    assert "--db" not in message


def test_declining_the_restore_changes_nothing(qtbot, make_window, dialogs, repo, tmp_path):
    bad = damaged_project(tmp_path / "field.sqlite")
    window = make_window(repo)
    dialogs.choice = None
    assert not window.switch_project(str(bad))
    assert bad.read_bytes() == GARBAGE and dialogs.errors == []


# The start in a fresh interpreter (the application's own event loop): the error box offers the
# newest backup; the child presses the button, then reports the main window's project.
RESTORE_CHILD = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from kzt_annotator.ui import app as gui

shown = []
def press_restore():
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    if boxes:
        shown.append(boxes[0].informativeText())
        [button] = [b for b in boxes[0].buttons() if b.text() == sys.argv[2]]
        button.click()
        QTimer.singleShot(20, look)
    else:
        QTimer.singleShot(20, press_restore)
def look():
    from kzt_annotator.ui.main_window import MainWindow
    mains = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if mains:
        shown.append(mains[0].windowTitle())
        mains[0].close()
    else:
        QTimer.singleShot(20, look)
QApplication(sys.argv[:1])
QTimer.singleShot(0, press_restore)
QTimer.singleShot(60_000, QApplication.quit)  # never hang the test run
code = gui.run(sys.argv[1])
print(json.dumps({"code": code, "shown": shown}))
"""


def run_start(tmp_path, bad, button):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp_path / "cfg"),
        KZT_ANNOTATOR_USER="tester",
    )
    done = start_child(RESTORE_CHILD.replace("sys.argv[2]", repr(button)), bad, env)
    [result] = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return result, done.stderr


def test_start_on_a_damaged_project_restores_its_newest_backup_from_the_error_box(tmp_path):
    bad = damaged_project(tmp_path / "field.sqlite")
    result, stderr = run_start(tmp_path, bad, "Restore the newest backup")
    text, title = result["shown"]
    assert text.startswith(f"{bad} is damaged or is not a kzt-annotator project. It has 1 backup(s)")
    assert "restore the newest (the damaged file is kept beside the backups)" in text and "--db" not in text
    assert "field.sqlite" in title and result["code"] == 0
    assert f"restored {bad}" in stderr
    assert list(backup_dir(bad).glob("*-damaged.sqlite.bin"))


def test_start_on_a_damaged_project_quit_leaves_it_and_exits_1(tmp_path):
    bad = damaged_project(tmp_path / "field.sqlite")
    result, _ = run_start(tmp_path, bad, "Quit")
    assert result["code"] == 1 and len(result["shown"]) == 1
    assert bad.read_bytes() == GARBAGE


def test_a_recent_project_moved_away_is_said_so_not_made_anew(qtbot, make_window, dialogs, repo, tmp_path):
    """Open recent (and File → Open) on a project file that is gone: one message in the GUI's words,
    and no new, empty project appears in its place."""
    gone = tmp_path / "moved.sqlite"
    window = make_window(repo)
    window.settings.recent_projects = [str(gone)]
    from kzt_annotator.ui.actions import rebuild_recent_menu

    rebuild_recent_menu(window)
    [action] = window.recent_menu.actions()
    action.trigger()
    assert not gone.exists()
    assert dialogs.errors == [
        (
            "Cannot open project",
            f"There is no project at {gone}: it was moved or deleted, or its drive is not connected. "
            "Choose another project (File → Open), or make one (File → New project).",
        )
    ]
    dialogs.project = gone
    window.open_project()
    assert not gone.exists() and len(dialogs.errors) == 2
    assert str(repo.db_file) in window.windowTitle()  # the open project stays open
