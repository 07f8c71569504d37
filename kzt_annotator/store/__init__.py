"""Persistence: SQLAlchemy models, migrations, backups and the Repository API."""
