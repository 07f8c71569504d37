"""codebook tree (description, parent, aliases), article memo, document variables

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("codebook", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("parent_key", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("aliases", sa.JSON(), nullable=True))
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("memo", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "variables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("allowed", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_variables")),
        sa.UniqueConstraint("name", name=op.f("uq_variables_name")),
    )
    op.create_table(
        "article_values",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("variable_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_values_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variable_id"],
            ["variables.id"],
            name=op.f("fk_article_values_variable_id_variables"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "variable_id", name=op.f("pk_article_values")),
    )


def downgrade() -> None:
    op.drop_table("article_values")
    op.drop_table("variables")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("memo")
    with op.batch_alter_table("codebook", schema=None) as batch_op:
        batch_op.drop_column("aliases")
        batch_op.drop_column("parent_key")
        batch_op.drop_column("description")
