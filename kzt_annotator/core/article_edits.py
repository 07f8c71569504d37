"""Undoable edits of articles: metadata and document variables (several articles at once), deletion.

`MetaEdit` names, per article, the metadata fields and variable values to set (a variable value of
None removes it). `EditMetadata` keeps the values before and after, so undo writes the old ones
back. `DeleteArticles` keeps what the store hands back on deletion (the rows of the articles and of
everything that hangs on them) and gives it back on undo, ids included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kzt_annotator.core.changes import Changes


@dataclass(frozen=True, slots=True)
class MetaEdit:
    article_id: int
    fields: dict[str, Any] = field(
        default_factory=dict
    )  # title, outlet, author, published, url, language, memo
    variables: dict[str, str | None] = field(default_factory=dict)  # name -> canonical value, None = unset


class ArticleStore(Protocol):
    def write_metadata(self, edits: Sequence[MetaEdit]) -> Changes: ...
    def delete_articles(self, article_ids: Sequence[int]) -> object: ...
    def restore_articles(self, snapshot: object) -> Changes: ...


class EditMetadata:
    def __init__(self, before: Sequence[MetaEdit], after: Sequence[MetaEdit]) -> None:
        self.before, self.after = list(before), list(after)
        n = len(self.after)
        self.label = f"Edit metadata of {n} articles" if n != 1 else "Edit article metadata"

    def do(self, store: ArticleStore) -> Changes:  # type: ignore[override]
        return store.write_metadata(self.after)

    def undo(self, store: ArticleStore) -> Changes:  # type: ignore[override]
        return store.write_metadata(self.before)


class DeleteArticles:
    """Delete articles with their annotations, relations and values; undo restores them whole."""

    def __init__(self, article_ids: Sequence[int], titles: Sequence[str] = ()) -> None:
        self.article_ids = list(article_ids)
        self._snapshot: object | None = None
        if len(self.article_ids) == 1 and titles:
            title = " ".join(titles[0].split())
            self.label = f"Delete article “{title[:39] + '…' if len(title) > 40 else title}”"
        else:
            self.label = f"Delete {len(self.article_ids)} articles"

    def do(self, store: ArticleStore) -> Changes:  # type: ignore[override]
        self._snapshot = store.delete_articles(self.article_ids)
        return Changes(removed_articles=frozenset(self.article_ids))

    def undo(self, store: ArticleStore) -> Changes:  # type: ignore[override]
        assert self._snapshot is not None, "undo before do"
        return store.restore_articles(self._snapshot)
