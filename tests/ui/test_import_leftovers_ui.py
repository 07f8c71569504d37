"""A folder import in the GUI says how many files it left out for their type, as `import` does:
in the status bar and in a message, not only on the command line."""

from __future__ import annotations

import shutil

from tests.conftest import CORPUS


def import_folder(qtbot, window, dialogs, folder):
    dialogs.folder = folder
    window.import_folder()
    with qtbot.waitSignal(window.job.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: window.job is None, timeout=5_000)


def test_folder_import_names_files_left_out_by_type(qtbot, make_window, dialogs, repo, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(article, folder / article.name)
    (folder / "figures.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "notes").write_text("no extension", encoding="utf-8")
    window = make_window(repo)
    import_folder(qtbot, window, dialogs, folder)
    expected = (
        "2 imported, 0 duplicate, 0 failed; 3 file(s) of unsupported types left out: .csv, .png, no extension"
    )
    assert window.statusBar().currentMessage() == expected
    assert dialogs.infos == [("Import", expected)] and dialogs.errors == []


def test_folder_with_only_supported_files_shows_no_message(qtbot, make_window, dialogs, repo, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], folder)
    window = make_window(repo)
    import_folder(qtbot, window, dialogs, folder)
    assert window.statusBar().currentMessage() == "1 imported, 0 duplicate, 0 failed"
    assert dialogs.infos == [] and dialogs.errors == []
