"""full-text search index: FTS5 tables and triggers on SQLite, GIN indexes on PostgreSQL

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29
"""

from alembic import op

from kzt_annotator.store import search_index

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":  # as made then; 0013 replaces them
        search_index.create_expression_indexes(connection)
    else:
        search_index.create(connection)


def downgrade() -> None:
    search_index.drop(op.get_bind())
