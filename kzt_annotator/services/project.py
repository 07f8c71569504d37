"""The open project as the GUI sees it: opening and closing one, its backups, and every read its
windows and panels make.

The GUI holds a `Project` (the project's repository) only to hand it to service functions: it
calls no method and reads no attribute of it (tests/ui/test_ui_layer.py scans kzt_annotator/ui for
any), and it imports nothing from `kzt_annotator.store` (an import-linter contract in
pyproject.toml). Each read here is one repository call, the same query the window made before,
so the tag and open paths make no extra query. The CLI opens projects through cli_verbs.common,
restores backups through the same store functions, and uses these reads where it needs the same
data (`init`, `articles`, `variable list`, `delete-article`, `schema list`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation, Article, ArticleDetails, ArticleLine, ArticleSummary
from kzt_annotator.core.schema import Schema
from kzt_annotator.store.annotation_list import AnnotationList
from kzt_annotator.store.backup import DEFAULT_KEEP, BackupInfo, list_backups, restore_backup
from kzt_annotator.store.location import database_login
from kzt_annotator.store.project_file import DamagedProject, MissingProject
from kzt_annotator.store.repository import AnnotationFilter, Repository, open_repository

if TYPE_CHECKING:
    from kzt_annotator.core.variables import Variable

Project = Repository  # what services take; the GUI only passes it on (see the module docstring)

__all__ = [
    "AnnotationList",
    "BackupInfo",
    "DamagedProject",
    "MissingProject",
    "damaged_file_backups",
    "damaged_project_text",
    "Project",
    "annotation",
    "annotation_rows",
    "annotations_by_ids",
    "annotator_names",
    "article",
    "article_annotations",
    "article_lines",
    "article_details",
    "article_summaries",
    "is_open_here",
    "article_summary",
    "article_titles",
    "backups",
    "change_marker",
    "close_project",
    "count_articles",
    "login",
    "missing_project_text",
    "open_project",
    "project_location",
    "project_name",
    "refresh_schema",
    "restore",
    "restore_damaged",
    "schema",
    "variable_names",
    "variables",
]


# -- the project as a whole -------------------------------------------------------------------
def open_project(
    path_or_url: str | Path | None = None,
    *,
    backup_keep: int = DEFAULT_KEEP,
    on_backup_failure: Callable[[str], None] | None = None,
    create: bool = True,
) -> Project:
    """Open (create or upgrade) a project file or server URL; raises KztError (one line) when it
    cannot be opened (see store.repository.open_repository). `create=False`: a missing file
    raises MissingProject instead of becoming a new, empty project."""
    return open_repository(
        path_or_url, backup_keep=backup_keep, on_backup_failure=on_backup_failure, create=create
    )


def missing_project_text(error: MissingProject) -> str:
    """What a desktop user is told about a project file that is not there (any more)."""
    return (
        f"There is no project at {error.path}: it was moved or deleted, or its drive is not "
        "connected. Choose another project (File → Open), or make one (File → New project)."
    )


def close_project(project: Project) -> None:
    """Let go of the project's database connections (reads still running must have finished)."""
    project.close()


def project_name(project: Project) -> str:
    """The project as a person reads it: the file's path, or the server URL without a password
    (window titles, the recent-projects list, `init`)."""
    return project.name


def project_location(project: Project) -> str:
    """The database URL the project was opened from: `open_project` takes it to open it again."""
    return project.url


def is_open_here(project: Project, path_or_url: str | Path) -> bool:
    """Whether `path_or_url` names the project file `project` already has open (the same file
    on disk, links included). Opening it a second time would read its header with a plain file
    handle, and closing that handle drops this process's SQLite locks on it
    (sqlite.org/howtocorrupt.html 2.2)."""
    db_file = project.db_file
    if db_file is None:
        return str(path_or_url) == project.url
    candidate = Path(str(path_or_url).removeprefix("sqlite:///"))
    try:
        return candidate.exists() and os.path.samefile(candidate, db_file)
    except OSError:
        return False


def login(project: Project) -> str | None:
    """The database login of a team project (who annotates there), None for a project file."""
    return database_login(project.url)


def change_marker(project: Project) -> tuple:
    """A cheap fingerprint of the project's contents (counts and latest changes of annotations,
    articles and relations, then the size of the schema last); it differs after any write by
    anyone. Raises SQLAlchemy's errors on a lost connection (the caller tries again later)."""
    return project.change_marker()


# -- backups ----------------------------------------------------------------------------------
def backups(project: Project) -> list[BackupInfo]:
    """The project file's backups, newest first; none for a server project."""
    db_file = project.db_file
    return list_backups(db_file) if db_file else []


def damaged_file_backups(error: DamagedProject) -> list[BackupInfo]:
    """The backups of the damaged project file `error` names, newest first."""
    return list_backups(error.path)


