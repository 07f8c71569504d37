"""Every question the GUI asks the user, behind small methods that tests replace with a fake."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

ARTICLE_FILTER = "Articles and exports (*.txt *.md *.html *.htm *.docx *.rtf *.pdf);;All files (*)"
PROJECT_FILTER = "kzt-annotator projects (*.sqlite);;All files (*)"


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_article_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, "Import articles", "", ARTICLE_FILTER)
        return [Path(n) for n in names]

    def ask_article_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, "Import a folder of articles")
        return Path(name) if name else None

    def ask_web_import(self):  # type: ignore[no-untyped-def]  # -> WebImportRequest | None
        from kzt_annotator.ui.web_import_dialog import WebImportDialog

        dialog = WebImportDialog(self.parent)
        return dialog.request() if dialog.exec() else None

    def ask_new_project(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, "New project", "project.sqlite", PROJECT_FILTER)
        return Path(name) if name else None

    def ask_open_project(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open project", "", PROJECT_FILTER)
        return Path(name) if name else None

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(name) if name else None

    def ask_open_file(self, title: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, "", file_filter)
        return Path(name) if name else None

    def ask_existing_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, title)
        return Path(name) if name else None

    def ask_annotation_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, "Import annotations", "", "Annotations (*.csv *.json *.jsonld *.ann);;All files (*)"
        )
        return Path(name) if name else None

    def ask_export_options(self, fmt: str, annotators: list[str], article: tuple[int, str] | None):
        from kzt_annotator.ui.export_dialog import ExportDialog

        dialog = ExportDialog(fmt, annotators, article, self.parent)
        return dialog.options() if dialog.exec() else None

    def ask_annotator(self, current: str) -> str | None:
        name, ok = QInputDialog.getText(
            self.parent,
            "Who is annotating?",
            "Your name, as it will appear on your annotations:",
            text=current,
        )
        return name.strip() if ok and name.strip() else None

    def ask_preferences(self, settings):
        from kzt_annotator.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(settings, self.parent)
        return dialog.result_settings() if dialog.exec() else None

    def ask_choice(self, title: str, label: str, choices: list[str]) -> int | None:
        """Index of the chosen item, or None."""
        item, ok = QInputDialog.getItem(self.parent, title, label, choices, 0, False)
        return choices.index(item) if ok and item in choices else None

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def show_info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)
