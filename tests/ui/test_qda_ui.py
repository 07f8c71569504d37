"""REFI-QDA export/import, the project report and the code frequencies dialog from the window."""

from __future__ import annotations

import zipfile

from kzt_annotator.store.repository import open_repository
from kzt_annotator.ui import qda_actions
from tests.conftest import EXTERNAL
from tests.figures_fixture import tag_corpus_figures


def wait(qtbot, job):
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass


def test_export_qdpx_and_report_then_import_into_an_empty_project(
    qtbot, make_window, corpus_repo, dialogs, tmp_path
):
    tag_corpus_figures(corpus_repo)
    window = make_window(corpus_repo)
    dialogs.save_path = tmp_path / "p.qdpx"
    wait(qtbot, qda_actions.export_project(window))
    assert "project.qde" in zipfile.ZipFile(dialogs.save_path).namelist()
    assert "19 coded selection(s)" in window.statusBar().currentMessage()
    dialogs.save_path = tmp_path / "r.html"
    wait(qtbot, qda_actions.export_project_report(window))
    assert "Discrepancies" in dialogs.save_path.read_text(encoding="utf-8")

    other = open_repository(tmp_path / "other.sqlite")
    second = make_window(other)
    dialogs.open_file = tmp_path / "p.qdpx"
    wait(qtbot, qda_actions.import_project(second))
    second.flush_refresh()
    assert len(other.annotations()) == 19 and other.count_articles() == 5
    # "price" is two groups: a ratio (doubling: percent of a base) and a count (four cents)
    assert second.discrepancy_panel.groups.rowCount() == 9
    other.close()


def test_import_of_a_qdpx_without_sources_shows_one_error_and_imports_nothing(
    qtbot, make_window, repo, dialogs
):
    window = make_window(repo)
    dialogs.open_file = EXTERNAL / "refi-qda" / "atlasti-standard-project.qdpx"
    job = qda_actions.import_project(window)
    with qtbot.waitSignal(job.failed, timeout=60_000):
        pass
    assert len(dialogs.errors) == 1 and "6 of 6 text sources are missing" in dialogs.errors[0][1]
    assert repo.count_articles() == 0


def test_code_frequencies_dialog_shows_and_exports_the_cli_rows(
    qtbot, make_window, corpus_repo, dialogs, tmp_path
):
    tag_corpus_figures(corpus_repo)
    window = make_window(corpus_repo)
    dialog = qda_actions.open_code_stats(window)
    qtbot.addWidget(dialog)
    frequencies = dialog.models[0]
    codes = {row[0]: row for row in frequencies.rows}
    assert codes["figure"][2] == 19 and codes["figure: troops"][2:] == [
        3,
        3,
        2,
    ]  # two of the three outlets are unknown
    assert dialog.models[2].columns[0] == "code" and "unknown outlet" in dialog.models[2].columns
    dialog.tabs.setCurrentIndex(2)
    dialogs.save_path = tmp_path / "outlets.csv"
    dialog.export_csv()
    assert dialogs.save_path.read_text(encoding="utf-8").startswith("code,")
