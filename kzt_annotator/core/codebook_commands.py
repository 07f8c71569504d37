"""Undoable codebook edits: add, edit, rename, move, merge, split, delete, import.

Each command reads the codebook and the values that use an entry from a `CodebookStore` (the
Repository satisfies it), plans one `CodebookWrite` (entries to put and remove, annotation and
article values to rewrite) and its exact inverse, and hands the store one of them: one
transaction each way. A rewrite names the value it expects to replace, so a value someone
changed meanwhile makes the whole write fail and nothing is changed.

Redo plans again from the restored state, so it gives the same result as the first run.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.codebook import Codebook, clean_key, fold, make_entry
from kzt_annotator.core.codebook_merge import merge_import
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import CodebookEntry, CodebookKind

EntryKey = tuple[CodebookKind, str]


@dataclass(frozen=True, slots=True)
class Use:
    """A stored value that names a codebook entry: an annotation attribute or an article's outlet."""

    target: str  # "annotation" | "article"
    ident: str | int  # annotation id | article id
    field: str  # attribute name, or "outlet"
    value: str


@dataclass(frozen=True, slots=True)
class ValueChange:
    target: str
    ident: str | int
    field: str
    old: str
    new: str

    def inverse(self) -> ValueChange:
        return ValueChange(self.target, self.ident, self.field, self.new, self.old)


@dataclass(frozen=True, slots=True)
class CodebookWrite:
    """One transaction: remove entries, put (insert or replace) entries, rewrite values."""

    remove: tuple[EntryKey, ...] = ()
    put: tuple[CodebookEntry, ...] = ()
    values: tuple[ValueChange, ...] = ()


class CodebookStore(Protocol):
    def codebook(self, kind: CodebookKind | None = None) -> list[CodebookEntry]: ...
    def codebook_uses(self, kind: CodebookKind, match: Callable[[str], bool]) -> list[Use]: ...
    def write_codebook(self, write: CodebookWrite) -> Changes: ...


def _plan(
    before: dict[EntryKey, CodebookEntry | None],
    after: dict[EntryKey, CodebookEntry | None],
    values: Iterable[ValueChange],
) -> tuple[CodebookWrite, CodebookWrite]:
    """The write from `before` to `after` (entries by key; None = absent) and its inverse."""
    changes = tuple(values)

    def write(src: dict, dst: dict, vals: tuple[ValueChange, ...]) -> CodebookWrite:
        remove = tuple(k for k, e in dst.items() if e is None and src.get(k) is not None)
        put = tuple(e for k, e in dst.items() if e is not None and e != src.get(k))
        # Entries a put renames away from must go first: remove before put in one transaction.
        return CodebookWrite(remove, put, vals)

    return write(before, after, changes), write(after, before, tuple(v.inverse() for v in changes))


def _key_matcher(kind: CodebookKind, *spellings: str) -> Callable[[str], bool]:
    wanted = {fold(kind, s) for s in spellings if s}
    return lambda value: fold(kind, value) in wanted


class CodebookCommand:
    """Base: subclasses implement `plan`; do/undo run the planned writes."""

    label = "Edit codebook"

    def __init__(self) -> None:
        self._undo: CodebookWrite | None = None

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        raise NotImplementedError

    def check(self, store: CodebookStore) -> None:
        """Plan against the current state without writing: InvalidInput if the edit is refused."""
        self.plan(Codebook(store.codebook()), store)

    def do(self, store: CodebookStore) -> Changes:  # type: ignore[override]
        forward, self._undo = self.plan(Codebook(store.codebook()), store)
        return store.write_codebook(forward)

    def undo(self, store: CodebookStore) -> Changes:  # type: ignore[override]
        assert self._undo is not None, "undo before do"
        return store.write_codebook(self._undo)


class AddEntry(CodebookCommand):
    def __init__(self, entry: CodebookEntry) -> None:
        super().__init__()
        self.entry = entry
        self.label = f"Add {entry.kind.value} “{entry.key}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        e = self.entry
        if (e.kind, e.key) in book:
            raise InvalidInput(f"the codebook already has a {e.kind.value} {e.key!r}")
        book.check_parent(e.kind, e.key, e.parent)
        _check_aliases(book, e)
        return _plan({(e.kind, e.key): None}, {(e.kind, e.key): e}, ())


