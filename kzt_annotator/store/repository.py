"""The Repository: every read and write of project data, taking and returning core types.

Each public writing method is one transaction (one user action). SQLite writers begin with
BEGIN IMMEDIATE and are retried a bounded number of times if the file stays busy, so a user
never sees "database is locked" for a short overlap with another process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import DatabaseError, OperationalError

from kzt_annotator.core.errors import KztError
from kzt_annotator.store import migrate
from kzt_annotator.store.backup import DEFAULT_KEEP, backup_due, make_backup
from kzt_annotator.store.engine import make_engine
from kzt_annotator.store.location import (
    check_supported,
    connection_failure,
    describe,
    resolve_db_url,
    sqlite_path,
)
from kzt_annotator.store.project_file import check_project_file
from kzt_annotator.store.repo_annotations import AnnotationMethods
from kzt_annotator.store.repo_article_lines import ArticleLineMethods
from kzt_annotator.store.repo_articles import ArticleMethods
from kzt_annotator.store.repo_base import AnnotationFilter, DatabaseBusy, RepositoryBase
from kzt_annotator.store.repo_codebook import CodebookMethods
from kzt_annotator.store.repo_curation import CurationMethods
from kzt_annotator.store.repo_deletion import DeletionMethods
from kzt_annotator.store.repo_dismissed import DismissedSuggestionMethods
from kzt_annotator.store.repo_feeds import FeedMethods
from kzt_annotator.store.repo_figures import FigureMethods
from kzt_annotator.store.repo_relations import RelationMethods
from kzt_annotator.store.repo_schema import SchemaMethods
from kzt_annotator.store.repo_search import SearchMethods
from kzt_annotator.store.repo_variables import VariableMethods

__all__ = ["AnnotationFilter", "DatabaseBusy", "Repository", "open_repository"]


def open_repository(
    path_or_url: str | Path | None = None,
    *,
    migrate_db: bool = True,
    backup_keep: int = DEFAULT_KEEP,
    create: bool = True,
    on_backup_failure: Callable[[str], None] | None = None,
    backup_on_open: bool = True,
) -> Repository:
    """Open (and create or upgrade) the project at `path_or_url` (see `store.location`).

    `create=False` refuses a project file that does not exist (NotFound) instead of making an
    empty one. The on-open backup is taken after the file is checked; if it fails, the
    KztError is raised, or, when `on_backup_failure` is given, passed to it as a message and
    the project opens without a backup (for reading and exporting). `backup_on_open=False`
    takes none (a caller that only reads: the next opening that may write takes it, since the
    project still changed after its newest backup); a migration still backs up first.
    """
    url = resolve_db_url(path_or_url)
    check_supported(url)  # a one-line refusal, not a missing driver module
    db_file = sqlite_path(url)
    due = False
    if db_file is not None:
        # before the check's read touches the WAL
        due = backup_on_open and backup_keep > 0 and backup_due(db_file)
        check_project_file(db_file, create=create)
    if db_file is not None and due:
        try:
            make_backup(db_file, "on-open", keep=backup_keep)
        except KztError as exc:
            if on_backup_failure is None:
                raise
            on_backup_failure(str(exc))
    engine = make_engine(url)
    if db_file is None and not url.startswith("sqlite"):
        try:  # a server that cannot be reached is said as such, not as a failed upgrade
            with engine.connect():
                pass
        except OperationalError as exc:
            engine.dispose()
            raise KztError(connection_failure(url, str(exc.orig))) from None
    try:
        if migrate_db:
            migrate.upgrade(engine, db_file, keep=backup_keep)
    except DatabaseError as exc:
        engine.dispose()
        raise KztError(f"cannot open the database {describe(url)}: {exc.orig}") from exc
    except Exception:
        engine.dispose()
        raise
    return Repository(engine, url)


class Repository(
    SchemaMethods,
    FeedMethods,
    RelationMethods,
    ArticleMethods,
    ArticleLineMethods,
    AnnotationMethods,
    DismissedSuggestionMethods,
    FigureMethods,
    CurationMethods,
    CodebookMethods,
    VariableMethods,
    DeletionMethods,
    SearchMethods,
    RepositoryBase,
):
    """Every read and write of project data (the methods live in the repo_* modules)."""
