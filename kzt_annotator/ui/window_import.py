"""Main-window actions that bring articles in: files, a folder, the samples, web pages and feeds.

Each import runs on a worker thread (ui/worker.py BackgroundJob) behind a progress dialog with
Cancel; the service's report then goes through the window's one change path (`on_changes`), opens
the first new article and says what was imported, duplicate or refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QProgressDialog

from kzt_annotator.ui.resources import sample_articles_dir
from kzt_annotator.ui.worker import BackgroundJob

if TYPE_CHECKING:
    from kzt_annotator.services.importing import ImportReport
    from kzt_annotator.ui.web_import_dialog import WebImportRequest


class ImportActions:
    """Mixed into MainWindow; uses its repo, settings, dialogs, status bar and `job` (the running
    import, cancelled when the window closes)."""

    def import_files(self) -> None:
        paths = self.dialogs.ask_article_files()
        if paths:
            self.start_import(paths)

    def import_folder(self) -> None:
        folder = self.dialogs.ask_article_folder()
        if folder:
            self.start_import([folder])

    def import_samples(self) -> None:
        self.start_import([sample_articles_dir()])

    def import_web(self) -> None:
        request = self.dialogs.ask_web_import()
        if request is not None:
            self.start_web_import(request)

    def start_import(self, paths: list[Path]) -> BackgroundJob:
        """Import on a worker thread with a progress dialog and cancel. The folders' files of
        unsupported types are counted there too (by name only), for the result message."""
        from kzt_annotator.services.import_leftovers import scan_folders
        from kzt_annotator.services.importing import import_paths  # file readers load when used

        repo = self.repo
        left_out: list[str] = []  # written by the worker before it reports, read once it has

        def work(report, cancelled):  # noqa: ANN001, ANN202
            left_out.append(scan_folders(paths).left_out())
            return import_paths(
                repo, paths, progress=report, cancelled=cancelled, backup_keep=self.settings.backup_keep
            )

        return self.run_import_job(work, left_out=left_out)

    def start_web_import(self, request: WebImportRequest) -> BackgroundJob:
        """Fetch pages, or a feed's new items, on a worker thread like a file import."""
        from kzt_annotator.services.web_import import import_feed, import_urls

        repo = self.repo
        if request.feed:
            return self.run_import_job(
                lambda report, cancelled: import_feed(
                    repo, request.urls[0], timeout=request.timeout, progress=report, cancelled=cancelled
                ),
                "Fetching",
            )
        return self.run_import_job(
            lambda report, cancelled: import_urls(
                repo, request.urls, timeout=request.timeout, progress=report, cancelled=cancelled
            ),
            "Fetching",
        )

    def run_import_job(
        self, work, verb: str = "Importing", left_out: list[str] | None = None
    ) -> BackgroundJob:  # type: ignore[no-untyped-def]
        """Run `work(report, cancelled) -> ImportReport` on a worker thread with progress and Cancel.
        `left_out`: where `work` puts the line naming the files it left out by type ('' if none)."""
        progress = QProgressDialog(f"{verb} articles…", "Cancel", 0, 0, self)
        progress.setWindowTitle("Import")
        progress.setMinimumDuration(300)
        job = BackgroundJob(work)
        job.progressed.connect(
            lambda i, n, name: (
                progress.setMaximum(n),
                progress.setValue(i),
                progress.setLabelText(f"{verb} {name}…"),
            )
        )
        progress.canceled.connect(job.cancel)
        job.finished.connect(
            lambda report: (_dismiss(progress), self._import_done(report, "".join(left_out or [])))
        )
        job.failed.connect(
            lambda message: (_dismiss(progress), self.dialogs.show_error("Import failed", message))
        )
        self.job = job
        job.start()
        return job

    def _import_done(self, report: ImportReport, left_out: str = "") -> None:
        self.job = None
        self.last_import = report
        self.on_changes(report.changes)
        if report.imported:
            self.open_article(report.imported[0].id)
        lines = [
            f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, "
            f"{len(report.failed)} failed" + (" (cancelled: nothing was written)" if report.cancelled else "")
        ]
        if getattr(report, "already_seen", 0):
            lines[0] += f"; {report.already_seen} feed item(s) imported before were skipped"
        if left_out and not report.cancelled:  # e.g. "2 file(s) of unsupported types left out: .csv, .png"
            lines[0] += f"; {left_out}"
        notes = report.failed + list(getattr(report, "skipped", [])) + list(getattr(report, "warnings", []))
        lines += [f"• {f.path if '://' in f.path else Path(f.path).name}: {f.reason}" for f in notes[:20]]
        self.statusBar().showMessage(lines[0], 10000)
        if notes:
            self.dialogs.show_error("Some files were not imported", "\n".join(lines))
        elif left_out and not report.cancelled:  # a status-bar line alone is easy to miss
            self.dialogs.show_info("Import", "\n".join(lines))


def _dismiss(progress: QProgressDialog) -> None:
    """close() alone leaves the show-after-delay timer running; reset() stops it."""
    progress.reset()
    progress.hide()
    progress.deleteLater()
