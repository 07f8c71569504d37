"""Bring a database to the current schema with Alembic, backing up SQLite files first.

The whole upgrade runs in one transaction (SQLite and PostgreSQL both have transactional DDL),
so a failed migration leaves the file as it was; the backup is a second line of defence.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from kzt_annotator.core.errors import KztError
from kzt_annotator.store.backup import make_backup

MIGRATIONS = str(Path(__file__).with_name("migrations"))


def alembic_config(script_location: str = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location)
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(
    engine: Engine, db_file: Path | None, target: str = "head", keep: int = 10, config: Config | None = None
) -> bool:
    """Upgrade to `target`; returns True when something was migrated."""
    config = config or alembic_config()
    scripts = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    wanted = scripts.get_current_head() if target == "head" else target
    if wanted is None:
        raise KztError("this installation of kzt-annotator is missing its database migrations; reinstall it")
    if current == wanted:
        return False
    known = {s.revision for s in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise KztError(
            f"this database was made by a newer kzt-annotator (schema {current}); "
            "upgrade kzt-annotator to open it"
        )
    if current is None and db_file is not None and _has_foreign_tables(engine):
        raise KztError(f"{db_file} is an SQLite database, but not a kzt-annotator project")
    if current is not None and db_file is not None:
        make_backup(db_file, f"pre-migration-{wanted}", keep=keep)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    except KztError:
        raise
    except Exception as exc:
        raise KztError(f"upgrading the database schema failed ({exc}); the file was left unchanged") from exc
    return True


def _has_foreign_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})
