"""File → Export and File → Import annotations: dialogs, then the services on a worker thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QProgressDialog

from kzt_annotator.core.errors import KztError
from kzt_annotator.io.atomic import safe_filename
from kzt_annotator.services import exporting
from kzt_annotator.services.annotation_import import ImportRefused, import_annotations
from kzt_annotator.services.project import annotator_names
from kzt_annotator.ui.worker import BackgroundJob

if TYPE_CHECKING:
    from kzt_annotator.ui.main_window import MainWindow

FORMATS = {
    "csv": ("CSV", "annotations.csv", "CSV (*.csv)"),
    "jsonld": ("W3C JSON-LD", "annotations.jsonld", "JSON-LD (*.jsonld *.json)"),
    "bundle": ("bundle", "bundle.json", "kzt-annotator bundle (*.json)"),
    "brat": ("brat", "", ""),
    "html": ("HTML report", "report.html", "HTML (*.html)"),
}


def run_job(window: MainWindow, label: str, job_fn, on_done) -> BackgroundJob:
    progress = QProgressDialog(label, "Cancel", 0, 0, window)
    progress.setMinimumDuration(300)
    job = BackgroundJob(job_fn, window)
    job.progressed.connect(lambda i, n, _name: (progress.setMaximum(n), progress.setValue(i)))
    progress.canceled.connect(job.cancel)

    def finish(result: object) -> None:
        _close(progress)
        window.job = None
        on_done(result)

    def fail(message: str) -> None:
        _close(progress)
        window.job = None
        window.dialogs.show_error(label.rstrip("…"), message)

    job.finished.connect(finish)
    job.failed.connect(fail)
    window.job = job
    job.start()
    return job


def _close(progress: QProgressDialog) -> None:
    progress.reset()
    progress.hide()
    progress.deleteLater()


def export(window: MainWindow, fmt: str) -> BackgroundJob | None:
    name, suggested, file_filter = FORMATS[fmt]
    repo = window.repo
    article = window.workspace.article
    if fmt == "html":
        if article is None:
            window.dialogs.show_error("Export HTML report", "Open an article first.")
            return None
        path = window.dialogs.ask_save_path(
            "HTML report", f"{safe_filename(article.title)}.html", file_filter
        )
        if path is None:
            return None
        return run_job(
            window,
            "Writing the report…",
            lambda _p, _c: exporting.export_html(repo, str(article.id), path),
            lambda _r: window.statusBar().showMessage(f"Wrote {path}", 8000),
        )
    options = window.dialogs.ask_export_options(
        name, annotator_names(repo), (article.id, article.title) if article else None
    )
    if options is None:
        return None
    path = (
        window.dialogs.ask_existing_folder("Export brat into folder")
        if fmt == "brat"
        else window.dialogs.ask_save_path(f"Export {name}", suggested, file_filter)
    )
    if path is None:
        return None

    def job(progress, cancelled):
        if fmt == "csv":
            return exporting.export_csv(
                repo,
                path,
                options.filter,
                bom=options.bom,
                raw=options.raw,
                progress=progress,
                cancelled=cancelled,
            )
        if fmt == "jsonld":
            return exporting.export_jsonld(repo, path, options.filter, progress=progress, cancelled=cancelled)
        if fmt == "bundle":
            return exporting.export_bundle(repo, path, options.filter)
        return exporting.export_brat(repo, path, options.filter)

    return run_job(
        window,
        f"Exporting {name}…",
        job,
        lambda n: window.statusBar().showMessage(f"Exported {n} annotation(s) to {path}", 8000),
    )


def import_file(window: MainWindow) -> BackgroundJob | None:
    path = window.dialogs.ask_annotation_file()
    if path is None:
        return None
    repo = window.repo

    def job(_progress, _cancelled):
        try:
            return import_annotations(repo, Path(path))
        except ImportRefused as exc:
            return exc.report
        except KztError as exc:
            raise RuntimeError(str(exc)) from exc

    def done(report) -> None:
        window.broadcast(report.changes)  # the open article too
        text = report.summary()
        if report.refused:
            details = "\n".join(f"• {where}: {why}" for where, why in report.refused[:15])
            window.dialogs.show_error(
                "Annotations not imported", f"Nothing was imported: {text}\n\n{details}"
            )
        else:
            window.statusBar().showMessage(text, 10000)

    return run_job(window, "Importing annotations…", job, done)
