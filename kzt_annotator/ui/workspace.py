"""The annotation workspace: the open article, its marks, tagging, editing, undo.

Owns no widgets' layout; the main window hands it the reader, the annotation table and the
attribute editor, and connects their signals to its slots. Every edit is a core command pushed
on the QUndoStack, committed to the database at once.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTableView

from kzt_annotator.core import stops
from kzt_annotator.core.attributes import attributes_from_strings, attributes_to_strings
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.commands import (
    Command,
    CreateAnnotation,
    DeleteAnnotation,
    DismissSuggestion,
    EditAnnotation,
)
from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.lexer import CueScanner
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.core.spans import snap_to_words
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services.annotating import check_may_edit, new_annotation
from kzt_annotator.services.figures import similar_quantity_key
from kzt_annotator.services.project import Project
from kzt_annotator.services.relations import relate_command, relation_lines
from kzt_annotator.ui.annotation_loader import AnnotationLoader
from kzt_annotator.ui.annotation_table import ANNOTATION_ID_ROLE, AnnotationTableModel
from kzt_annotator.ui.attribute_editor import AttributeEditor
from kzt_annotator.ui.claim_actions import ClaimActions
from kzt_annotator.ui.completions import CompletionCache, figure_prefill, with_source_before
from kzt_annotator.ui.highlighter import Mark
from kzt_annotator.ui.reader import ReaderView
from kzt_annotator.ui.suggestion_loader import BACKGROUND_FROM, SuggestionLoader
from kzt_annotator.ui.undo import CoreUndoCommand
from kzt_annotator.ui.workspace_changes import ChangeFollowing


class Workspace(ChangeFollowing, QObject):
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
        self.article = self.repo.article(article_id)
        if len(self.article.text) >= BACKGROUND_FROM:  # paint the text now, its annotations next
            self._set_model([])
            self.suggestions = {}
            names = self.codebook_names + [a.outlet for a in [self.article] if a.outlet]
            self.reader.show_article(self.article, CueScanner(names), [])
            self.annotation_loader.load(self.repo, article_id, frozenset(self.hidden_annotators))
            if self.show_suggestions:  # found while the annotations are read, filtered when they come
                self.suggestion_loader.prepare(self.article)
            return
        annotations = self.repo.article_annotations(article_id)
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
        """True while the open article's annotations or suggestions are being read (benchmarks)."""
        return self.annotation_loader.busy or bool(self.suggestion_loader._jobs)

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

    # -- tagging ----------------------------------------------------------------------------
    def tag(self, kind: str) -> bool:
        """Start tagging the reader's selection as `kind`; opens the editor. False if no selection."""
        self.annotation_loader.finish()
        if self.article is None:
            return False
        start, end = self.reader.selection_span()
        if self.snap:
            start, end = snap_to_words(self.article.text, start, end)
        if start >= end:
            self.message.emit("Select some text first, then press 1, 2 or 3.")
            return False
        self.reader.select_span(start, end, scroll=False)
        self.pending = (kind, start, end)
        self.editing = None
        text = self.article.text[start:end]
        values = figure_prefill(text, self.article.language) if kind == Kind.FIGURE else {}
        if kind == Kind.FIGURE:
            values = self._with_source(values, start)
        self.editor.open_for(
            self.repo.schema().kind(kind),
            f"New {kind}: “{_short(text)}”",
            values,
            claims=self._claims() if kind == Kind.ATTRIBUTION else None,
            completions=self._completions(),
        )
        return True

    def edit_selected(self) -> bool:
        """Enter: edit the selected annotation, or accept the selected suggestion."""
        self.annotation_loader.finish()
        suggestion = self.suggestions.get(self.selected_id or "")
        if suggestion is not None:
            return self.accept_suggestion(suggestion)
        annotation = self.selected_annotation()
        if annotation is None:
            return False
        if self._refused(annotation):
            return True
        self.pending = None
        self.editing = annotation
        schema = self.repo.schema()
        self.editor.open_for(
            schema.kind(annotation.kind),
            f"Edit {str(annotation.kind)}: “{_short(annotation.text)}”",
            attributes_to_strings(annotation.attributes, schema),
            annotation.note,
            list(annotation.linked_ids),
            claims=self._claims(exclude=annotation.id),
            completions=self._completions(),
            relations=relation_lines(self.repo, annotation.id),
            relation_choices=self._relation_choices(annotation.kind, annotation.start, annotation.id),
        )
        return True

    def _refused(self, annotation: Annotation) -> bool:
        """Say so and return True when this annotator may not change `annotation` (core.curation)."""
        try:
            check_may_edit(self.repo, annotation, self.annotator)
        except KztError as exc:
            self.error.emit(str(exc))
            return True
        return False

    def accept_suggestion(self, suggestion: Suggestion) -> bool:
        """Turn a suggestion into a real annotation and open it in the editor."""
        self.annotation_loader.finish()
        if self.article is None:
            return False
        attributes = suggestion.attributes
        if suggestion.kind == Kind.FIGURE and not getattr(attributes, "figure_source", None):
            source = self._with_source({}, suggestion.start).get("figure_source")
            attributes = replace(attributes, figure_source=source) if source else attributes
        annotation = new_annotation(
            self.article,
            suggestion.kind,
            suggestion.start,
            suggestion.end,
            self.annotator,
            attributes,
        )
        self.push(CreateAnnotation(annotation))
        self.select_annotation(annotation.id)
        opened = self.edit_selected()
        # Esc now takes the suggestion back (undoes the accept); saving keeps it.
        self.accepted_suggestion = (annotation.id, self.undo_stack.index(), suggestion)
        return opened

    def delete_selected(self) -> bool:
        """Delete: remove the selected annotation, or dismiss the selected suggestion."""
        self.annotation_loader.finish()
        suggestion = self.suggestions.get(self.selected_id or "")
        if suggestion is not None and self.article is not None:
            following = self._neighbour_key(suggestion.start)
            self.push(
                DismissSuggestion(
                    self.article.id,
                    str(suggestion.kind),
                    suggestion.start,
                    suggestion.end,
                    suggestion.text,
                    self.annotator,
                )
            )
            if following:
                self.select_annotation(following)
            return True
        annotation = self.selected_annotation()
        if annotation is None:
            return False
        if self._refused(annotation):
            return True
        self.push(DeleteAnnotation(annotation))
        self.editor.set_idle()
        return True

    def _on_submitted(self, values: dict, note: str, links: list) -> None:
        if self.article is None:
            return
        raw = values.get("quantity", "").strip()
        similar = similar_quantity_key(raw, self._completions()["quantity"]) if raw else None
        if raw:  # stored as typed, in key form; a similar key is only proposed
            values = dict(values, quantity=normalise_key(raw))
        if similar:
            self.message.emit(f"Quantity “{raw}” kept as typed; a similar key exists: “{similar}”")
        relate_to = self.editor.relation_choice()
        try:
            if self.pending is not None:
                kind, start, end = self.pending
                annotation = new_annotation(
                    self.article,
                    kind,
                    start,
                    end,
                    self.annotator,
                    values,
                    note,
                    tuple(links),
                    schema=self.repo.schema(),
                )
                self.pending = None
                # Drawn selected as it is drawn at all: its paragraph is highlighted once, not twice.
                self.reader.highlighter.set_selected(annotation.id)
                self.push(CreateAnnotation(annotation))
                self.select_annotation(annotation.id, related=None if links else [])
            elif self.editing is not None:
                current = self.repo.annotation(self.editing.id)
                # The editor offers one supported claim (the first); any further links stay.
                kept = current.linked_ids[1:] if current.kind == Kind.ATTRIBUTION else current.linked_ids
                after = replace(
                    current,
                    attributes=attributes_from_strings(current.kind, values, self.repo.schema()),
                    note=note,
                    linked_ids=tuple(dict.fromkeys([*links, *kept])),
                )
                self.editing = None
                self.push(EditAnnotation(current, after))
                if relate_to is not None:  # its own undo step
                    self.push(
                        relate_command(self.repo, current.id, relate_to[1], relate_to[0], self.annotator)
                    )
        except KztError as exc:
            self.error.emit(str(exc))
            return
        self.accepted_suggestion = None
        self.editor.set_idle("Saved. Select text and press 1, 2 or 3 to tag more.")
        self.reader.setFocus()

    def _on_cancelled(self) -> None:
        accepted, self.accepted_suggestion = self.accepted_suggestion, None
        if (
            accepted is not None
            and self.editing is not None
            and self.editing.id == accepted[0]
            and self.undo_stack.index() == accepted[1]
        ):
            self.undo_stack.undo()  # nothing of it stays stored; the suggestion is offered again
            suggestion = accepted[2]
            self.suggestions[suggestion.key] = suggestion
            self.reader.highlighter.set_marks(self._marks(), [(suggestion.start, suggestion.end)])
            self.select_annotation(suggestion.key)
            self.message.emit("Suggestion taken back")
        self.pending = None
        self.editing = None
        self.editor.set_idle()
        self.reader.setFocus()

    def push(self, command: Command) -> None:
        self.undo_stack.push(CoreUndoCommand(command, self.repo, self._after_change, self.error.emit))

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
                f"Suggested {str(suggestion.kind)}: “{_short(suggestion.text, 60)}”"
                " - Enter accepts, Delete dismisses, ] next"
            )
            return
        annotation = self.selected_annotation()
        if annotation is not None:
            if related is None:
                related = relation_lines(self.repo, annotation.id, 30)
            self.message.emit(
                f"{annotation.kind} by {annotation.annotator}: “{_short(annotation.text, 60)}”"
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

    def _on_table_row(self, current, _previous) -> None:
        if self._syncing:
            return
        annotation_id = current.data(ANNOTATION_ID_ROLE) if current.isValid() else None
        if annotation_id and annotation_id != self.selected_id:
            self.select_annotation(annotation_id)
            annotation = self.selected_annotation()
            if annotation is not None:
                self.reader.place_cursor(annotation.start)

    # -- helpers ----------------------------------------------------------------------------
    def _claims(self, exclude: str | None = None) -> list[tuple[str, str]]:
        rows = [
            i for i, span in enumerate(self.model.spans()) if span[2] == Kind.CLAIM and span[3] != exclude
        ]
        claims = [self.model.annotation_at(i) for i in rows]  # only the claims' rows are fetched
        return [(a.id, f"“{_short(a.text, 50)}”") for a in claims if a is not None]

    def _with_source(self, values: dict[str, str], position: int) -> dict[str, str]:
        return with_source_before(values, self.model, position)

    def _relation_choices(self, kind: str, position: int, exclude: str) -> list[tuple[str, str, str]]:
        """Relations the editor offers (all types but `supports`, which has its own field): to the
        annotations nearest this one whose kind the type allows."""
        types = [r for r in self.repo.schema().relations if r.name != "supports"]
        spans = self.model.spans()
        near = sorted((abs(s[0] - position), i) for i, s in enumerate(spans) if s[3] != exclude)[:40]
        choices = []
        for _distance, row in sorted(near, key=lambda item: spans[item[1]][0]):
            other = self.model.annotation_at(row)
            if other is None:
                continue
            for rel in types:
                if rel.allows(kind, other.kind):
                    choices.append(
                        (rel.name, other.id, f"{rel.name} → {other.kind} “{_short(other.text, 40)}”")
                    )
        return choices

    def _completions(self) -> dict[str, list[str]]:
        return self.completions.get()

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
        self.open_article(None)


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
