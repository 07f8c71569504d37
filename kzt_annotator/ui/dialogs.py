"""Every question the GUI asks the user, behind small methods that tests replace with a fake.

Files and folders are chosen through ui/file_dialogs.py, whose dialogs never open the files they
list (opening the project's file would drop its SQLite locks). Each dialog's module is imported
when it is first opened, not with the main window."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

ARTICLE_FILTER = "Articles and exports (*.txt *.md *.html *.htm *.docx *.rtf *.pdf);;All files (*)"
PROJECT_FILTER = "kzt-annotator projects (*.sqlite);;All files (*)"
What = Literal["OPEN", "OPEN_MANY", "SAVE", "FOLDER"]  # the names of file_dialogs.Choose


def choose(parent: QWidget, title: str, what: What, **options: Any) -> list[Path]:
    """ui/file_dialogs.choose, the dialogs' module imported now."""
    from kzt_annotator.ui import file_dialogs

    return file_dialogs.choose(parent, title, file_dialogs.Choose[what], **options)


def choose_one(parent: QWidget, title: str, what: What, **options: Any) -> Path | None:
    """ui/file_dialogs.choose_one, the dialogs' module imported now."""
    from kzt_annotator.ui import file_dialogs

    return file_dialogs.choose_one(parent, title, file_dialogs.Choose[what], **options)


class Dialogs:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_article_files(self) -> list[Path]:
        return choose(self.parent, "Import articles", "OPEN_MANY", file_filter=ARTICLE_FILTER)

    def ask_article_folder(self) -> Path | None:
        return choose_one(self.parent, "Import a folder of articles", "FOLDER")

    def ask_web_import(self):  # type: ignore[no-untyped-def]  # -> WebImportRequest | None
        from kzt_annotator.ui.web_import_dialog import WebImportDialog

        dialog = WebImportDialog(self.parent)
        return dialog.request() if dialog.exec() else None

    def ask_new_project(self) -> Path | None:
        return choose_one(
            self.parent, "New project", "SAVE", start="project.sqlite", file_filter=PROJECT_FILTER
        )

    def ask_open_project(self) -> Path | None:
        return choose_one(self.parent, "Open project", "OPEN", file_filter=PROJECT_FILTER)

    def ask_save_path(self, title: str, suggested: str, file_filter: str) -> Path | None:
        return choose_one(self.parent, title, "SAVE", start=suggested, file_filter=file_filter)

    def ask_open_file(self, title: str, file_filter: str) -> Path | None:
        return choose_one(self.parent, title, "OPEN", file_filter=file_filter)

    def ask_existing_folder(self, title: str) -> Path | None:
        return choose_one(self.parent, title, "FOLDER")

    def ask_annotation_file(self) -> Path | None:
        return choose_one(
            self.parent,
            "Import annotations",
            "OPEN",
            file_filter="Annotations (*.csv *.json *.jsonld *.ann);;All files (*)",
        )

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

    def ask_yes_no(self, title: str, question: str) -> bool:
        """Whether the user answers Yes (No is the default button)."""
        answer = QMessageBox.question(
            self.parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.parent, title, message)

    def show_info(self, title: str, message: str) -> None:
        QMessageBox.information(self.parent, title, message)
