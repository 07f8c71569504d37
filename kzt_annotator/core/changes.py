"""What a user action changed. Services return one; the GUI forwards it to every panel."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    articles: frozenset[int] = frozenset()
    annotations: frozenset[str] = frozenset()
    removed_annotations: frozenset[str] = frozenset()
    articles_added: bool = False
    relations: frozenset[str] = frozenset()  # relation ids added or restored
    removed_relations: frozenset[str] = frozenset()
    schema: bool = False  # kinds or relation types were added: forms, columns, actions change
    codebook: frozenset[str] = frozenset()  # codebook kinds whose entries changed
    variables: bool = False  # document variable definitions changed (values: see `articles`)
    removed_articles: frozenset[int] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.annotations | other.annotations,
            self.removed_annotations | other.removed_annotations,
            self.articles_added or other.articles_added,
            self.relations | other.relations,
            self.removed_relations | other.removed_relations,
            self.schema or other.schema,
            self.codebook | other.codebook,
            self.variables or other.variables,
            self.removed_articles | other.removed_articles,
        )

    @property
    def empty(self) -> bool:
        return not (
            self.articles
            or self.annotations
            or self.removed_annotations
            or self.articles_added
            or self.relations
            or self.removed_relations
            or self.schema
            or self.codebook
            or self.variables
            or self.removed_articles
        )
