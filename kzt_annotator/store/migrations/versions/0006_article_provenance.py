"""article provenance: export file and position, section, length, PDF pages, fetch time,
near-duplicate sketch and group; feed items already taken

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("section", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("length_words", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("export_file", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("export_index", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pages", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("dup_sketch", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("syndication_group", sa.Integer(), nullable=True))
        batch_op.create_index("ix_articles_syndication_group", ["syndication_group"])
    op.create_table(
        "feed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_url", sa.Text(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_feed_items_article_id_articles"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_items")),
        sa.UniqueConstraint("feed_url", "item_key", name=op.f("uq_feed_items_feed_url")),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_syndication_group")
        for column in (
            "syndication_group",
            "dup_sketch",
            "fetched_at",
            "pages",
            "export_index",
            "export_file",
            "length_words",
            "section",
        ):
            batch_op.drop_column(column)
