"""Undoable edits as plain command objects. The UI wraps each in a thin QUndoCommand.

Commands talk to an `AnnotationStore` (the Repository satisfies it). They keep annotation ids,
so undoing a delete brings back the very same annotation, and they track the row version so
that undo after redo passes the optimistic-concurrency check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.model import Annotation, Relation


class AnnotationStore(Protocol):
    def add_annotation(self, annotation: Annotation) -> Annotation: ...
    def update_annotation(self, annotation: Annotation) -> Annotation: ...
    def delete_annotation(self, annotation_id: str, version: int | None = None) -> Annotation: ...
    def annotation(self, annotation_id: str) -> Annotation: ...
    def remove_annotation(
        self, annotation_id: str, version: int | None = None
    ) -> tuple[Annotation, list[Relation]]: ...
    def restore_annotation(self, annotation: Annotation, relations: Sequence[Relation]) -> Annotation: ...
    def add_relation(self, relation: Relation) -> Relation: ...
    def delete_relation(self, relation_id: str) -> Relation: ...


class Command(Protocol):
    label: str

    def do(self, store: AnnotationStore) -> Changes: ...
    def undo(self, store: AnnotationStore) -> Changes: ...


def _touched(annotation: Annotation, before: Annotation | None = None) -> Changes:
    """`annotation` as written (and its earlier version): the GUI shows it without reading it back."""
    return Changes(
        articles=frozenset({annotation.article_id}),
        annotations=frozenset({annotation.id}),
        saved=(annotation,),
        before=(before,) if before is not None else (),
    )


def _removed(annotation: Annotation) -> Changes:
    return Changes(
        articles=frozenset({annotation.article_id}),
        removed_annotations=frozenset({annotation.id}),
        before=(annotation,),
    )


class CreateAnnotation:
    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.label = f"Tag {str(annotation.kind)} “{_short(annotation.text)}”"

    def do(self, store: AnnotationStore) -> Changes:
        self.annotation = store.add_annotation(self.annotation)
        return _touched(self.annotation)

    def undo(self, store: AnnotationStore) -> Changes:
        store.delete_annotation(self.annotation.id, self.annotation.version)
        return _removed(self.annotation)


class DeleteAnnotation:
    """Delete an annotation and every relation from or to it; undo restores all of them."""

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.relations: list[Relation] = []
        self.label = f"Delete {annotation.kind} “{_short(annotation.text)}”"

    def do(self, store: AnnotationStore) -> Changes:
        self.annotation, self.relations = store.remove_annotation(self.annotation.id, self.annotation.version)
        return _removed(self.annotation) | Changes(removed_relations=frozenset(r.id for r in self.relations))

    def undo(self, store: AnnotationStore) -> Changes:
        self.annotation = store.restore_annotation(self.annotation, self.relations)
        return _touched(self.annotation) | Changes(relations=frozenset(r.id for r in self.relations))


class CreateRelation:
    """Relate two annotations; `articles` are those the two annotations lie in (for the record)."""

    def __init__(self, relation: Relation, articles: frozenset[int] = frozenset()) -> None:
        self.relation = relation
        self.articles = articles
        self.label = f"Relate ({relation.type})"

    def do(self, store: AnnotationStore) -> Changes:
        self.relation = store.add_relation(self.relation)
        return Changes(articles=self.articles, relations=frozenset({self.relation.id}))

    def undo(self, store: AnnotationStore) -> Changes:
        store.delete_relation(self.relation.id)
        return Changes(articles=self.articles, removed_relations=frozenset({self.relation.id}))


class DeleteRelation:
    def __init__(self, relation: Relation, articles: frozenset[int] = frozenset()) -> None:
        self.relation = relation
        self.articles = articles
        self.label = f"Remove relation ({relation.type})"

    def do(self, store: AnnotationStore) -> Changes:
        self.relation = store.delete_relation(self.relation.id)
        return Changes(articles=self.articles, removed_relations=frozenset({self.relation.id}))

    def undo(self, store: AnnotationStore) -> Changes:
        self.relation = store.add_relation(self.relation)
        return Changes(articles=self.articles, relations=frozenset({self.relation.id}))


class EditAnnotation:
    """Replace an annotation's editable fields (attributes, note, span, links)."""

    def __init__(self, before: Annotation, after: Annotation, label: str | None = None) -> None:
        self.before = before
        self.after = after
        self.label = label or f"Edit {before.kind} “{_short(before.text)}”"
        self._version = before.version

    def _apply(self, store: AnnotationStore, target: Annotation, previous: Annotation) -> Changes:
        saved = store.update_annotation(replace(target, version=self._version))
        self._version = saved.version
        return _touched(saved, previous)

    def do(self, store: AnnotationStore) -> Changes:
        return self._apply(store, self.after, self.before)

    def undo(self, store: AnnotationStore) -> Changes:
        return self._apply(store, self.before, self.after)


