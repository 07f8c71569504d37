"""The main window: article list, reader, annotation dock; menus, project and import handling."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator import APP_NAME
from kzt_annotator.core.changes import Changes
from kzt_annotator.services import suggestion_process
from kzt_annotator.services.project import Project, count_articles, project_name, schema, variable_names
from kzt_annotator.settings import Settings, config_dir, save_settings
from kzt_annotator.ui import colours
from kzt_annotator.ui.actions import build_actions
from kzt_annotator.ui.article_list import ARTICLE_ID_ROLE, ArticleFilterProxy, ArticleListModel
from kzt_annotator.ui.attribute_editor import AttributeEditor
from kzt_annotator.ui.dialogs import Dialogs
from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel
from kzt_annotator.ui.reader import ReaderView
from kzt_annotator.ui.resources import app_icon
from kzt_annotator.ui.review_panel import ReviewPanel
from kzt_annotator.ui.welcome import WelcomePage
from kzt_annotator.ui.window_changes import ChangeActions, CodebookFollower, CurationFollower, ReviewSource
from kzt_annotator.ui.window_codebook import CodebookActions
from kzt_annotator.ui.window_curation import CurationActions
from kzt_annotator.ui.window_import import ImportActions
from kzt_annotator.ui.window_metadata import MetadataActions
from kzt_annotator.ui.window_project import ProjectActions
from kzt_annotator.ui.window_review import ReviewActions
from kzt_annotator.ui.worker import BackgroundJob, LatestLoader
from kzt_annotator.ui.workspace import Workspace

if TYPE_CHECKING:
    from kzt_annotator.services.importing import ImportReport
    from kzt_annotator.ui.search_dialog import SearchDialog

# seconds a thread holding the interpreter lock runs before a waiting thread may take it (CPython's
# default is 0.005; see MainWindow.__init__ for why the GUI needs less)
GUI_SWITCH_INTERVAL = 0.0005
_DEFAULT_SWITCH_INTERVAL = sys.getswitchinterval()

POLL_MS = 5000  # how often to look for changes made by other clients
# A project with more articles than this opens with its list read off the GUI thread (10,000
# summaries take 0.3-0.8 s to read and hold them twice while the first refresh reads them again).
LIST_AT_ONCE = 2000


class MainWindow(
    ProjectActions,
    ImportActions,
    ReviewActions,
    CurationActions,
    CodebookActions,
    MetadataActions,
    ChangeActions,
    QMainWindow,
):
    def __init__(
        self, repo: Project, settings: Settings, annotator: str, dialogs: Dialogs | None = None
    ) -> None:
        super().__init__()
        self.repo = repo
        self.settings = settings
        self.dialogs = dialogs or Dialogs(self)
        self.setWindowIcon(app_icon())
        self.resize(1280, 800)
        self.job: BackgroundJob | None = None
        self.last_import: ImportReport | None = None

        # Article list (left dock)
        self.article_model = ArticleListModel(schema(repo), self.article_rows, self.article_tip)
        self.article_model.reloaded.connect(self._articles_reloaded)
        colours.use_schema(schema(repo))
        self.article_proxy = ArticleFilterProxy()
        self.article_proxy.setSourceModel(self.article_model)
        self.article_view = QTableView()
        self.article_view.setModel(self.article_proxy)
        self.article_view.setSortingEnabled(True)
        self.article_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt's header starts descending
        self.article_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.article_view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.article_view.verticalHeader().hide()
        self.article_view.horizontalHeader().setStretchLastSection(False)
        self.article_view.setColumnWidth(0, 230)
        self.article_view.setAccessibleName("Articles")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by title, outlet or variable value")
        self.filter_edit.setAccessibleName("Filter articles")
        self.filter_edit.textChanged.connect(self.article_proxy.setFilterFixedString)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.article_view)
        self.articles_dock = self._dock("Articles", left, Qt.DockWidgetArea.LeftDockWidgetArea)

        # Reader (centre) or welcome page
        self.reader = ReaderView()
        self.welcome = WelcomePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.reader)
        self.setCentralWidget(self.stack)

        # Annotations and attribute editor (right dock)
        self.annotation_view = QTableView()
        self.annotation_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.annotation_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.annotation_view.verticalHeader().hide()
        self.annotation_view.setAccessibleName("Annotations of this article")
        self.annotation_view.setWordWrap(True)
        self.annotation_view.horizontalHeader().setStretchLastSection(True)
        self.editor = AttributeEditor()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.annotation_view)
        # In a scroll area: a long form scrolls, and the editor's changes of size on every tag
        # stop there instead of laying out the whole window again (about 15 ms each time).
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        right.addWidget(editor_scroll)
        self.annotations_dock = self._dock("Annotations", right, Qt.DockWidgetArea.RightDockWidgetArea)

        self.discrepancy_panel = DiscrepancyPanel(repo, settings.qualifier_rules)
        self.discrepancy_panel.jumpRequested.connect(self.jump_to_span)
        self.discrepancy_dock = self._dock(
            "Discrepancies", self.discrepancy_panel, Qt.DockWidgetArea.BottomDockWidgetArea
        )

        self.review_panel = ReviewPanel(ReviewSource(self))
        self.review_dock = self._dock("Review", self.review_panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.discrepancy_dock, self.review_dock)
        self.build_codebook_dock()
        self.tabifyDockWidget(self.discrepancy_dock, self.codebook_dock)
        self.discrepancy_dock.raise_()

        self.workspace = Workspace(
            repo, self.reader, self.annotation_view, self.editor, annotator, snap=settings.snap_to_words
        )
        self.workspace.changed.connect(self.on_changes)
        self.workspace.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.workspace.error.connect(lambda text: self.dialogs.show_error("Not saved", text))
        self.reader.highlighter.enabled_cues = {k for k, on in settings.cues.items() if on}
        self.review_panel.decided.connect(self.review_decision)
        self.review_panel.current.connect(lambda a: self.jump_to_span(a.article_id, a.start, a.end, a.id))
        self.review_panel.layersChanged.connect(self.workspace.set_hidden_annotators)
        self.review_panel.filtersChanged.connect(self.refresh_review)
        # Every change record reaches these through on_changes (window_changes.py), the codebook
        # first: the article list names outlets through it.
        self.panels = [
            CodebookFollower(self),
            self.article_model,
            self.discrepancy_panel,
            self.review_panel,
            CurationFollower(self),
        ]
        self._marker = None
        self._remembering = False
        self._pending = Changes()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.dispatch_changes)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.poll_outside_changes)
        self._marker_loader = LatestLoader(self)
        self.poll.start()
        self.reader.highlighter.colour_by = settings.colour_by

        # Status bar: who is annotating, and the save state
        self.annotator_button = QToolButton()
        self.annotator_button.setAccessibleName("Current annotator")
        self.annotator_button.clicked.connect(self.switch_annotator)
        self.save_state = QLabel("All changes saved")
        self.statusBar().addPermanentWidget(self.save_state)
        self.statusBar().addPermanentWidget(self.annotator_button)
        self._show_annotator()

        self.actions_by_name: dict[str, QAction] = build_actions(self)
        # Tab and Shift+Tab move between panels: no table keeps Tab to itself, nor the reader.
        for view in self.findChildren(QAbstractItemView):
            view.setTabKeyNavigation(False)
        self.reader.setTabChangesFocus(True)
        self.article_view.selectionModel().currentRowChanged.connect(self._on_article_row)
        self.welcome.importFiles.connect(self.import_files)
        self.welcome.importFolder.connect(self.import_folder)
        self.welcome.trySamples.connect(self.import_samples)
        self.resizeDocks([self.articles_dock, self.annotations_dock], [360, 440], Qt.Orientation.Horizontal)
        self.resizeDocks([self.discrepancy_dock], [260], Qt.Orientation.Vertical)
        self._restore_state()
        self.refresh_codebook()
        self.discrepancy_panel.set_variables(variable_names(repo))
        if count_articles(repo) <= LIST_AT_ONCE:
            self.refresh_articles()
        else:  # the first dispatch below reads the list off the GUI thread, once
            self.stack.setCurrentWidget(self.reader)
        self._update_title()
        # The panels summarise the whole project: fill them once the window is up.
        self._panels_filled = False
        self._refresh_timer.start()
        # What start-up built lives as long as the window: keep it out of the full garbage
        # collections that opening long articles sets off (over ~200,000 objects, each one would
        # stop the GUI thread for 100-200 ms). closeEvent hands it back to the collector.
        gc.freeze()
        # Worker threads (suggestions, panel reads) run Python while the GUI thread paints, and
        # every Python call a paint makes (highlightBlock, a model's data()) waits for the
        # interpreter lock up to the switch interval: at CPython's 5 ms a paint of the long
        # article took about 500 ms, at 0.5 ms about 110 ms (benchmarks/gui.py, longest task).
        sys.setswitchinterval(GUI_SWITCH_INTERVAL)

    # -- layout helpers ---------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _window_settings(self) -> QSettings:
        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_state(self) -> None:
        stored = self._window_settings()
        geometry, state = stored.value("geometry"), stored.value("state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        stored = self._window_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("state", self.saveState())
        stored.sync()
        self.poll.stop()  # a closed window looks for no more changes (tests and benchmarks open many)
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        self.workspace.wait_for_background()
        self.workspace.prefetch.stop()  # its timer would start a read after the window is gone
        suggestion_process.shutdown()
        self.wait_for_readers()
        gc.unfreeze()
        sys.setswitchinterval(_DEFAULT_SWITCH_INTERVAL)
        super().closeEvent(event)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{project_name(self.repo)} — {APP_NAME}")

    def _show_annotator(self) -> None:
        self.annotator_button.setText(f"Annotator: {self.workspace.annotator}")

    # -- articles ---------------------------------------------------------------------------
    def open_article(self, article_id: int) -> None:
        self._select_article_row(article_id)
        if self.workspace.article is None or self.workspace.article.id != article_id:
            self.workspace.open_article(article_id)
        self.stack.setCurrentWidget(self.reader)

    def _select_article_row(self, article_id: int) -> None:
        row = self.article_model.row_of(article_id)
        if row < 0:
            return
        proxy_index = self.article_proxy.mapFromSource(self.article_model.index(row, 0))
        if proxy_index.isValid() and self.article_view.currentIndex().row() != proxy_index.row():
            self.article_view.setCurrentIndex(proxy_index)

    def _on_article_row(self, current, _previous) -> None:
        article_id = current.data(ARTICLE_ID_ROLE) if current.isValid() else None
        if article_id is not None and (
            self.workspace.article is None or self.workspace.article.id != article_id
        ):
            self.workspace.open_article(int(article_id))
            self.stack.setCurrentWidget(self.reader)

    def step_article(self, delta: int) -> None:
        count = self.article_proxy.rowCount()
        if count == 0:
            return
        row = self.article_view.currentIndex().row()
        row = 0 if row < 0 else (row + delta) % count
        self.article_view.setCurrentIndex(self.article_proxy.index(row, 0))
        self.reader.setFocus()

    # -- tagging (actions call these) -------------------------------------------------------
    def tag(self, kind: str) -> None:
        self.workspace.tag(kind)

    # -- search and cues --------------------------------------------------------------------
    def open_search(self) -> SearchDialog:
        from kzt_annotator.ui.search_dialog import SearchDialog  # loaded when first opened

        dialog = SearchDialog(self.repo, self)
        dialog.hitActivated.connect(self.jump_to)
        dialog.show()
        dialog.query.setFocus()
        return dialog

    def jump_to_span(self, article_id: int, start: int, end: int, annotation_id: str) -> None:
        self.open_article(article_id)
        self.workspace.select_annotation(annotation_id)
        self.reader.select_span(start, end)

    def jump_to(self, hit) -> None:
        self.open_article(hit.article_id)
        self.reader.select_span(hit.start, hit.end)
        if hit.annotation_id:
            self.workspace.select_annotation(hit.annotation_id)
        self.reader.setFocus()

    def set_cue(self, kind: str, enabled: bool) -> None:
        cues = self.reader.highlighter.enabled_cues
        cues.add(kind) if enabled else cues.discard(kind)
        self.settings.cues[kind] = enabled
        save_settings(self.settings)
        self.reader.highlighter.rehighlight()

    def set_colour_by(self, mode: str) -> None:
        self.reader.highlighter.set_colour_by(mode)
        self.settings.colour_by = mode
        save_settings(self.settings)
