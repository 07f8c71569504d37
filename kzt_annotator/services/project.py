"""The open project as the GUI sees it: opening one, its backups, and the reads its windows need.

The GUI holds a `Project` (the project's repository) only to hand it to services; it imports
nothing from `kzt_annotator.store` (an import-linter contract in pyproject.toml). The CLI opens
projects through cli_verbs.common and restores backups through the same store functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation
from kzt_annotator.core.schema import Schema
from kzt_annotator.store.annotation_list import AnnotationList
from kzt_annotator.store.backup import DEFAULT_KEEP, BackupInfo, list_backups, restore_backup
from kzt_annotator.store.location import database_login
from kzt_annotator.store.repository import AnnotationFilter, Repository, open_repository

Project = Repository  # what services take; the GUI passes it on and runs no query through it

__all__ = [
    "AnnotationList",
    "BackupInfo",
    "Project",
    "annotation",
    "article_annotations",
    "backups",
    "login",
    "open_project",
    "restore",
    "schema",
    "variable_names",
]


def open_project(
    path_or_url: str | Path | None = None,
    *,
    backup_keep: int = DEFAULT_KEEP,
    on_backup_failure: Callable[[str], None] | None = None,
) -> Project:
    """Open (create or upgrade) a project file or server URL; raises KztError (one line) when it
    cannot be opened (see store.repository.open_repository)."""
    return open_repository(path_or_url, backup_keep=backup_keep, on_backup_failure=on_backup_failure)


def login(project: Project) -> str | None:
    """The database login of a team project (who annotates there), None for a project file."""
    return database_login(project.url)


def backups(project: Project) -> list[BackupInfo]:
    """The project file's backups, newest first; none for a server project."""
    db_file = project.db_file
    return list_backups(db_file) if db_file else []


def restore(project: Project, backup: BackupInfo, keep: int = DEFAULT_KEEP) -> None:
    """Replace the project file with `backup` (the current file is backed up first). The project
    must be closed first and opened again afterwards. Raises KztError (one line)."""
    db_file = project.db_file
    if db_file is None:
        raise InvalidInput("a server project has no backup files to restore")
    restore_backup(db_file, backup.path, keep=keep)


def schema(project: Project) -> Schema:
    """The project's annotation schema (kinds, fields, relation types)."""
    return project.schema()


def variable_names(project: Project) -> list[str]:
    """The names of the project's document variables, in their order."""
    return [v.name for v in project.variables()]


def annotation(project: Project, annotation_id: str) -> Annotation:
    """One annotation; raises NotFound (one line) when there is none with that id."""
    return project.annotation(annotation_id)


def article_annotations(project: Project, article_id: int) -> list[Annotation]:
    """Every annotation of one article, every annotator's and every status."""
    return project.annotations(AnnotationFilter(article_id=article_id))