def damaged_project_text(error: DamagedProject, at_start: bool = False) -> str:
    """What a desktop user is told about a damaged project file: the file, and what to do there
    (the error's own text is the command line's, naming --db and the verbs). `at_start`: the
    window is not open yet, so no other project can be chosen from it."""
    found = list_backups(error.path)
    head = f"{error.path} is damaged or is not a kzt-annotator project."
    if found:
        newest = f"{found[0].created:%Y-%m-%d %H:%M} UTC"
        what = "restore the newest" if at_start else "restore one"
        other = "" if at_start else ", or choose another project (File → Open)"
        return (
            f"{head} It has {len(found)} backup(s), the newest from {newest}: {what} "
            f"(the damaged file is kept beside the backups){other}."
        )
    if at_start:
        return (
            f"{head} It has no backups: move the file away (kzt-annotator then starts with a new, "
            "empty project in its place), or replace it with a copy you trust."
        )
    return f"{head} It has no backups: choose another project (File → Open or File → New project)."


def restore_damaged(error: DamagedProject, backup: BackupInfo, keep: int = DEFAULT_KEEP) -> None:
    """Replace the damaged project file with `backup` (the damaged bytes are kept beside the
    backups; see store.backup.restore_backup). Raises KztError (one line) for an unusable backup."""
    restore_backup(error.path, backup.path, keep=keep)


def restore(project: Project, backup: BackupInfo, keep: int = DEFAULT_KEEP) -> None:
    """Replace the project file with `backup` (the current file is backed up first). The project
    must be closed first and opened again afterwards. Raises KztError (one line)."""
    db_file = project.db_file
    if db_file is None:
        raise InvalidInput("a server project has no backup files to restore")
    restore_backup(db_file, backup.path, keep=keep)


# -- schema and variables ---------------------------------------------------------------------
def schema(project: Project) -> Schema:
    """The project's annotation schema (kinds, fields, relation types); read once per opened
    project and kept (no query after the first call)."""
    return project.schema()


def refresh_schema(project: Project) -> Schema:
    """The schema read again from the database (after kinds or relation types changed, here or
    elsewhere); later `schema` calls return this one."""
    return project.refresh_schema()


def variables(project: Project) -> list[Variable]:
    """The project's document variables (name, type, allowed values), in the order they were added."""
    return project.variables()


def variable_names(project: Project) -> list[str]:
    """The names of the project's document variables, in their order."""
    return [v.name for v in project.variables()]


# -- articles ---------------------------------------------------------------------------------
def article(project: Project, article_id: int) -> Article:
    """One article with its text; raises NotFound (one line) when there is none with that id."""
    return project.article(article_id)


def count_articles(project: Project) -> int:
    """How many articles the project has (one COUNT query)."""
    return project.count_articles()


def article_summaries(project: Project, ids: Sequence[int] | None = None) -> list[ArticleSummary]:
    """Every article (or those with these `ids`) without its text: metadata, annotation counts per
    kind, memo and variable values; ordered by id. Quick for 10,000 articles."""
    return project.article_summaries(ids)


def article_lines(
    project: Project, ids: Sequence[int] | None = None
) -> tuple[list[ArticleLine], tuple[str, ...], tuple[str, ...]]:
    """What the article list shows of every article (or of these `ids`): (compact lines ordered
    by id, the kinds their counts follow, the variable names their values follow). Read in
    chunks; about 0.25 kB per article kept."""
    return project.article_lines(ids)


def article_details(project: Project, article_id: int) -> ArticleDetails | None:
    """What the article list's tooltip adds for one article: source file, length, memo (None when
    there is no such article). One row read by its key."""
    return project.article_details(article_id)


def article_summary(project: Project, article_id: int) -> ArticleSummary:
    """One article without its text; raises NotFound (one line) when there is none with that id."""
    return project.article_summary(article_id)


def article_titles(project: Project, ids: Collection[int] | None = None) -> dict[int, str]:
    """Article id -> title, for every article or those with these `ids` (what the review queue
    labels its rows with: it asks only for the articles of its rows)."""
    if ids is not None:
        return project.article_titles(ids)
    return {i: title for i, (_outlet, title) in project.article_labels().items()}


# -- annotations and annotators ---------------------------------------------------------------
def annotation(project: Project, annotation_id: str) -> Annotation:
    """One annotation; raises NotFound (one line) when there is none with that id."""
    return project.annotation(annotation_id)


def annotations_by_ids(project: Project, ids: Sequence[str]) -> list[Annotation]:
    """The annotations with these ids, in no particular order; ids that do not exist are left out
    (read 900 ids per query)."""
    return project.annotations_by_ids(ids)


def annotation_rows(project: Project, article_id: int) -> AnnotationList:
    """One article's annotations, every annotator's, in (start, end) order, as a lazy list: the
    spans (start, end, kind, id, annotator) are read at once, each full annotation is fetched a
    page at a time when first touched. What the reader and the annotation table show."""
    return project.article_annotations(article_id)


def article_annotations(project: Project, article_id: int) -> list[Annotation]:
    """Every annotation of one article, every annotator's and every status, built at once."""
    return project.annotations(AnnotationFilter(article_id=article_id))


def annotator_names(project: Project) -> list[str]:
    """Every annotator's name in the project, in alphabetical order (the curated layer too)."""
    return [a.name for a in project.annotators()]
