"""curation: annotator roles, article states per annotator, curation state per article

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa



revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('annotators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=20), server_default='annotator', nullable=False))
    op.create_table(
        'article_states',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('annotator_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_states_article_id_articles'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_article_states_annotator_id_annotators')),
        sa.PrimaryKeyConstraint('article_id', 'annotator_id', name=op.f('pk_article_states')),
    )
    op.create_table(
        'article_curation',
        sa.Column('article_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('curator', sa.String(length=200), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_article_curation_article_id_articles'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('article_id', name=op.f('pk_article_curation')),
    )


def downgrade() -> None:
    op.drop_table('article_curation')
    op.drop_table('article_states')
    with op.batch_alter_table('annotators', schema=None) as batch_op:
        batch_op.drop_column('role')
