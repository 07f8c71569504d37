"""Where the database lives: `--db`, then KZT_ANNOTATOR_DB, then the user data dir."""

from __future__ import annotations

import os
from pathlib import Path

from kzt_annotator import APP_NAME

ENV_DB = "KZT_ANNOTATOR_DB"
DEFAULT_DB_NAME = "kzt-annotator.sqlite"


def default_db_path() -> Path:
    import platformdirs  # only without --db or $KZT_ANNOTATOR_DB

    return Path(platformdirs.user_data_dir(APP_NAME)) / DEFAULT_DB_NAME


def resolve_db_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """Turn a path or URL (or nothing) into an SQLAlchemy URL. Plain paths mean SQLite files."""
    value = str(path_or_url) if path_or_url else os.environ.get(ENV_DB) or str(default_db_path())
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    if not rest or rest == ":memory:":
        return None
    return Path(rest.split("?", 1)[0])


def describe(url: str) -> str:
    """A human name for the project: the file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if parts.port:
        netloc = f"{netloc}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def database_login(url: str) -> str | None:
    """The login name in a client/server database URL (PostgreSQL), or None for SQLite files.

    In team mode this is who a session annotates as unless --annotator says otherwise, so nobody
    writes under another name without saying so.
    """
    if sqlite_path(url) is not None or url.startswith("sqlite"):
        return None
    from urllib.parse import unquote, urlsplit

    user = urlsplit(url).username
    return unquote(user) if user else None


SUPPORTED = "an SQLite project file (a path) or PostgreSQL (postgresql+psycopg://USER:PASSWORD@HOST/DATABASE)"


def check_supported(url: str) -> None:
    """Raise InvalidInput (one line) unless `url` is a database kzt-annotator works with:
    SQLite (`sqlite:///…`, what a plain path becomes) or PostgreSQL through psycopg 3."""
    from kzt_annotator.core.errors import InvalidInput

    scheme = url.partition("://")[0].lower()
    if scheme == "sqlite" or scheme == "postgresql+psycopg":
        return
    hint = "; write postgresql+psycopg://…" if scheme in ("postgresql", "postgres") else ""
    raise InvalidInput(f"unsupported database {describe(url)!r}: kzt-annotator works with {SUPPORTED}{hint}")


def connection_failure(url: str, reason: str) -> str:
    """The one-line message for a server that cannot be reached: where (no password) and why."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    where = parts.hostname or "localhost"
    if parts.port:
        where = f"{where}:{parts.port}"
    first = reason.strip().splitlines()[0] if reason.strip() else "no reason given"
    why = first.rsplit(" failed: ", 1)[-1].removeprefix("connection failed: ").strip()
    return (
        f"cannot connect to the PostgreSQL server at {where} ({why[:1].lower()}{why[1:]}); "
        "check the URL and that the server runs"
    )