class UpdateEntry(CodebookCommand):
    """Change an entry's label, colour, description and aliases (not its key or parent).

    Values that spell the old label are rewritten to the new one, so they keep naming the entry.
    """

    def __init__(self, after: CodebookEntry) -> None:
        super().__init__()
        self.after = after
        self.label = f"Edit {after.kind.value} “{after.key}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        before = book.require(self.after.kind, self.after.key)
        after = replace(self.after, parent=before.parent)
        _check_aliases(book, after)
        values: list[ValueChange] = []
        kind = after.kind
        if before.label and after.label and fold(kind, before.label) != fold(kind, after.label):
            for use in store.codebook_uses(kind, _key_matcher(kind, before.label)):
                values.append(ValueChange(use.target, use.ident, use.field, use.value, after.label))
        key = (kind, after.key)
        return _plan({key: before}, {key: after}, values)


class RenameEntry(CodebookCommand):
    """A new key for an entry: its children follow, and every value spelling the old key is rewritten."""

    def __init__(self, kind: CodebookKind, key: str, new_key: str) -> None:
        super().__init__()
        self.kind, self.key, self.new_key = kind, clean_key(kind, key), clean_key(kind, new_key)
        self.label = f"Rename {kind.value} “{self.key}” to “{self.new_key}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        entry = book.require(self.kind, self.key)
        if self.new_key == self.key:
            raise InvalidInput(f"{self.key!r} already has that key")
        if (self.kind, self.new_key) in book:
            raise InvalidInput(
                f"the codebook already has a {self.kind.value} {self.new_key!r}; "
                f"merge the two with `codebook merge {self.kind.value} {self.key} --into {self.new_key}`"
            )
        before: dict[EntryKey, CodebookEntry | None] = {
            (self.kind, self.key): entry,
            (self.kind, self.new_key): None,
        }
        after: dict[EntryKey, CodebookEntry | None] = {
            (self.kind, self.key): None,
            (self.kind, self.new_key): replace(entry, key=self.new_key),
        }
        for child in book.children(self.kind, self.key):
            before[(self.kind, child.key)] = child
            after[(self.kind, child.key)] = replace(child, parent=self.new_key)
        uses = store.codebook_uses(self.kind, _key_matcher(self.kind, self.key))
        values = [ValueChange(u.target, u.ident, u.field, u.value, self.new_key) for u in uses]
        return _plan(before, after, values)


class MoveEntry(CodebookCommand):
    """Give an entry a new parent (None: a top-level entry). A cycle is refused."""

    def __init__(self, kind: CodebookKind, key: str, parent: str | None) -> None:
        super().__init__()
        self.kind, self.key = kind, clean_key(kind, key)
        self.parent = clean_key(kind, parent) if parent else None
        where = f"under “{self.parent}”" if self.parent else "to the top level"
        self.label = f"Move {kind.value} “{self.key}” {where}"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        entry = book.require(self.kind, self.key)
        book.check_parent(self.kind, self.key, self.parent)
        key = (self.kind, self.key)
        return _plan({key: entry}, {key: replace(entry, parent=self.parent)}, ())


class MergeEntries(CodebookCommand):
    """Fold entries into one: their values are rewritten to the target's key, their keys, labels
    and aliases become the target's aliases, their children move under the target."""

    def __init__(self, kind: CodebookKind, sources: Collection[str], target: str) -> None:
        super().__init__()
        self.kind, self.target = kind, clean_key(kind, target)
        self.sources = [k for k in dict.fromkeys(clean_key(kind, s) for s in sources) if k != self.target]
        self.label = f"Merge {', '.join(self.sources)} into {kind.value} “{self.target}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        if not self.sources:
            raise InvalidInput("name at least one entry to merge into another")
        target = book.require(self.kind, self.target)
        sources = [book.require(self.kind, s) for s in self.sources]
        for source in sources:
            if source.key in book.ancestors(self.kind, self.target):
                raise InvalidInput(f"{self.target!r} lies under {source.key!r}; merge it upward instead")
        before: dict[EntryKey, CodebookEntry | None] = {(self.kind, e.key): e for e in [target, *sources]}
        after: dict[EntryKey, CodebookEntry | None] = {(self.kind, e.key): None for e in sources}
        variants = [v for s in sources for v in (s.key, s.label, *s.aliases) if v]
        merged = make_entry(
            self.kind,
            target.key,
            target.label,
            colour=target.colour,
            description=target.description,
            parent=target.parent,
            aliases=[*target.aliases, *variants],
        )
        after[(self.kind, target.key)] = replace(
            merged, aliases=tuple(a for a in merged.aliases if a != target.label)
        )
        gone = set(self.sources)
        for child in book.entries(self.kind):
            if child.parent in gone and child.key not in gone:
                before[(self.kind, child.key)] = child
                after[(self.kind, child.key)] = replace(child, parent=target.key)
        uses = store.codebook_uses(self.kind, _key_matcher(self.kind, *self.sources))
        values = [ValueChange(u.target, u.ident, u.field, u.value, target.key) for u in uses]
        return _plan(before, after, values)


