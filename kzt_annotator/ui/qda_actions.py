"""File → Export/Import for REFI-QDA (.qdpx) and the project report; Review → Code frequencies.

Each asks for a path, then runs the same service as the CLI verb on a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_annotator.core.errors import KztError
from kzt_annotator.services.annotation_import import ImportRefused
from kzt_annotator.services.project_report import export_report, project_stats
from kzt_annotator.services.qdpx_export import export_qdpx
from kzt_annotator.services.qdpx_import import import_qdpx
from kzt_annotator.ui.code_stats_dialog import CodeStatsDialog
from kzt_annotator.ui.exchange_actions import run_job
from kzt_annotator.ui.worker import BackgroundJob

if TYPE_CHECKING:
    from kzt_annotator.ui.main_window import MainWindow

QDPX_FILTER = "REFI-QDA project (*.qdpx);;All files (*)"


def export_project(window: MainWindow) -> BackgroundJob | None:
    path = window.dialogs.ask_save_path("Export REFI-QDA project", "project.qdpx", QDPX_FILTER)
    if path is None:
        return None
    repo = window.repo
    return run_job(
        window,
        "Exporting the REFI-QDA project…",
        lambda _p, _c: export_qdpx(repo, path),
        lambda report: window.statusBar().showMessage(f"Wrote {path}: {report.summary()}", 10000),
    )


def import_project(window: MainWindow, *, codebook_only: bool = False) -> BackgroundJob | None:
    title = "Import a REFI-QDA codebook from a project" if codebook_only else "Import a REFI-QDA project"
    path = window.dialogs.ask_open_file(title, QDPX_FILTER)
    if path is None:
        return None
    repo = window.repo

    def job(_progress, _cancelled):
        try:
            return import_qdpx(repo, path, codebook_only=codebook_only)
        except ImportRefused as exc:
            raise RuntimeError(f"Nothing was imported: {exc.report.summary()}") from exc
        except KztError as exc:
            raise RuntimeError(str(exc)) from exc

    def done(report) -> None:
        if report.annotations is not None:
            window.broadcast(report.annotations.changes)  # the open article too
        window.statusBar().showMessage(report.summary(), 15000)

    return run_job(window, "Importing the REFI-QDA project…", job, done)


def export_project_report(window: MainWindow) -> BackgroundJob | None:
    from kzt_annotator.core.intervals import rules_from_settings

    path = window.dialogs.ask_save_path("Export project report", "report.html", "HTML (*.html)")
    if path is None:
        return None
    repo = window.repo
    rules = rules_from_settings(window.settings.qualifier_rules)
    return run_job(
        window,
        "Writing the project report…",
        lambda _p, _c: export_report(repo, path, rules=rules),
        lambda _data: window.statusBar().showMessage(f"Wrote {path}", 10000),
    )


def open_code_stats(window: MainWindow) -> CodeStatsDialog:
    stats, labels = project_stats(window.repo)
    dialog = CodeStatsDialog(stats, labels, window.dialogs.ask_save_path, window)
    dialog.show()
    return dialog
