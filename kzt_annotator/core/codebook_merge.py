"""How a codebook file merges into the project's codebook (`codebook import`, `import-qdpx`).

A file may describe an entry with less detail than the project has: a REFI-QDA code carries a
name, a colour and a description only, and a project exported before its codebook was filled in
carries bare keys. So importing merges, field by field:

- an entry the codebook does not know is added as the file has it;
- an entry it knows (same kind and key, or a key that is the label or an alias of an entry, in
  any case: `Tokayev` for the speaker `Kassym-Jomart Tokayev`) is updated: each label, colour,
  description and parent the file gives replaces the project's, a field the file leaves empty
  keeps the project's, and the file's aliases are added to the entry's own (none is removed);
- a spelling that names an existing entry is never made a second entry of its own.

`merge_import` is pure: it plans from a `Codebook` and the file's entries (parents before
children) and reports what would change; `ImportEntries` (core.codebook_commands) writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.model import CodebookEntry, CodebookKind

EntryKey = tuple[CodebookKind, str]
MERGED_FIELDS = ("label", "colour", "description", "parent", "aliases")


@dataclass(frozen=True, slots=True)
class Matched:
    """A file entry whose key is another spelling (label or alias) of an existing entry."""

    kind: CodebookKind
    spelling: str  # the file's key
    key: str  # the existing entry it was merged into


@dataclass(slots=True)
class ImportPlan:
    """The entries to put (merged, in the file's order) and what changed.

    `before` holds, for each key in `put`, the project's entry (None for a new one); `fields`
    counts the entries whose label, colour, description, parent or aliases changed, by field."""

    put: dict[EntryKey, CodebookEntry] = field(default_factory=dict)
    before: dict[EntryKey, CodebookEntry | None] = field(default_factory=dict)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: list[Matched] = field(default_factory=list)
    fields: Counter[str] = field(default_factory=Counter)


def _merge(old: CodebookEntry, new: CodebookEntry, parent: str | None) -> CodebookEntry:
    """`old` with what `new` adds: non-empty fields replace, aliases are added (none removed,
    except one that is now the key or the label, which names the entry anyway)."""
    label = new.label or old.label
    aliases = tuple(a for a in dict.fromkeys([*old.aliases, *new.aliases]) if a not in (old.key, label))
    return replace(
        old,
        label=label,
        colour=new.colour or old.colour,
        description=new.description or old.description,
        parent=parent or old.parent,
        aliases=aliases,
    )


def merge_import(book: Codebook, incoming: Iterable[CodebookEntry]) -> ImportPlan:
    """Plan the merge of `incoming` (a file's entries, parents before children) into `book`."""
    plan = ImportPlan()
    renamed: dict[EntryKey, str] = {}  # a file key that named an existing entry -> that key
    for entry in incoming:
        kind = entry.kind
        parent = renamed.get((kind, entry.parent), entry.parent) if entry.parent else None
        target = book.get(kind, entry.key)
        if target is None and (kind, entry.key) not in plan.put:
            variant = book.resolve(kind, entry.key)
            if variant is not None:
                target = variant
                renamed[(kind, entry.key)] = variant.key
                plan.matched.append(Matched(kind, entry.key, variant.key))
        key = (kind, target.key if target is not None else entry.key)
        current = plan.put.get(key) or target
        if current is None:
            merged = replace(entry, parent=parent)
        else:
            merged = _merge(current, entry, parent)
            if merged.parent == merged.key:  # an alias's parent was the entry itself
                merged = replace(merged, parent=current.parent)
        plan.before.setdefault(key, book.get(*key))
        plan.put[key] = merged
    for key, merged in plan.put.items():
        old = plan.before[key]
        if old is None:
            plan.added += 1
        elif old == merged:
            plan.unchanged += 1
        else:
            plan.updated += 1
            plan.fields.update(name for name in MERGED_FIELDS if getattr(old, name) != getattr(merged, name))
    return plan


def describe(plan: ImportPlan) -> str:
    """One line for the user: '3 added, 2 updated (colour, description), 1 unchanged; …'."""
    changed = ", ".join(name for name in MERGED_FIELDS if plan.fields.get(name))
    text = f"{plan.added} added, {plan.updated} updated"
    if changed:
        text += f" ({changed})"
    text += f", {plan.unchanged} unchanged"
    if plan.matched:
        shown = "; ".join(f"{m.spelling!r} is the {m.kind.value} {m.key!r}" for m in plan.matched[:3])
        more = f" and {len(plan.matched) - 3} more" if len(plan.matched) > 3 else ""
        text += f"; merged into existing entries: {shown}{more}"
    return text
