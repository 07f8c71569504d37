"""figure index: figure_facts and figure_summary, kept current by triggers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from kzt_annotator.store import figure_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figure_facts",
        sa.Column("annotation_id", sa.String(length=36), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("qualifier", sa.String(length=40), nullable=False),
        sa.Column("shape", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("value_low", sa.Float(), nullable=True),
        sa.Column("value_high", sa.Float(), nullable=True),
        # the unit came in 0010; the trigger code of today (figure_index) writes it
        sa.Column("unit", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("annotation_id", name=op.f("pk_figure_facts")),
    )
    with op.batch_alter_table("figure_facts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_figure_facts_key", ["quantity", "as_of", "status", "article_id", "qualifier", "shape"]
        )
        batch_op.create_index(
            "ix_figure_facts_order", ["quantity", "value", "value_low", "article_id", "annotation_id"]
        )
    op.create_table(
        "figure_summary",
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("as_of", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("article_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("qualifier", sa.String(length=40), nullable=False),
        sa.Column("shape", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("unit", sa.Text(), server_default="", nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("min_value", sa.Float(), nullable=True),
        sa.Column("max_value", sa.Float(), nullable=True),
        sa.Column("min_low", sa.Float(), nullable=True),
        sa.Column("max_low", sa.Float(), nullable=True),
        sa.Column("min_high", sa.Float(), nullable=True),
        sa.Column("max_high", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint(
            "quantity", "as_of", "status", "article_id", "qualifier", "shape", "unit", name=op.f("pk_figure_summary")
        ),
    )
    connection = op.get_bind()
    figure_index.create_triggers(connection)
    figure_index.rebuild(connection)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS figure_facts_sync ON annotations")
        op.execute("DROP FUNCTION IF EXISTS kzt_figure_facts_sync()")
        op.execute("DROP FUNCTION IF EXISTS kzt_figure_summary_sync() CASCADE")
    else:
        for name in ("figure_facts_on_insert", "figure_facts_on_update", "figure_facts_on_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("figure_summary")
    op.drop_table("figure_facts")
