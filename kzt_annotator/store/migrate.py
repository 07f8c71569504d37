"""Bring a database to the current schema with Alembic, backing up SQLite files first.

The whole upgrade runs in one transaction (SQLite and PostgreSQL both have transactional DDL),
so a failed migration leaves the file as it was; the backup is a second line of defence.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from kzt_annotator.core.errors import KztError
from kzt_annotator.store.backup import make_backup

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = str(Path(__file__).with_name("migrations"))
# The newest revision in migrations/versions (a test keeps them equal). Opening a project that is
# already there needs no Alembic at all: importing it and reading the scripts costs ~150 ms of
# every start.
SCHEMA_HEAD = "0014"
# Alembic runs a migration through module-level proxies (alembic.context, alembic.op) that point at
# the one migration in progress: two upgrades on two threads at once (two new projects opened
# together) ran into each other ("table annotators already exists", KeyError 'script'). One
# upgrade at a time in a process; other processes have their own Alembic.
_ALEMBIC = threading.Lock()


def alembic_config(script_location: str = MIGRATIONS) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", script_location)
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database says it has (None: no schema yet)."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # no alembic_version table: a new (or a foreign) database


def upgrade(
    engine: Engine, db_file: Path | None, target: str = "head", keep: int = 10, config: Config | None = None
) -> bool:
    """Upgrade to `target`; returns True when something was migrated. One upgrade runs at a time in
    a process (see _ALEMBIC). Raises KztError (one line) for a database of a newer version, an
    SQLite file that is not a project, or a migration that failed (the file is left unchanged)."""
    if config is None and target in ("head", SCHEMA_HEAD) and current_revision(engine) == SCHEMA_HEAD:
        return False
    with _ALEMBIC:  # the revision is read again under the lock: another thread may have migrated it
        return _upgrade(engine, db_file, target, keep, config)


def _upgrade(engine: Engine, db_file: Path | None, target: str, keep: int, config: Config | None) -> bool:
    from alembic import command
    from alembic.script import ScriptDirectory

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
