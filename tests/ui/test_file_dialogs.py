"""A file dialog listing the project's folder must not cost the project its edits.

Qt's own icon provider read the project file and its -wal/-shm journal to guess their types,
which dropped this process's SQLite locks; the next program to open the project then deleted
the write-ahead log, and later edits were lost while the window said they were saved."""

from __future__ import annotations

import subprocess
import sys
import time

from PySide6.QtWidgets import QApplication, QFileDialog

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository
from kzt_annotator.ui.dialogs import ARTICLE_FILTER
from kzt_annotator.ui.file_dialogs import Choose, file_dialog
from tests.conftest import CORPUS


def count_elsewhere(db, table: str) -> int:
    """Rows of `table` as another program sees them (it opens and closes the project)."""
    code = f"import sqlite3; c = sqlite3.connect({str(db)!r}); print(c.execute('select count(*) from {table}').fetchone()[0]); c.close()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout)


def list_folder(qtbot, dialog: QFileDialog) -> None:
    """Show the dialog until its folder is listed and painted (icons and types asked for)."""
    dialog.show()
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)
    dialog.grab()
    qtbot.wait(200)
    dialog.reject()


def test_choosing_files_beside_the_project_keeps_later_edits(qtbot, tmp_path):
    db = tmp_path / "project.sqlite"
    repo = open_repository(db, backup_keep=0)
    try:
        import_paths(repo, [CORPUS])
        assert (tmp_path / "project.sqlite-wal").exists()
        dialog = file_dialog(
            None, "Import articles", Choose.OPEN_MANY, start=str(tmp_path), file_filter=ARTICLE_FILTER
        )
        qtbot.addWidget(dialog)
        list_folder(qtbot, dialog)
        assert count_elsewhere(db, "articles") == 5  # another program opens and closes the project
        assert (tmp_path / "project.sqlite-wal").exists()  # it did not take itself for the last one
        article = repo.article(repo.article_summaries()[0].id)
        annotating.annotate(repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "alice", {}))
        assert count_elsewhere(db, "annotations") == 1
    finally:
        repo.close()
    assert count_elsewhere(db, "annotations") == 1


def test_choosers_are_set_up_for_what_they_ask(qtbot, tmp_path):
    save = file_dialog(None, "New project", Choose.SAVE, start="project.sqlite", file_filter="P (*.sqlite)")
    folder = file_dialog(None, "Folder", Choose.FOLDER, start=str(tmp_path))
    many = file_dialog(None, "Files", Choose.OPEN_MANY, start=str(tmp_path))
    for dialog in (save, folder, many):
        qtbot.addWidget(dialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.iconProvider() is not None
    assert save.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    assert folder.fileMode() is QFileDialog.FileMode.Directory
    assert many.fileMode() is QFileDialog.FileMode.ExistingFiles
    assert folder.directory().absolutePath() == str(tmp_path)
