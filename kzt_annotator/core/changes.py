"""What a user action changed, by category. Services return one; the GUI hands it to every panel.

A panel asks `record.touches(category)` for the categories it shows and updates only those parts:

- "articles": articles were added or deleted, or their text, metadata or state changed without
  the record naming annotations (`articles_added`, `removed_articles`, `articles` alone)
- "annotations": annotations were created, edited or removed (`annotations`, `removed_annotations`)
- "figures", "claims", "attributions", or a project-defined kind's name: annotations of that kind
  changed (every kind when the record carries ids without the annotations themselves)
- "relations": relations were added or removed (`relations`, `removed_relations`)
- "schema": kinds or relation types were added; "codebook": codebook entries (of the kinds in
  `codebook`); "variables": document variable definitions (values: see `articles`)
- "suggestions": suggestions were dismissed or offered again
- "settings": preferences changed (qualifier rules, colours, cues)
- anything in `other`
- `everything`: a project switch or changes made elsewhere; every category is touched.

`saved` holds the annotations as written and `before` their earlier versions (edits) or the removed
ones, when the service knows them: the GUI uses those instead of reading the rows back.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from kzt_annotator.core.model import Annotation

KIND_CATEGORIES = {"figure": "figures", "claim": "claims", "attribution": "attributions"}
_ANY_KIND = "*"  # the record names annotations without their kinds


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
    saved: tuple[Annotation, ...] = ()  # annotations as written
    before: tuple[Annotation, ...] = ()  # their earlier versions, or the removed annotations
    other: frozenset[str] = frozenset()  # more category names ("suggestions", "settings", ...)
    everything: bool = False  # project switch, outside changes: every panel reloads

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if f.name == "saved":
                merged[f.name] = _latest(a + b)
            elif f.name == "before":
                merged[f.name] = _earliest(a + b)
            elif isinstance(a, bool):
                merged[f.name] = a or b
            else:
                merged[f.name] = a | b
        return Changes(**merged)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("saved", "before"))

    @property
    def categories(self) -> frozenset[str]:
        """Every category this record touches (see the module docstring); "*" among them means
        annotations of unknown kinds."""
        found = set(self.other)
        ids = self.annotations | self.removed_annotations
        relation_ids = self.relations | self.removed_relations
        if self.articles_added or self.removed_articles:
            found.add("articles")
        elif self.articles and not ids and not relation_ids and "suggestions" not in self.other:
            found.add("articles")  # metadata, text or state of these articles
        if ids:
            found.add("annotations")
            known = {a.id for a in self.saved} | {a.id for a in self.before}
            if ids - known:  # some annotations without their kind: any kind may have changed
                found.update(KIND_CATEGORIES.values())
                found.add(_ANY_KIND)
            for annotation in self.saved + self.before:
                kind = str(annotation.kind)
                found.add(KIND_CATEGORIES.get(kind, kind))
        if relation_ids:
            found.add("relations")
        if self.schema:
            found.add("schema")
        if self.codebook:
            found.add("codebook")
        if self.variables:
            found.add("variables")
        return frozenset(found)

    def touches(self, *categories: str) -> bool:
        """True when the record may have changed any of `categories`."""
        return self.everything or not self.categories.isdisjoint(categories)

    def touches_kind(self, kind: str) -> bool:
        """True when annotations of `kind` (a kind name: "figure", "frame", ...) may have changed."""
        found = self.categories
        return self.everything or _ANY_KIND in found or KIND_CATEGORIES.get(kind, kind) in found

    def saved_by_id(self) -> dict[str, Annotation]:
        return {a.id: a for a in self.saved}


def _latest(annotations: tuple[Annotation, ...]) -> tuple[Annotation, ...]:
    """One annotation per id, the last written version."""
    return tuple({a.id: a for a in annotations}.values())


def _earliest(annotations: tuple[Annotation, ...]) -> tuple[Annotation, ...]:
    """One annotation per id, the first (oldest) version."""
    found: dict[str, Annotation] = {}
    for a in annotations:
        found.setdefault(a.id, a)
    return tuple(found.values())
