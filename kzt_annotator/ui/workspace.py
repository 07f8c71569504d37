"""The annotation workspace: the open article, its marks, tagging, editing, undo.

Owns no widgets' layout; the main window hands it the reader, the annotation table and the
attribute editor, and connects their signals to its slots. Every edit is a core command pushed
on the QUndoStack, committed to the database at once. Tagging and the editor's form live in
workspace_editing.py, following change records in workspace_changes.py; both are mixed in here.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTableView

from kzt_annotator.core import stops
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.commands import Command, HistoryStore
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.lexer import CueScanner
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services import project as projects
from kzt_annotator.services.project import Project
from kzt_annotator.services.relations import relation_lines
from kzt_annotator.ui.annotation_loader import AnnotationLoader
from kzt_annotator.ui.annotation_table import ANNOTATION_ID_ROLE, AnnotationTableModel
from kzt_annotator.ui.attribute_editor import AttributeEditor
from kzt_annotator.ui.claim_actions import ClaimActions
from kzt_annotator.ui.completions import CompletionCache
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.reader import ReaderView
from kzt_annotator.ui.row_prefetch import RowPrefetcher
from kzt_annotator.ui.suggestion_loader import BACKGROUND_FROM, SuggestionLoader
from kzt_annotator.ui.undo import CoreUndoCommand
from kzt_annotator.ui.workspace_changes import ChangeFollowing
from kzt_annotator.ui.workspace_editing import Editing, shorten


class Workspace(Editing, ChangeFollowing, QObject):
    changed = Signal(object)  # Changes, after every committed edit (and undo/redo)
    message = Signal(str)  # status-bar text
    error = Signal(str)  # an edit was refused; nothing was written

    def __init__(
        self,
        repo: Project,
        reader: ReaderView,
        table: QTableView,
        editor: AttributeEditor,
        annotator: str,
        snap: bool = True,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.history = HistoryStore(repo)  # what undo and redo write through (versions chained)
        self.reader = reader
        self.table = table
        self.editor = editor
        self.annotator = annotator
        self.snap = snap
        self.undo_stack = QUndoStack(self)
        self.model = AnnotationTableModel()
        table.setModel(self.model)
        self.article: Article | None = None
        self.pending: tuple[str, int, int] | None = None
        self.editing: Annotation | None = None
        # (annotation id, undo index, suggestion) of a suggestion just accepted: Esc takes it back
        self.accepted_suggestion: tuple[str, int, Suggestion] | None = None
        self.selected_id: str | None = None
        self.codebook_names: list[str] = []
        self.show_suggestions = True
        self.hidden_annotators: set[str] = set()
        self._syncing = False
        self.completions = CompletionCache(repo)
        self.suggestion_loader = SuggestionLoader(self)
        self.suggestion_loader.arrived.connect(self._suggestions_arrived)
        self.annotation_loader = AnnotationLoader(self)
        self.annotation_loader.arrived.connect(self._annotations_arrived)
        self.prefetch = RowPrefetcher(reader, self.model, self)  # the rows on screen, fetched ahead
        self.suggestions: dict[str, Suggestion] = {}
        reader.markClicked.connect(self.select_annotation)
        editor.submitted.connect(self._on_submitted)
        editor.cancelled.connect(self._on_cancelled)
        table.selectionModel().currentRowChanged.connect(self._on_table_row)
        self.claim_actions = ClaimActions(self)  # the editor's claim-key proposals and tag-all

    # -- article ----------------------------------------------------------------------------
    def open_article(self, article_id: int | None) -> None:
        self.pending = None
        self.editing = None
        self.selected_id = None
        self.editor.set_idle()
        self.annotation_loader.cancel()
        self.suggestion_loader.cancel()
        if article_id is None:
            self.article = None
            self.model.set_annotations([])
            self.reader.show_article(None, None, [])
            return
        self.article = projects.article(self.repo, article_id)
        if len(self.article.text) >= BACKGROUND_FROM:  # paint the text now, its annotations next
            if self.show_suggestions:  # found while it paints and its annotations are read
                self.suggestion_loader.prepare(self.article)
            self._set_model([])
            self.suggestions = {}
            names = self.codebook_names + [a.outlet for a in [self.article] if a.outlet]
            self.reader.show_article(self.article, CueScanner(names), [])
            self.annotation_loader.load(self.repo, article_id, frozenset(self.hidden_annotators))
            return
        annotations = projects.annotation_rows(self.repo, article_id)
        self._set_model(annotations)
        spans = self.model.spans()
        self._load_suggestions(spans)
        names = self.codebook_names + [a.outlet for a in [self.article] if a.outlet]
        self.reader.show_article(self.article, CueScanner(names), self._marks(spans))

    def annotations(self) -> list[Annotation]:
        self.annotation_loader.finish()
        return self.model.annotations()

    def _load_suggestions(self, spans: list[tuple[int, int, Kind, str, str]]) -> None:
        """Suggestions for the open article; `spans` are its annotations' (see model.spans())."""
        self.suggestions = {}
        if not self.show_suggestions or self.article is None:
            self.suggestion_loader.cancel()
            return
        found = self.suggestion_loader.load(self.repo, self.article, [(a, b, k) for a, b, k, _i, _w in spans])
        if found is not None:
            self.suggestions = {s.key: s for s in found}

    def wait_for_background(self, ms: int = 30_000) -> None:
        self.annotation_loader.finish(ms)
        self.suggestion_loader.wait(ms)

    def busy(self) -> bool:
        """True while the open article's annotations, suggestions or rows on screen are being read."""
        return self.annotation_loader.busy or bool(self.suggestion_loader._jobs) or self.prefetch.busy

    def _marks(self, spans: list[tuple[int, int, Kind, str, str]] | None = None) -> list[Mark]:
        """The table's annotations (from their spans: no objects built) and the suggestions."""
        hidden = self.hidden_annotators
        marks = [
            Mark(*span) for span in (self.model.spans() if spans is None else spans) if span[4] not in hidden
        ]
        marks += [Mark(s.start, s.end, s.kind, s.key, suggestion=True) for s in self.suggestions.values()]
        return marks

    def set_hidden_annotators(self, hidden: set[str]) -> None:
        """Annotator layers: hide these annotators' annotations in the reader."""
        self.annotation_loader.finish()
        self.hidden_annotators = set(hidden)
        if self.article is not None:
            self.reader.highlighter.set_marks(self._marks())

    def set_show_suggestions(self, on: bool) -> None:
        self.show_suggestions = on
        self.reload_annotations()

    def push(self, command: Command) -> None:
        self.undo_stack.push(CoreUndoCommand(command, self.history, self._after_change, self.error.emit))

    # -- selection --------------------------------------------------------------------------
    def select_annotation(self, annotation_id: str, related: list[str] | None = None) -> None:
        """Select an annotation or a suggestion (by its key); `related`: its relation lines when
        the caller knows them (a span just tagged without links has none), else they are read."""
        self.annotation_loader.finish()
        self.selected_id = annotation_id
        self.reader.highlighter.set_selected(annotation_id)
        self._sync_table_selection()
        suggestion = self.suggestions.get(annotation_id)
        if suggestion is not None:
            self.message.emit(
                f"Suggested {str(suggestion.kind)}: “{shorten(suggestion.text, 60)}”"
                " - Enter accepts, Delete dismisses, ] next"
            )
            return
        annotation = self.selected_annotation()
        if annotation is not None:
            if related is None:
                related = relation_lines(self.repo, annotation.id, 30)
            self.message.emit(
                f"{annotation.kind} by {annotation.annotator}: “{shorten(annotation.text, 60)}”"
                + (f" ({'; '.join(related[:3])})" if related else "")
                + " - Enter edits, Delete removes"
            )

    def selected_annotation(self) -> Annotation | None:
        row = self.model.row_of(self.selected_id) if self.selected_id else -1
        return self.model.annotation_at(row)

    def _stops(self) -> list[stops.Stop]:
        """Annotations and suggestions in text order: what ] and [ step through."""
        found = [(start, end, ident) for start, end, _kind, ident, _who in self.model.spans()]  # no fetching
        found += [(s.start, s.end, s.key) for s in self.suggestions.values()]
        return sorted(found)

    def _neighbour_key(self, position: int) -> str | None:
        return stops.next_after(self._stops(), position)

    def step_annotation(self, delta: int) -> None:
        """Select the next (+1) or previous (-1) annotation or suggestion in text order."""
        self.annotation_loader.finish()
        found = stops.step(self._stops(), self.selected_id, self.reader.selection_span()[0], delta)
        if found is not None:
            self.select_annotation(found[2])
            self.reader.place_cursor(found[0])

    def _sync_table_selection(self) -> None:
        row = self.model.row_of(self.selected_id) if self.selected_id else -1
        selection = self.table.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        if selection.currentIndex().row() != row:
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _set_model(self, annotations: list[Annotation]) -> None:
        """Reset the table without its selection echoing back as a user's choice."""
        self._syncing = True
        try:
            self.model.set_annotations(annotations)
        finally:
            self._syncing = False
        self.prefetch.schedule(0)

    def _on_table_row(self, current, _previous) -> None:
        if self._syncing:
            return
        annotation_id = current.data(ANNOTATION_ID_ROLE) if current.isValid() else None
        if annotation_id and annotation_id != self.selected_id:
            self.select_annotation(annotation_id)
            annotation = self.selected_annotation()
            if annotation is not None:
                self.reader.place_cursor(annotation.start)

    # -- codebook and project --------------------------------------------------------------
    def set_codebook(self, book: Codebook) -> None:
        """A changed codebook: its names are cues, its entries completions (the open article too)."""
        self.codebook_names = book.names()
        self.completions.set_codebook(book)
        if self.article is not None:
            outlet = [self.article.outlet] if self.article.outlet else []
            names = self.codebook_names + outlet
            self.reader.highlighter.set_cue_scanner(CueScanner(names))
            self.reader.highlighter.rehighlight()

    def set_repository(self, repo: Project) -> None:
        self.repo = repo
        self.completions.reset(repo)
        self.undo_stack.clear()
        self.history = HistoryStore(repo)
        self.open_article(None)
