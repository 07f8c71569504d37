"""figure_summary stored in the order the discrepancy panel groups it: quantity, article, unit, date

The panel groups the figure index per quantity, article, unit (and date). Keyed by quantity, date,
status, article, ... the table had to be sorted for that on every read (a quarter of the time of
the panel's query on 100,000 figures). Keyed by quantity, article_id, unit, as_of, status,
qualifier, shape the rows come in group order: on SQLite the table is stored by its key (WITHOUT
ROWID, which also spares the separate key index each figure's upsert wrote to); on PostgreSQL the
key's index follows the same order. The key's columns, and so what is unique, stay the same.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from kzt_annotator.store import figure_index

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

KEY = ("quantity", "article_id", "unit", "as_of", "status", "qualifier", "shape")
COLUMNS = (*KEY, "n", "min_value", "max_value", "min_low", "max_low", "min_high", "max_high")


OLD_KEY = ("quantity", "as_of", "status", "article_id", "qualifier", "shape", "unit")  # 0010


def upgrade() -> None:
    _key_in_order(KEY, with_rowid=False)


def downgrade() -> None:
    _key_in_order(OLD_KEY, with_rowid=True)


def _key_in_order(key: tuple[str, ...], *, with_rowid: bool) -> None:
    """Key figure_summary by `key`, in that order (same columns, same rows, same uniqueness)."""
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE figure_summary DROP CONSTRAINT pk_figure_summary, "
            f"ADD CONSTRAINT pk_figure_summary PRIMARY KEY ({', '.join(key)})"
        )
        return
    figure_index.drop_triggers(connection)  # they name the table: made again below
    op.create_table(
        "figure_summary_by_group",
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
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_figure_summary")),
        sqlite_with_rowid=with_rowid,
    )
    columns = ", ".join(COLUMNS)
    op.execute(f"INSERT INTO figure_summary_by_group ({columns}) SELECT {columns} FROM figure_summary")
    op.drop_table("figure_summary")
    op.rename_table("figure_summary_by_group", "figure_summary")
    figure_index.create_triggers(connection)
