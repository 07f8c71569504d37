"""Repository methods for relations: typed links between two annotations, as rows of their own.

Referential integrity: deleting an annotation deletes its relations (in the same transaction,
and by the foreign keys' ON DELETE CASCADE for any other writer); `remove_annotation` hands
them back so undo can restore the annotation and its relations together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session, aliased

from kzt_annotator.core.errors import NotFound
from kzt_annotator.core.id_prefixes import checked_prefix, one_match
from kzt_annotator.core.model import Annotation, Relation
from kzt_annotator.store.convert import annotation_from_row
from kzt_annotator.store.id_lookup import ids_starting_with
from kzt_annotator.store.models import AnnotationRow, AnnotatorRow, RelationRow
from kzt_annotator.store.relation_rows import (
    SUPPORTS,
    insert_relation,
    relation_of,
    relations_touching,
    select_relations,
)
from kzt_annotator.store.repo_annotations import AnnotationMethods, delete_at_version
from kzt_annotator.store.repo_base import RepositoryBase


class RelationMethods(AnnotationMethods, RepositoryBase):
    def relations(
        self, article_id: int | None = None, annotation_ids: Sequence[str] | None = None
    ) -> list[Relation]:
        """Relations, oldest first: all, those whose source lies in one article, or those touching
        the given annotations."""

        def work(session: Session) -> list[Relation]:
            if annotation_ids is not None:
                return relations_touching(session, annotation_ids)
            stmt = select_relations()
            if article_id is not None:
                source = aliased(AnnotationRow)
                stmt = stmt.join(source, source.id == RelationRow.source_id).where(
                    source.article_id == article_id
                )
            stmt = stmt.order_by(RelationRow.created_at, RelationRow.id)
            return [relation_of(row, name) for row, name in session.execute(stmt)]

        return self.read(work)

    def relation(self, relation_id: str) -> Relation:
        def work(session: Session) -> Relation:
            found = session.execute(select_relations().where(RelationRow.id == relation_id)).first()
            if found is None:
                raise NotFound(f"no relation {relation_id}")
            return relation_of(found[0], found[1])

        return self.read(work)

    def resolve_relation_id(self, ref: str) -> str:
        """The full id of the one relation whose id is `ref` or starts with it (the same rule as
        resolve_annotation_id: at least core.id_prefixes.MIN_PREFIX characters, unique)."""
        ref = checked_prefix(ref, "relation")
        found = self.read(lambda session: ids_starting_with(session, RelationRow.id, ref))
        return one_match(ref, found, "relation", "relations")

    def add_relation(self, relation: Relation) -> Relation:
        return self.write(lambda session: insert_relation(session, relation))

    def add_relations(self, relations: Iterable[Relation]) -> list[Relation]:
        items = list(relations)
        return self.write(lambda session: [insert_relation(session, r) for r in items])

    def delete_relation(self, relation_id: str) -> Relation:
        def work(session: Session) -> Relation:
            found = session.execute(select_relations().where(RelationRow.id == relation_id)).first()
            if found is None:
                raise NotFound(f"no relation {relation_id}")
            session.execute(delete(RelationRow).where(RelationRow.id == relation_id))
            return relation_of(found[0], found[1])

        return self.write(work)

    def remove_annotation(
        self, annotation_id: str, version: int | None = None
    ) -> tuple[Annotation, list[Relation]]:
        """Delete an annotation and its relations in one transaction; returns both (for undo).

        With `version` (the version the caller read), refused with ConflictError when someone
        saved a newer version meanwhile. NotFound when it is gone.
        """

        def work(session: Session) -> tuple[Annotation, list[Relation]]:
            row = session.get(AnnotationRow, annotation_id)
            if row is None:
                raise NotFound(f"no annotation {annotation_id}")
            annotator = session.get(AnnotatorRow, row.annotator_id)
            relations = relations_touching(session, [annotation_id])
            links = tuple(
                r.target_id for r in relations if r.type == SUPPORTS and r.source_id == annotation_id
            )
            gone = annotation_from_row(row, annotator.name if annotator else "", links)
            session.execute(
                delete(RelationRow).where(
                    or_(RelationRow.source_id == annotation_id, RelationRow.target_id == annotation_id)
                )
            )
            delete_at_version(session, row, version)
            return gone, relations

        return self.write(work)

    def restore_annotation(self, annotation: Annotation, relations: Sequence[Relation]) -> Annotation:
        """Put back an annotation removed by remove_annotation, with its relations (one transaction)."""

        def work(session: Session) -> Annotation:
            saved = self._add_in(session, annotation, links=False)
            for relation in relations:
                insert_relation(session, relation)
            return saved

        return self.write(work)
