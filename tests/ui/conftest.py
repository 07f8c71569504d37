from __future__ import annotations

import pytest

from kzt_annotator.settings import Settings


class FakeDialogs:
    """Answers the window's questions without a screen (see ui/dialogs.py)."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.files: list = []
        self.folder = None
        self.project = None
        self.annotator: str | None = None
        self.save_path = None
        self.annotation_file = None
        self.export_options = None

    def ask_save_path(self, title, suggested, file_filter):
        return self.save_path

    def ask_existing_folder(self, title):
        return self.folder

    def ask_annotation_file(self):
        return self.annotation_file

    open_file = None

    def ask_open_file(self, title, file_filter):
        return self.open_file

    def ask_export_options(self, fmt, annotators, article):
        from kzt_annotator.services.exporting import ExportFilter
        from kzt_annotator.ui.export_dialog import ExportOptions

        return self.export_options or ExportOptions(ExportFilter())

    def ask_article_files(self):
        return self.files

    def ask_article_folder(self):
        return self.folder

    web_request = None

    def ask_web_import(self):
        return self.web_request

    def ask_new_project(self):
        return self.project

    def ask_open_project(self):
        return self.project

    choice = 0

    def ask_choice(self, title, label, choices):
        self.choices = choices
        return self.choice

    def ask_annotator(self, current):
        return self.annotator

    yes = True

    def ask_yes_no(self, title, question):
        self.questions = [*getattr(self, "questions", []), (title, question)]
        return self.yes

    def show_error(self, title, message):
        self.errors.append((title, message))

    def show_info(self, title, message):
        self.infos.append((title, message))


@pytest.fixture
def dialogs():
    return FakeDialogs()


@pytest.fixture
def make_window(qtbot, dialogs):
    from kzt_annotator.ui.main_window import MainWindow

    made = []

    def make(repo, annotator="tester", settings=None):
        window = MainWindow(repo, settings or Settings(annotator=annotator), annotator, dialogs=dialogs)
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