class SplitEntry(CodebookCommand):
    """Make a new entry (under the split one unless told otherwise) and move chosen annotations
    to it: `deaths` split into `deaths.security_forces` for the figures that count officers."""

    def __init__(
        self, kind: CodebookKind, key: str, new_entry: CodebookEntry, annotation_ids: Collection[str]
    ) -> None:
        super().__init__()
        self.kind, self.key = kind, clean_key(kind, key)
        self.new_entry = new_entry
        self.annotation_ids = set(annotation_ids)
        self.label = f"Split {kind.value} “{self.key}”: {len(self.annotation_ids)} to “{new_entry.key}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        entry = book.require(self.kind, self.key)
        new = self.new_entry
        if new.kind is not self.kind:
            raise InvalidInput(f"a {self.kind.value} splits into {self.kind.value} entries only")
        if (self.kind, new.key) in book:
            raise InvalidInput(f"the codebook already has a {self.kind.value} {new.key!r}")
        book.check_parent(self.kind, new.key, new.parent)
        variants = [v for v in (entry.key, entry.label, *entry.aliases) if v]
        uses = [
            u
            for u in store.codebook_uses(self.kind, _key_matcher(self.kind, *variants))
            if u.target == "annotation" and u.ident in self.annotation_ids
        ]
        missing = self.annotation_ids - {u.ident for u in uses}
        if missing:
            raise InvalidInput(
                f"{len(missing)} of the chosen annotations do not use {self.key!r} "
                f"(for example {sorted(missing, key=str)[0]})"
            )
        values = [ValueChange(u.target, u.ident, u.field, u.value, new.key) for u in uses]
        key = (self.kind, new.key)
        return _plan({key: None}, {key: new}, values)


class DeleteEntry(CodebookCommand):
    """Remove an entry; its children move up to its parent. Values that use it are kept as text."""

    def __init__(self, kind: CodebookKind, key: str) -> None:
        super().__init__()
        self.kind, self.key = kind, clean_key(kind, key)
        self.label = f"Delete {kind.value} “{self.key}”"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        entry = book.require(self.kind, self.key)
        before: dict[EntryKey, CodebookEntry | None] = {(self.kind, self.key): entry}
        after: dict[EntryKey, CodebookEntry | None] = {(self.kind, self.key): None}
        for child in book.children(self.kind, self.key):
            before[(self.kind, child.key)] = child
            after[(self.kind, child.key)] = replace(child, parent=entry.parent)
        return _plan(before, after, ())


class ImportEntries(CodebookCommand):
    """Merge many entries at once (a codebook file; see core.codebook_merge): new entries are
    added, known ones take the fields the file gives and keep the rest; the tree is checked as
    a whole."""

    def __init__(self, entries: Collection[CodebookEntry], source: str = "file") -> None:
        super().__init__()
        self.entries = list(entries)
        self.label = f"Import {len(self.entries)} codebook entries from {source}"

    def plan(self, book: Codebook, store: CodebookStore) -> tuple[CodebookWrite, CodebookWrite]:
        merged = merge_import(book, self.entries)
        incoming = merged.put
        combined = Codebook(
            [*(e for e in book.entries() if (e.kind, e.key) not in incoming), *incoming.values()]
        )
        for entry in incoming.values():
            combined.check_parent(entry.kind, entry.key, entry.parent)
        return _plan(dict(merged.before), dict(incoming), ())  # type: ignore[arg-type]


def _check_aliases(book: Codebook, entry: CodebookEntry) -> None:
    """An alias may not already name another entry of the same kind (it would mean two things)."""
    for alias in (*entry.aliases, entry.label):
        other = book.resolve(entry.kind, alias)
        if other is not None and other.key != entry.key and alias:
            raise InvalidInput(
                f"{alias!r} already names the {entry.kind.value} {other.key!r}; merge the two entries instead"
            )
