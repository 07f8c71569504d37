"""Alembic environment: runs on the connection that `store.migrate` hands over."""

from alembic import context

from kzt_annotator.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode recreates tables.
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
