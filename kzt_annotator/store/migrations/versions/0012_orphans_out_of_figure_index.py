"""orphaned figures leave the figure index: triggers recreated, the index rebuilt

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29
"""

from alembic import op

from kzt_annotator.store import figure_index

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    figure_index.drop_triggers(connection)
    figure_index.create_triggers(connection)
    figure_index.rebuild(connection)


def downgrade() -> None:
    pass  # the triggers of 0005 indexed orphans too; keeping them out does no harm
