"""How the workspace (the reader and the annotation table) follows change records.

Mixed into ui/workspace.Workspace. A record from one of its own commands carries the annotations
as written (`Changes.saved`): those are shown as they are, without reading them back, and only the
blocks they touch are redrawn. A record that does not say what changed reloads the open article.
"""

from __future__ import annotations

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services.project import annotation_rows, annotations_by_ids
from kzt_annotator.ui import collector
from kzt_annotator.ui.annotation_loader import LoadedAnnotations
from kzt_annotator.ui.highlighter import Mark


class ChangeFollowing:
    """Uses the workspace's repo, article, model, reader, suggestions and signals."""

    def _after_change(self, changes: Changes) -> None:
        """Every committed command (and undo/redo) of this workspace."""
        self.on_changes(changes)
        # The window's permanent label says "All changes saved"; a temporary message saying it too
        # showed it twice. Clear one that described the state before (a deleted annotation).
        self.message.emit("")
        self.changed.emit(changes)

    def on_changes(self, record: Changes) -> None:
        """Update the marks and rows `record` touches in the open article; reload the article only
        when the record does not say what changed."""
        self.annotation_loader.finish()  # a long article's rows first, then the change on them
        if self.article is not None and self.article.id in record.removed_articles:
            self.open_article(None)
        if self.article is None:
            return
        if record.everything:
            self.reload_annotations()
        elif self.article.id in record.articles:
            if record.annotations or record.removed_annotations:
                self._apply_annotation_changes(record)
            else:
                self.reload_annotations()
        if record.touches("settings"):
            self.reader.highlighter.rehighlight()

    def _annotations_arrived(self, loaded: LoadedAnnotations) -> None:
        """A long article's annotations, read off the GUI thread: fill the table, swap in the marks
        and redraw only the blocks on screen (the rest as they scroll into view)."""
        if self.article is None or self.article.id != loaded.article_id:
            return
        self._set_model(loaded.rows)
        marks = loaded.marks if loaded.hidden == self.hidden_annotators else self._marks(loaded.spans)
        self._load_suggestions(loaded.spans)
        if self.suggestions:  # found at once (they are not, for an article this long)
            marks = self._marks(loaded.spans)
        self.reader.highlighter.replace_marks(marks)
        self._forget_vanished_selection()
        collector.settle()  # keep the article's objects out of full garbage collections

    def _suggestions_arrived(self, article_id: int, found: list[Suggestion], marks: list[Mark]) -> None:
        """Suggestions from the worker, marks ready: insert them and redraw only the blocks on
        screen (the rest when they scroll into view), so a long article stays responsive."""
        if self.article is None or self.article.id != article_id or not self.show_suggestions:
            return
        old = set(self.suggestions)
        self.suggestions = {s.key: s for s in found}
        self.reader.highlighter.update_marks(old, marks, [(m.start, m.end) for m in marks], lazily=True)
        collector.settle()

    def _apply_annotation_changes(self, changes: Changes) -> None:
        """Update only what changed: the annotations the command returned (read back only those it
        did not return), repainting only their blocks."""
        assert self.article is not None
        touched = []
        for ident in changes.removed_annotations | changes.annotations:
            old = self.model.annotation_at(self.model.row_of(ident))
            if old is not None:
                touched.append((old.start, old.end))
        saved = changes.saved_by_id()
        unknown = sorted(changes.annotations - saved.keys())
        written = [saved[i] for i in sorted(changes.annotations & saved.keys())]
        written += annotations_by_ids(self.repo, unknown) if unknown else []
        changed = []
        for annotation in written:
            self.completions.remember(annotation)
            if annotation.article_id == self.article.id:
                changed.append(annotation)
                touched.append((annotation.start, annotation.end))
        self._syncing = True
        try:
            self.model.apply_changes(set(changes.removed_annotations | changes.annotations), changed)
        finally:
            self._syncing = False
        spans = [(a.kind, a.start, a.end) for a in changed]
        gone = {
            key
            for key, s in self.suggestions.items()
            if any(k == s.kind and a < s.end and s.start < b for k, a, b in spans)
        }
        for key in gone:
            del self.suggestions[key]
        # Swap just the changed marks: rebuilding 10,000 of them per edit costs more than a frame.
        self.reader.highlighter.update_marks(
            changes.annotations | changes.removed_annotations | gone,
            [
                Mark(a.start, a.end, a.kind, a.id, a.annotator)
                for a in changed
                if a.annotator not in self.hidden_annotators
            ],
            touched,
        )
        self._forget_vanished_selection()

    def _forget_vanished_selection(self) -> None:
        """Drop the selection if its annotation or suggestion is gone, and sync the table."""
        selected = self.selected_id
        # nothing selected (as after an open): no look-up, which would index 10,000 rows first
        if selected and not (selected in self.suggestions or self.model.row_of(selected) >= 0):
            self.selected_id = None
        self._sync_table_selection()

    def reload_annotations(self, touched: list[tuple[int, int]] | None = None) -> None:
        if self.article is None:
            return
        self.annotation_loader.cancel()  # read here and now instead
        annotations = annotation_rows(self.repo, self.article.id)
        self._set_model(annotations)
        spans = self.model.spans()
        self._load_suggestions(spans)
        self.reader.highlighter.set_marks(self._marks(spans), touched)
        self._forget_vanished_selection()
