"""Codebook use cases shared by the CLI and the GUI.

Each edit is a core command (core.codebook_commands): `*_command` builds and checks one for the
GUI to push on its undo stack; the plain functions run it at once (the CLI) and return the
change record. Every function raises InvalidInput (one line, nothing changed) for bad input:
an unknown key, a cycle in the tree, a bad colour, an alias that already names another entry.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.codebook import Codebook, fold, make_entry
from kzt_annotator.core.codebook_commands import (
    AddEntry,
    CodebookCommand,
    CodebookStore,
    DeleteEntry,
    ImportEntries,
    MergeEntries,
    MoveEntry,
    RenameEntry,
    SplitEntry,
    UpdateEntry,
)
from kzt_annotator.core.codebook_merge import describe, merge_import
from kzt_annotator.core.model import CodebookEntry, CodebookKind
from kzt_annotator.store.backup import DEFAULT_KEEP, make_backup

if TYPE_CHECKING:
    from kzt_annotator.services.project import Project

__all__ = [
    "ImportResult",
    "add_entry",
    "article_uses",
    "delete_entry",
    "entries",
    "export_codebook",
    "import_codebook",
    "load",
    "make_entry",
    "merge_entries",
    "move_entry",
    "rename_entry",
    "run",
    "split_entry",
    "update_entry",
]


def load(store: CodebookStore) -> Codebook:
    """The project's codebook with its resolver (read once; rebuild after a codebook change)."""
    return Codebook(store.codebook())


def entries(store: CodebookStore, kind: CodebookKind | None = None) -> list[CodebookEntry]:
    """Entries in tree order: each parent before its children, siblings by key."""
    return [row.entry for row in load(store).tree(kind)]


def run(store: CodebookStore, command: CodebookCommand) -> Changes:
    """Run a codebook command at once (what the CLI does; the GUI pushes it instead)."""
    return command.do(store)


def checked(store: CodebookStore, command: CodebookCommand) -> CodebookCommand:
    """`command` after a dry plan: InvalidInput now rather than from inside an undo stack."""
    command.check(store)
    return command


def add_command(store: CodebookStore, entry: CodebookEntry) -> CodebookCommand:
    return checked(store, AddEntry(entry))


def update_command(store: CodebookStore, entry: CodebookEntry) -> CodebookCommand:
    return checked(store, UpdateEntry(entry))


def rename_command(store: CodebookStore, kind: CodebookKind, key: str, new_key: str) -> CodebookCommand:
    return checked(store, RenameEntry(kind, key, new_key))


def move_command(store: CodebookStore, kind: CodebookKind, key: str, parent: str | None) -> CodebookCommand:
    return checked(store, MoveEntry(kind, key, parent))


def merge_command(
    store: CodebookStore, kind: CodebookKind, sources: Collection[str], target: str
) -> CodebookCommand:
    return checked(store, MergeEntries(kind, sources, target))


def split_command(
    store: CodebookStore,
    kind: CodebookKind,
    key: str,
    new_entry: CodebookEntry,
    annotation_ids: Collection[str],
) -> CodebookCommand:
    return checked(store, SplitEntry(kind, key, new_entry, annotation_ids))


def article_uses(project: Project, entry: CodebookEntry, article_id: int) -> list[str]:
    """The ids of one article's annotations whose attribute names `entry` (its key, label or an
    alias, compared as the codebook folds them), in the order the store finds them: what the GUI
    splits off into a new child entry. Reads the entry's uses, then the article's annotation ids."""
    variants = {fold(entry.kind, v) for v in (entry.key, entry.label, *entry.aliases) if v}
    uses = project.codebook_uses(entry.kind, lambda value: fold(entry.kind, value) in variants)
    mine = set(project.article_annotations(article_id).ids())
    return [u.ident for u in uses if u.target == "annotation" and u.ident in mine]


def delete_command(store: CodebookStore, kind: CodebookKind, key: str) -> CodebookCommand:
    return checked(store, DeleteEntry(kind, key))


