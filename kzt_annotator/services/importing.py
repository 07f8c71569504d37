"""Import article files: parse every file, then store all good ones in one transaction.

One bad file never stops the others (it is reported with its reason); the database write is
all-or-nothing, so a crash or a cancel never leaves half an import behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.model import Article, NewArticle
from kzt_annotator.services.collector import collector_paused
from kzt_annotator.services.import_files import (  # noqa: F401  (re-exported)
    FOLDER_DOCS,
    ImportFailure,
    collect_files,
    shown_path,
)
from kzt_annotator.services.import_workers import (  # noqa: F401  (three of them re-exported)
    PARALLEL_FROM,
    parse_all,
    parse_one,
    with_sketch,
)
from kzt_annotator.store.backup import make_backup
from kzt_annotator.store.repository import Repository

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class Duplicate:
    path: str
    existing_id: int


@dataclass(slots=True)
class ImportReport:
    imported: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)
    skipped: list[ImportFailure] = field(default_factory=list)  # left out on purpose (links)
    warnings: list[ImportFailure] = field(default_factory=list)  # imported, but something left out
    cancelled: bool = False

    @property
    def changes(self) -> Changes:
        return Changes(articles=frozenset(a.id for a in self.imported), articles_added=bool(self.imported))


OWN_FILE = "this is the open project's own database file; it is never read as an article"


def _own_files(repo: Repository) -> set[Path]:
    """The project file and its journal files, which an import must never open: closing any
    handle on them drops this process's SQLite locks (sqlite.org/howtocorrupt.html 2.2)."""
    db_file = repo.db_file
    if db_file is None:
        return set()
    db = Path(db_file).resolve()
    return {db, *(db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal"))}


def _is_own(path: Path, own: set[Path], names: set[str]) -> bool:
    """Whether `path` is one of `own` (see _own_files; `names`: their file names). Resolved only
    when its name is one of theirs or it is a link: resolving every file of an import of 2,000
    took about a tenth of the importing process's time."""
    return (path.name in names or path.is_symlink()) and path.resolve() in own


def import_paths(
    repo: Repository,
    paths: Iterable[Path | str],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    backup_keep: int = 10,
) -> ImportReport:
    """Read `paths` (files, or folders: see collect_files) and store every good article in one
    transaction; returns what was imported, duplicate, refused, skipped or warned about.
    `progress(done, total, file name)` is called as files are parsed; `cancelled()` is asked
    before each file's result is taken (True: nothing is written, the report says cancelled).
    The cyclic garbage collector is paused meanwhile (services/collector.py)."""
    with collector_paused():
        return _import(repo, paths, progress, cancelled, backup_keep)


def _import(
    repo: Repository,
    paths: Iterable[Path | str],
    progress: Progress | None,
    cancelled: Cancelled | None,
    backup_keep: int,
) -> ImportReport:
    skipped: list[ImportFailure] = []
    files, missing = collect_files((Path(p) for p in paths), skipped)
    own_files = _own_files(repo)
    names = {f.name for f in own_files}
    own = [f for f in files if _is_own(f, own_files, names)]
    missing += [ImportFailure(shown_path(f), OWN_FILE) for f in own]
    files = [f for f in files if f not in own] if own else files
    report = ImportReport(failed=list(missing), skipped=skipped)
    parsed: list[tuple[Path, NewArticle]] = []
    for index, (path, outcome) in enumerate(parse_all(files)):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress is not None and (index % 25 == 0 or index == len(files) - 1):
            progress(index, len(files), path.name)
        if isinstance(outcome, list):
            parsed.extend((path, article) for article in outcome)
            notes = sorted({w for article in outcome for w in article.warnings})
            if notes:
                report.warnings.append(ImportFailure(shown_path(path), "; ".join(notes)))
        else:
            report.failed.append(ImportFailure(str(path), outcome))
    if progress is not None:
        progress(len(files), len(files), "")
    if not parsed:
        return report
    if repo.db_file is not None and len(parsed) > 1 and repo.count_articles() > 0:
        make_backup(repo.db_file, "before-import", keep=backup_keep)
    added, duplicates = repo.add_articles([article for _, article in parsed])
    by_identity = {id(article): path for path, article in parsed}
    report.imported = added
    report.duplicates = [Duplicate(str(by_identity[id(new)]), existing) for new, existing in duplicates]
    return report
