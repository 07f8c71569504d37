"""Undoable curation decisions: take units into the curated layer (one transaction each way)."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.model import Annotation


class CurationStore(Protocol):
    def apply_curation(self, created: list[Annotation], updated: list[Annotation]) -> list[Annotation]: ...
    def revert_curation(self, created_ids: list[str], restored: list[Annotation]) -> list[Annotation]: ...


class TakeUnits:
    """Add curated-layer copies and set the originals' review status, all or nothing.

    `decisions` are (before, after) pairs of the annotators' annotations. Undo deletes the copies
    and restores each original's status as it was (version-checked like every edit).
    """

    def __init__(self, copies: list[Annotation], decisions: list[tuple[Annotation, Annotation]], label: str):
        self.copies = copies
        self.decisions = decisions
        self.label = label

    def _changes(self, removed: bool) -> Changes:
        articles = frozenset(a.article_id for a in self.copies) | frozenset(
            b.article_id for b, _ in self.decisions
        )
        ids = frozenset(b.id for b, _ in self.decisions)
        copies = frozenset(a.id for a in self.copies)
        if removed:
            return Changes(articles=articles, annotations=ids, removed_annotations=copies)
        return Changes(articles=articles, annotations=ids | copies)

    def do(self, store: CurationStore) -> Changes:
        saved = {a.id: a for a in store.apply_curation(self.copies, [after for _, after in self.decisions])}
        self.decisions = [(before, saved.get(after.id, after)) for before, after in self.decisions]
        return self._changes(removed=False)

    def undo(self, store: CurationStore) -> Changes:
        # Each original goes back to its status before, from the version the decision saved.
        restore = [replace(before, version=after.version) for before, after in self.decisions]
        saved = {a.id: a for a in store.revert_curation([c.id for c in self.copies], restore)}
        # A redo applies the decision again on top of the restored versions.
        self.decisions = [
            (
                before,
                replace(after, version=saved[before.id].version if before.id in saved else after.version),
            )
            for before, after in self.decisions
        ]
        return self._changes(removed=True)
