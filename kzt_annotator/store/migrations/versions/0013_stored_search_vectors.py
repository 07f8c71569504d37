"""PostgreSQL full-text search reads stored search-vector columns, not expression indexes

A GIN index over to_tsvector(text) made every phrase re-parse each candidate article's text, and
the planner, taking to_tsvector for cheap, scanned the table re-parsing every article for a
common word (seconds on 2,000 articles). Generated columns (PostgreSQL 12) keep the vector with
the row; the GIN indexes are built on them. SQLite (FTS5 tables) is left as it is.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from alembic import op

from kzt_annotator.store import search_index

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        search_index.create(connection)
        # the planner's statistics for the new columns (which words are common), until autovacuum's
        op.execute("ANALYZE articles")
        op.execute("ANALYZE annotations")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        search_index.drop(connection)
        search_index.create_expression_indexes(connection)