def add_entry(store: CodebookStore, entry: CodebookEntry) -> Changes:
    return run(store, add_command(store, entry))


def update_entry(store: CodebookStore, entry: CodebookEntry) -> Changes:
    return run(store, update_command(store, entry))


def rename_entry(store: CodebookStore, kind: CodebookKind, key: str, new_key: str) -> Changes:
    return run(store, rename_command(store, kind, key, new_key))


def move_entry(store: CodebookStore, kind: CodebookKind, key: str, parent: str | None) -> Changes:
    return run(store, move_command(store, kind, key, parent))


def merge_entries(store: CodebookStore, kind: CodebookKind, sources: Collection[str], target: str) -> Changes:
    return run(store, merge_command(store, kind, sources, target))


def split_entry(
    store: CodebookStore,
    kind: CodebookKind,
    key: str,
    new_entry: CodebookEntry,
    annotation_ids: Collection[str],
) -> Changes:
    return run(store, split_command(store, kind, key, new_entry, annotation_ids))


def delete_entry(store: CodebookStore, kind: CodebookKind, key: str) -> Changes:
    return run(store, delete_command(store, kind, key))


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a codebook import did (or would do): counts of entries, and `summary`, one line for
    the user (core.codebook_merge.describe: the fields that changed, spellings merged into
    existing entries)."""

    added: int
    updated: int
    unchanged: int
    changes: Changes
    summary: str = ""
    backup: Path | None = None  # the copy taken before the import (SQLite projects)


def import_command(
    store: CodebookStore, path: Path, *, backup_keep: int = DEFAULT_KEEP
) -> tuple[CodebookCommand, ImportResult]:
    """Read a codebook file (format by suffix) and build the one command that merges it in;
    when it would change anything, back the project up first (a milestone backup, as imports
    take). InvalidInput (one line, nothing changed) for a bad file or tree."""
    from kzt_annotator.services.codebook_files import format_for  # the file formats load when used

    fmt = format_for(Path(path), writing=False)
    assert fmt.read is not None
    incoming = fmt.read(Path(path))
    command, result = import_entries_command(store, incoming, Path(path).name)
    db_file = getattr(store, "db_file", None)
    if db_file is not None and (result.added or result.updated):
        result = replace(result, backup=make_backup(db_file, "before-codebook-import", keep=backup_keep))
    return command, result


def import_entries_command(
    store: CodebookStore, incoming: Iterable[CodebookEntry], source: str
) -> tuple[CodebookCommand, ImportResult]:
    """The command that merges `incoming` in as a whole (tree checked; see
    core.codebook_merge), and what it will change."""
    items = list(incoming)
    plan = merge_import(load(store), items)
    command = checked(store, ImportEntries(items, source))
    return command, ImportResult(plan.added, plan.updated, plan.unchanged, Changes(), describe(plan))


def import_codebook(store: CodebookStore, path: Path, *, backup_keep: int = DEFAULT_KEEP) -> ImportResult:
    """Merge a codebook file into the codebook, whole or not at all (backup first; see
    import_command)."""
    command, result = import_command(store, path, backup_keep=backup_keep)
    return replace(result, changes=run(store, command))


def export_codebook(store: CodebookStore, path: Path, kind: CodebookKind | None = None) -> int:
    """Write the codebook (format by suffix) in tree order; returns how many entries."""
    from kzt_annotator.services.codebook_files import format_for

    fmt = format_for(Path(path), writing=True)
    assert fmt.write is not None
    return fmt.write(Path(path), entries(store, kind))


def parse_aliases(values: Iterable[str] | None) -> list[str]:
    """`--alias A --alias "B; C"` -> ['A', 'B', 'C']."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(";") if part.strip())
    return out


def require_entry(store: CodebookStore, kind: CodebookKind, key: str) -> CodebookEntry:
    """The entry, or InvalidInput naming the key (see Codebook.require)."""
    return load(store).require(kind, key)
