"""Tagging and editing in the workspace: the attribute editor's form, its submissions, and
accepting, dismissing and deleting marks. Each edit becomes a core command pushed on the
workspace's undo stack (`push`); reads go through services.

Mixed into ui/workspace.Workspace.
"""

from __future__ import annotations

from dataclasses import replace

from kzt_annotator.core.attributes import attributes_from_strings, attributes_to_strings
from kzt_annotator.core.commands import CreateAnnotation, DeleteAnnotation, DismissSuggestion, EditAnnotation
from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.core.spans import snap_to_words
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services import project as projects
from kzt_annotator.services.annotating import check_may_edit, new_annotation
from kzt_annotator.services.figures import similar_quantity_key
from kzt_annotator.services.relations import relate_command, relation_lines
from kzt_annotator.ui.completions import figure_prefill, with_source_before


class Editing:
    """Uses the workspace's repo, article, reader, editor, model, suggestions, undo stack and
    signals; `push` runs a command."""

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
            projects.schema(self.repo).kind(kind),
            f"New {kind}: “{shorten(text)}”",
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
        schema = projects.schema(self.repo)
        self.editor.open_for(
            schema.kind(annotation.kind),
            f"Edit {str(annotation.kind)}: “{shorten(annotation.text)}”",
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
                    schema=projects.schema(self.repo),
                )
                self.pending = None
                # Drawn selected as it is drawn at all: its paragraph is highlighted once, not twice.
                self.reader.highlighter.set_selected(annotation.id)
                self.push(CreateAnnotation(annotation))
                self.select_annotation(annotation.id, related=None if links else [])
            elif self.editing is not None:
                current = projects.annotation(self.repo, self.editing.id)
                # The editor offers one supported claim (the first); any further links stay.
                kept = current.linked_ids[1:] if current.kind == Kind.ATTRIBUTION else current.linked_ids
                after = replace(
                    current,
                    attributes=attributes_from_strings(current.kind, values, projects.schema(self.repo)),
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

    # -- what the editor offers ---------------------------------------------------------------
    def _claims(self, exclude: str | None = None) -> list[tuple[str, str]]:
        rows = [
            i for i, span in enumerate(self.model.spans()) if span[2] == Kind.CLAIM and span[3] != exclude
        ]
        claims = [self.model.annotation_at(i) for i in rows]  # only the claims' rows are fetched
        return [(a.id, f"“{shorten(a.text, 50)}”") for a in claims if a is not None]

    def _with_source(self, values: dict[str, str], position: int) -> dict[str, str]:
        return with_source_before(values, self.model, position, self.article.text if self.article else None)

    def _relation_choices(self, kind: str, position: int, exclude: str) -> list[tuple[str, str, str]]:
        """Relations the editor offers (all types but `supports`, which has its own field): to the
        annotations nearest this one whose kind the type allows."""
        types = [r for r in projects.schema(self.repo).relations if r.name != "supports"]
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
                        (rel.name, other.id, f"{rel.name} → {other.kind} “{shorten(other.text, 40)}”")
                    )
        return choices

    def _completions(self) -> dict[str, list[str]]:
        return self.completions.get()


def shorten(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
