"""Relation rows: reading, inserting, and keeping `supports` in step with an annotation's
`linked_ids`. Shared by the annotation and relation repository methods (one transaction each)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.core.model import Annotation, Relation
from kzt_annotator.store.models import AnnotationRow, AnnotatorRow, RelationRow
from kzt_annotator.store.repo_base import _annotator_row
from kzt_annotator.store.types import utcnow

SUPPORTS = "supports"  # the relation an annotation's `linked_ids` stand for


def relation_of(row: RelationRow, annotator: str) -> Relation:
    return Relation(
        id=row.id,
        type=row.type,
        source_id=row.source_id,
        target_id=row.target_id,
        annotator=annotator,
        created_at=row.created_at,
        version=row.version,
    )


def select_relations():
    return select(RelationRow, AnnotatorRow.name).join(
        AnnotatorRow, AnnotatorRow.id == RelationRow.annotator_id
    )


def relations_touching(session: Session, annotation_ids: Sequence[str]) -> list[Relation]:
    """Relations whose source or target is one of `annotation_ids`."""
    found: list[Relation] = []
    for i in range(0, len(annotation_ids), 400):
        part = list(annotation_ids[i : i + 400])
        stmt = select_relations().where(or_(RelationRow.source_id.in_(part), RelationRow.target_id.in_(part)))
        found += [relation_of(row, name) for row, name in session.execute(stmt)]
    return sorted({r.id: r for r in found}.values(), key=lambda r: (r.created_at is None, r.created_at, r.id))


def insert_relation(session: Session, relation: Relation) -> Relation:
    """Insert one relation (keeping its id); NotFound if an end is missing, InvalidInput if it exists."""
    for end in (relation.source_id, relation.target_id):
        if session.get(AnnotationRow, end) is None:
            raise NotFound(f"no annotation {end}")
    if relation.source_id == relation.target_id:
        raise InvalidInput("an annotation cannot be related to itself")
    same = session.scalar(
        select(RelationRow.id).where(
            RelationRow.type == relation.type,
            RelationRow.source_id == relation.source_id,
            RelationRow.target_id == relation.target_id,
        )
    )
    if same is not None:
        raise InvalidInput(f"these annotations already have a {relation.type} relation ({same})")
    row = RelationRow(
        id=relation.id or str(uuid.uuid4()),
        type=relation.type,
        source_id=relation.source_id,
        target_id=relation.target_id,
        annotator_id=_annotator_row(session, relation.annotator).id,
        created_at=relation.created_at or utcnow(),
        version=relation.version or 1,
    )
    session.add(row)
    session.flush()
    return relation_of(row, relation.annotator)


def sync_supports(session: Session, annotation: Annotation) -> None:
    """Make the annotation's `supports` relations match its `linked_ids` (targets that exist)."""
    current = dict(
        session.execute(
            select(RelationRow.target_id, RelationRow.id).where(
                RelationRow.source_id == annotation.id, RelationRow.type == SUPPORTS
            )
        ).all()
    )
    wanted = list(dict.fromkeys(annotation.linked_ids))
    gone = [rid for target, rid in current.items() if target not in wanted]
    if gone:
        session.execute(delete(RelationRow).where(RelationRow.id.in_(gone)))
    for target in wanted:
        if target not in current:
            insert_relation(
                session, Relation("", SUPPORTS, annotation.id, target, annotation.annotator, created_at=None)
            )


def supports_targets_column():
    """Correlated with `annotations`: its `supports` targets joined by ';' (NULL when none)."""
    r = RelationRow.__table__
    return (
        select(func.aggregate_strings(r.c.target_id, ";"))
        .where(r.c.source_id == AnnotationRow.__table__.c.id, r.c.type == SUPPORTS)
        .scalar_subquery()
    )


def relations_column():
    """Correlated with `annotations`: its outgoing relations as 'type:target' joined by ';'."""
    r = RelationRow.__table__
    return (
        select(func.aggregate_strings(r.c.type + ":" + r.c.target_id, ";"))
        .where(r.c.source_id == AnnotationRow.__table__.c.id)
        .scalar_subquery()
    )


def insert_links(session: Session, annotation: Annotation) -> None:
    """`supports` relations for a new annotation's `linked_ids`."""
    for target in dict.fromkeys(annotation.linked_ids):
        insert_relation(session, Relation("", SUPPORTS, annotation.id, target, annotation.annotator))


def relation_exists(session: Session, relation: Relation) -> bool:
    """The same id, or the same type between the same two annotations, is there already."""
    same = select(RelationRow.id).where(
        or_(
            RelationRow.id == relation.id,
            (RelationRow.type == relation.type)
            & (RelationRow.source_id == relation.source_id)
            & (RelationRow.target_id == relation.target_id),
        )
    )
    return session.scalar(same) is not None


def delete_relations_of(session: Session, annotation_id: str) -> None:
    session.execute(
        delete(RelationRow).where(
            or_(RelationRow.source_id == annotation_id, RelationRow.target_id == annotation_id)
        )
    )
