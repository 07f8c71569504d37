"""Check an SQLite project file before anything touches it, so a problem is named for what it is.

A damaged file, a file that is not a project, a read-only folder or a mistyped path would
otherwise surface later as a confusing backup, disk-space or "unable to open" error.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kzt_annotator.core.errors import KztError, NotFound

SQLITE_HEADER = b"SQLite format 3\x00"


class MissingProject(NotFound):
    """No project file at `path` (and none may be made there). `str()` is the command line's one
    line (naming --db and `init`); `path` lets the GUI word it for a desktop user."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class DamagedProject(KztError):
    """The project file is damaged or is not a project. `str()` is the command line's one line
    (naming --db and the verbs); `path` lets the GUI word it for a desktop user."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def check_project_file(db_file: Path, *, create: bool) -> None:
    """Raise KztError (NotFound for a missing file) with one actionable line, or return.

    `create`: whether a missing file may be created (a new, empty project). Checks, in order:
    the path is not a folder; it exists (or may be created in a writable folder); it starts
    with the SQLite header and its schema can be read; the file and its folder are writable
    (SQLite keeps its journal beside the file, backups go next to it).
    """
    if db_file.is_dir():
        raise KztError(f"{db_file} is a folder; give the path of a project file (.sqlite)")
    folder = db_file.parent
    if not db_file.exists():
        if not create:
            raise MissingProject(
                f"no project at {db_file}; check --db (a new project is made by "
                f"`kzt-annotator init --db {db_file}` or `kzt-annotator import --db {db_file} FILES`)",
                db_file,
            )
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise KztError(f"cannot create a project in {folder}: the folder is read-only; choose another")
        return
    try:
        with open(db_file, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise KztError(f"cannot read {db_file}: permission denied; check the file's permissions") from None
    if header and header != SQLITE_HEADER:
        raise DamagedProject(
            f"{db_file} is damaged or is not a kzt-annotator project (it is not an SQLite database); "
            "check --db, or restore a backup (`kzt-annotator backups`, then `restore`)",
            db_file,
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KztError(
            f"the project's folder {folder} is read-only; kzt-annotator writes its journal and backups "
            "beside the project: make the folder writable or copy the project to one that is"
        )
    if not os.access(db_file, os.W_OK):
        raise KztError(f"the project file {db_file} is read-only; make it writable or work on a copy")
    if header:
        _probe(db_file)


def _probe(db_file: Path) -> None:
    """Read the schema (a few pages): an SQLite file damaged inside fails here, not in a backup."""
    try:
        probe = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise KztError(f"cannot open {db_file} ({exc}); check the file and its folder") from None
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return  # another writer holds it; the busy timeout of the real connection handles that
        raise DamagedProject(
            f"{db_file} is damaged ({exc}); restore a backup (`kzt-annotator backups`, then `restore`)",
            db_file,
        ) from None
    finally:
        probe.close()
