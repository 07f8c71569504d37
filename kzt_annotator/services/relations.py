"""Relating annotations: typed relations as undoable commands, checked against the schema."""

from __future__ import annotations

import uuid

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.commands import CreateRelation, DeleteRelation
from kzt_annotator.core.model import Relation
from kzt_annotator.store.repository import Repository


def relate_command(
    repo: Repository, source_id: str, target_id: str, type_name: str, annotator: str
) -> CreateRelation:
    """The command that relates source to target with `type_name` (not yet run).

    Errors: NotFound for an unknown annotation; InvalidInput for an unknown type or one the
    schema does not allow between the two kinds. Either id may be a unique prefix
    (core.id_prefixes)."""
    source = repo.annotation(repo.resolve_annotation_id(source_id))
    target = repo.annotation(repo.resolve_annotation_id(target_id))
    rel_type = repo.schema().check_relation(type_name, source.kind, target.kind)
    relation = Relation(str(uuid.uuid4()), rel_type.name, source.id, target.id, annotator)
    return CreateRelation(relation, frozenset({source.article_id, target.article_id}))


def relate(
    repo: Repository, source_id: str, target_id: str, type_name: str, annotator: str
) -> tuple[Relation, Changes]:
    command = relate_command(repo, source_id, target_id, type_name, annotator)
    changes = command.do(repo)
    return command.relation, changes


def unrelate_command(repo: Repository, relation_id: str) -> DeleteRelation:
    """The command that removes one relation (`relation_id` may be a unique prefix)."""
    relation = repo.relation(repo.resolve_relation_id(relation_id))
    ends = repo.annotations_by_ids([relation.source_id, relation.target_id])
    return DeleteRelation(relation, frozenset(a.article_id for a in ends))


def unrelate(repo: Repository, relation_id: str) -> tuple[Relation, Changes]:
    command = unrelate_command(repo, relation_id)
    changes = command.do(repo)
    return command.relation, changes


def relation_json(relation: Relation) -> dict:
    """The documented JSON shape of a relation."""
    return {
        "id": relation.id,
        "type": relation.type,
        "source": relation.source_id,
        "target": relation.target_id,
        "annotator": relation.annotator,
        "created_at": relation.created_at.isoformat() if relation.created_at else None,
        "version": relation.version,
    }


def relation_lines(repo: Repository, annotation_id: str, width: int = 50) -> list[str]:
    """The annotation's relations as lines for the reader and the editor:
    'supports → claim “…”' (from it) and '← source_of: attribution “…”' (to it)."""
    found = repo.relations(annotation_ids=[annotation_id])
    others = {
        a.id: a
        for a in repo.annotations_by_ids(sorted({r.source_id for r in found} | {r.target_id for r in found}))
    }
    lines = []
    for r in found:
        outgoing = r.source_id == annotation_id
        other = others.get(r.target_id if outgoing else r.source_id)
        if other is None:
            continue
        text = " ".join(other.text.split())
        text = text if len(text) <= width else text[: width - 1] + "…"
        lines.append(
            f"{r.type} → {other.kind} “{text}”" if outgoing else f"← {r.type}: {other.kind} “{text}”"
        )
    return lines
