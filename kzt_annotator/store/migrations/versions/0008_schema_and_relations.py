"""project-defined kinds and relation types; relations as rows (links moved over)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29

Each id in an annotation's `linked_ids` list becomes a relation row: `supports` from an
attribution to a claim, `source_of` from an attribution to a figure, and otherwise a `linked`
relation (a project relation type this migration declares only when such links exist, so no
link is lost or mislabelled). Ids of annotations that no longer exist are dropped. The
`linked_ids` column stays (emptied), so nothing that reads the table breaks.
"""

import json
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schema_kinds",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("colour", sa.String(length=20), nullable=False),
        sa.Column("hotkey", sa.String(length=5), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_schema_kinds")),
    )
    op.create_table(
        "relation_types",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_relation_types")),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["annotations.id"],
            name=op.f("fk_relations_source_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["annotations.id"],
            name=op.f("fk_relations_target_id_annotations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"], ["annotators.id"], name=op.f("fk_relations_annotator_id_annotators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint("type", "source_id", "target_id", name=op.f("uq_relations_type")),
    )
    op.create_index("ix_relations_source", "relations", ["source_id"])
    op.create_index("ix_relations_target", "relations", ["target_id"])
    _move_links()


def _move_links() -> None:
    bind = op.get_bind()
    annotations = sa.table(
        "annotations",
        sa.column("id"),
        sa.column("kind"),
        sa.column("linked_ids", sa.JSON),
        sa.column("annotator_id"),
        sa.column("created_at"),
    )
    kinds = dict(bind.execute(sa.select(annotations.c.id, annotations.c.kind)).all())
    linked = bind.execute(
        sa.select(
            annotations.c.id, annotations.c.linked_ids, annotations.c.annotator_id, annotations.c.created_at
        )
    ).all()
    rows, seen, needs_linked, emptied = [], set(), False, []
    for source, targets, annotator_id, created_at in linked:
        if isinstance(targets, str):
            targets = json.loads(targets or "[]")
        if targets:
            emptied.append(source)
        for target in targets or []:
            if target not in kinds or target == source:
                continue  # dangling: the annotation it named is gone
            pair = (kinds[source], kinds[target])
            kind = {("attribution", "claim"): "supports", ("attribution", "figure"): "source_of"}.get(
                pair, "linked"
            )
            needs_linked = needs_linked or kind == "linked"
            if (kind, source, target) in seen:
                continue
            seen.add((kind, source, target))
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "type": kind,
                    "source_id": source,
                    "target_id": target,
                    "annotator_id": annotator_id,
                    "created_at": created_at,
                    "version": 1,
                }
            )
    if needs_linked:
        types = sa.table(
            "relation_types",
            sa.column("name"),
            sa.column("label"),
            sa.column("sources", sa.JSON),
            sa.column("targets", sa.JSON),
            sa.column("created_at"),
        )
        op.bulk_insert(
            types,
            [
                {
                    "name": "linked",
                    "label": "linked (an untyped link from before typed relations)",
                    "sources": [],
                    "targets": [],
                    "created_at": rows[0]["created_at"],
                }
            ],
        )
    if rows:
        relations = sa.table("relations", *(sa.column(c) for c in rows[0]))
        op.bulk_insert(relations, rows)
    for i in range(0, len(emptied), 500):
        part = emptied[i : i + 500]
        bind.execute(sa.update(annotations).values(linked_ids=[]).where(annotations.c.id.in_(part)))


def downgrade() -> None:
    op.drop_index("ix_relations_target", table_name="relations")
    op.drop_index("ix_relations_source", table_name="relations")
    op.drop_table("relations")
    op.drop_table("relation_types")
    op.drop_table("schema_kinds")
