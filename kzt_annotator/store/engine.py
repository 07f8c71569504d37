"""Engine set-up: SQLite with WAL, foreign keys, FULL sync, busy timeout and BEGIN IMMEDIATE.

Deferred BEGIN (the pysqlite default) lets two writers both start reading and then collide with
"database is locked" when one upgrades to a write lock; BEGIN IMMEDIATE takes the write lock up
front, so the busy timeout can do its job. Read-only work keeps a plain deferred BEGIN.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from kzt_annotator.store.location import sqlite_path

BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "kzt_write"


def make_engine(url: str, **kwargs: Any) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _configure_sqlite(engine)
        return engine
    if url.startswith("sqlite"):
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take over transaction handling from pysqlite so we choose the BEGIN mode.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # Hand-made annotations deserve FULL: NORMAL may drop the last commits on power loss.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def write_engine(engine: Engine) -> Engine:
    """The same pool, but transactions begin with a write lock (SQLite) - for every writer."""
    return engine.execution_options(**{WRITE_OPTION: True})


SCAN_CACHE_KIB = 64  # page cache a one-pass read keeps (the default is 2,000 KiB per connection)


@contextmanager
def one_pass(connection: Connection) -> Iterator[None]:
    """Run a read that passes once over a whole table with a small page cache on SQLite.

    Article rows hold their text, so reading every article's title for a list goes through every
    page of the table (about 50 MB for 10,000 articles) and left the connection's cache full of
    them: 2 MB per pooled connection that no later read wanted (they read one article at a time,
    and in WAL mode a connection's cache is emptied anyway once another connection commits).
    Here such a read keeps at most SCAN_CACHE_KIB (as PostgreSQL keeps a sequential scan in a
    small ring of buffers); the connection's cache size is put back afterwards and grows again
    with the reads that use it. Other databases: nothing changes."""
    if connection.dialect.name != "sqlite":
        yield
        return
    size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{SCAN_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(size)}")