def _short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class SuggestionStore(Protocol):
    def dismiss_suggestion(
        self, article_id: int, kind: str, start: int, end: int, annotator: str
    ) -> None: ...
    def undismiss_suggestion(self, article_id: int, kind: str, start: int, end: int) -> None: ...


class DismissSuggestion:
    """Dismiss a suggestion (remembered in the project); undo offers it again."""

    def __init__(self, article_id: int, kind: str, start: int, end: int, text: str, annotator: str) -> None:
        self.article_id, self.kind, self.start, self.end = article_id, kind, start, end
        self.annotator = annotator
        self.label = f"Dismiss suggestion “{_short(text)}”"

    def _changes(self) -> Changes:
        return Changes(articles=frozenset({self.article_id}), other=frozenset({"suggestions"}))

    def do(self, store: SuggestionStore) -> Changes:  # type: ignore[override]
        store.dismiss_suggestion(self.article_id, self.kind, self.start, self.end, self.annotator)
        return self._changes()

    def undo(self, store: SuggestionStore) -> Changes:  # type: ignore[override]
        store.undismiss_suggestion(self.article_id, self.kind, self.start, self.end)
        return self._changes()


class HistoryStore:
    """The store as one undo history sees it.

    Each command remembers the version its own last step left an annotation at, but a later
    command on the same annotation moves that version on: undoing two edits of one annotation in
    a row then failed the optimistic-concurrency check ("changed elsewhere") and stuck the
    history. Run through `do`, `undo` and `redo` here:
    - a command's first run (`do`) expects the versions it carries, read when it was made (after
      any change made elsewhere that the window has shown);
    - a later undo or redo expects the version this history last left the annotation at, and the
      command's own where the history has not written it.
    A change made by anyone else since (another window, a script, a team member) still fails the
    check, as it should.

    Wraps any store (the Repository); methods not listed here pass through unchanged.
    """

    def __init__(self, store: object) -> None:
        self._store = store
        self._versions: dict[str, int] = {}  # annotation id -> version this history last wrote
        self._first_run = False

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)

    def do(self, command: Command) -> Changes:
        """A command's first run: the versions it carries are the freshest this window has."""
        self._first_run = True
        try:
            return command.do(self)  # type: ignore[arg-type]
        finally:
            self._first_run = False

    def undo(self, command: Command) -> Changes:
        return command.undo(self)  # type: ignore[arg-type]

    def redo(self, command: Command) -> Changes:
        return command.do(self)  # type: ignore[arg-type]

    def _expect(self, annotation_id: str, version: int | None) -> int | None:
        if version is None or self._first_run:
            return version
        return self._versions.get(annotation_id, version)

    def _saw(self, annotations: Sequence[Annotation]) -> None:
        for annotation in annotations:
            self._versions[annotation.id] = annotation.version

    def _current(self, annotations: Sequence[Annotation]) -> list[Annotation]:
        return [replace(a, version=self._expect(a.id, a.version)) for a in annotations]  # type: ignore[arg-type]

    def add_annotation(self, annotation: Annotation) -> Annotation:
        saved = self._store.add_annotation(annotation)  # type: ignore[attr-defined]
        self._saw([saved])
        return saved

    def update_annotation(self, annotation: Annotation) -> Annotation:
        saved = self._store.update_annotation(self._current([annotation])[0])  # type: ignore[attr-defined]
        self._saw([saved])
        return saved

    def delete_annotation(self, annotation_id: str, version: int | None = None) -> Annotation:
        gone = self._store.delete_annotation(annotation_id, self._expect(annotation_id, version))  # type: ignore[attr-defined]
        self._versions.pop(annotation_id, None)
        return gone

    def remove_annotation(
        self, annotation_id: str, version: int | None = None
    ) -> tuple[Annotation, list[Relation]]:
        removed = self._store.remove_annotation(annotation_id, self._expect(annotation_id, version))  # type: ignore[attr-defined]
        self._versions.pop(annotation_id, None)
        return removed

    def restore_annotation(self, annotation: Annotation, relations: Sequence[Relation]) -> Annotation:
        saved = self._store.restore_annotation(annotation, relations)  # type: ignore[attr-defined]
        self._saw([saved])
        return saved

    def apply_curation(self, created: list[Annotation], updated: list[Annotation]) -> list[Annotation]:
        saved = self._store.apply_curation(created, self._current(updated))  # type: ignore[attr-defined]
        self._saw(saved)
        return saved

    def revert_curation(self, created_ids: list[str], restored: list[Annotation]) -> list[Annotation]:
        saved = self._store.revert_curation(created_ids, self._current(restored))  # type: ignore[attr-defined]
        for ident in created_ids:
            self._versions.pop(ident, None)
        self._saw(saved)
        return saved
