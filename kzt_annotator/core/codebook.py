"""The codebook as data: entry checks, the tree, and variant spellings resolved to one entry.

A `Codebook` is built from `CodebookEntry` records (see core.model). Annotations and articles
store plain text (a key, or a variant spelling of a speaker or outlet); `Codebook.resolve` maps
such a value to its entry, so "Kassym-Shomart Tokayev", "Tokayev" and the key `tokayev` are one
speaker in every view. Keys of quantities and claim keys are normalised like quantity keys
("Death toll" -> `death_toll`); keys of speakers, outlets and categories are kept as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import UNKNOWN_OUTLET, CodebookEntry, CodebookKind

__all__ = ["UNKNOWN_OUTLET", "Codebook", "TreeRow", "clean_colour", "clean_key", "make_entry", "parse_kind"]
NORMALISED_KINDS = frozenset({CodebookKind.QUANTITY, CodebookKind.CLAIM_KEY})
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_KEY = 200

# Which annotation attributes hold a value of which codebook kind. Article outlets are the
# `outlet` column of the article itself.
REFERENCE_FIELDS: dict[CodebookKind, tuple[tuple[Kind, str], ...]] = {
    CodebookKind.QUANTITY: ((Kind.FIGURE, "quantity"),),
    CodebookKind.SPEAKER: (
        (Kind.ATTRIBUTION, "speaker"),
        (Kind.CLAIM, "claimant"),
        (Kind.FIGURE, "figure_source"),
    ),
    CodebookKind.CLAIM_KEY: ((Kind.CLAIM, "claim_key"),),
}


def parse_kind(raw: str) -> CodebookKind:
    """'speaker' -> CodebookKind.SPEAKER; InvalidInput naming the kinds otherwise."""
    try:
        return CodebookKind(raw.strip().lower().replace("-", "_"))
    except ValueError:
        kinds = ", ".join(k.value for k in CodebookKind)
        raise InvalidInput(f"{raw!r} is not a codebook kind; use one of {kinds}") from None


def clean_key(kind: CodebookKind, raw: str) -> str:
    """The stored form of a key: normalised for quantities and claim keys, else stripped."""
    key = normalise_key(raw) if kind in NORMALISED_KINDS else " ".join(raw.split())
    if not key:
        raise InvalidInput(f"a {kind.value} key cannot be empty")
    if len(key) > MAX_KEY:
        raise InvalidInput(f"the key {key[:40]!r}… is longer than {MAX_KEY} characters")
    return key


def clean_colour(raw: str | None) -> str:
    """'' or '#RRGGBB' (upper case); InvalidInput for anything else."""
    text = (raw or "").strip()
    if not text:
        return ""
    if not _COLOUR.match(text):
        raise InvalidInput(f"colour {text!r} is not #RRGGBB (for example #C62828)")
    return text.upper()


def fold(kind: CodebookKind, value: str) -> str:
    """What two spellings must share to be the same value of `kind`."""
    if kind in NORMALISED_KINDS:
        return normalise_key(value)
    return " ".join(value.split()).casefold()


def make_entry(
    kind: CodebookKind,
    key: str,
    label: str | None = None,
    *,
    colour: str | None = None,
    description: str = "",
    parent: str | None = None,
    aliases: Iterable[str] = (),
) -> CodebookEntry:
    """A checked entry (clean key, colour, aliases without duplicates or the key itself)."""
    key = clean_key(kind, key)
    parent_key = clean_key(kind, parent) if parent and parent.strip() else None
    if parent_key == key:
        raise InvalidInput(f"{key!r} cannot be its own parent")
    # Spellings are kept as typed ("Tokayev" beside the key `tokayev`): cue highlighting matches
    # them exactly, while resolving a value ignores case.
    seen = {key}
    kept: list[str] = []
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias not in seen:
            seen.add(alias)
            kept.append(alias)
    return CodebookEntry(
        kind,
        key,
        (label or "").strip(),
        clean_colour(colour),
        description.strip(),
        parent_key,
        tuple(kept),
    )


@dataclass(frozen=True, slots=True)
class TreeRow:
    entry: CodebookEntry
    depth: int


class Codebook:
    """The entries of a project, with their tree and a resolver for variant spellings."""

    def __init__(self, entries: Iterable[CodebookEntry]) -> None:
        self._entries: dict[tuple[CodebookKind, str], CodebookEntry] = {}
        self._variants: dict[tuple[CodebookKind, str], CodebookEntry] = {}
        for entry in entries:
            self._entries[(entry.kind, entry.key)] = entry
        # Keys win over labels, labels over aliases, when two entries share a spelling.
        for pick in (lambda e: e.aliases, lambda e: (e.label,), lambda e: (e.key,)):
            for entry in self._entries.values():
                for variant in pick(entry):
                    if variant:
                        self._variants[(entry.kind, fold(entry.kind, variant))] = entry

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, item: tuple[CodebookKind, str]) -> bool:
        return item in self._entries

    def entries(self, kind: CodebookKind | None = None) -> list[CodebookEntry]:
        return [e for (k, _), e in sorted(self._entries.items()) if kind is None or k is kind]

    def get(self, kind: CodebookKind, key: str) -> CodebookEntry | None:
        return self._entries.get((kind, key))

    def require(self, kind: CodebookKind, key: str) -> CodebookEntry:
        """The entry, or InvalidInput naming the key and what to do."""
        entry = self._entries.get((kind, clean_key(kind, key)))
        if entry is None:
            raise InvalidInput(
                f"no {kind.value} {key!r} in the codebook; see `codebook list --kind {kind.value}`"
            )
        return entry

    def children(self, kind: CodebookKind, key: str) -> list[CodebookEntry]:
        return [e for e in self.entries(kind) if e.parent == key]

    def ancestors(self, kind: CodebookKind, key: str) -> list[str]:
        """Parent, grandparent, ... of `key` (stops at a dangling parent or a loop)."""
        out: list[str] = []
        entry = self._entries.get((kind, key))
        while entry is not None and entry.parent and entry.parent not in out and entry.parent != key:
            out.append(entry.parent)
            entry = self._entries.get((kind, entry.parent))
        return out

    def check_parent(self, kind: CodebookKind, key: str, parent: str | None) -> None:
        """InvalidInput if `parent` is unknown or lies under `key` (a cycle in the tree)."""
        if parent is None:
            return
        if (kind, parent) not in self._entries:
            raise InvalidInput(f"no {kind.value} {parent!r} in the codebook to be the parent of {key!r}")
        if parent == key or key in self.ancestors(kind, parent):
            raise InvalidInput(
                f"{parent!r} lies under {key!r}; making it the parent would make a cycle in the tree"
            )

    def resolve(self, kind: CodebookKind, value: str | None) -> CodebookEntry | None:
        """The entry a stored value means (its key, label or an alias, in any case), or None."""
        if not value:
            return None
        return self._variants.get((kind, fold(kind, value)))

    def resolve_name(self, kind: CodebookKind, value: str | None) -> CodebookEntry | None:
        """A person or body named as written: resolve(), else the entry its last words name
        ("Kassym-Jomart Tokayev" -> the alias "Tokayev"), else, for a surname alone, the one
        entry whose key or label ends with it ("Tokayev" -> "Kassym-Jomart Tokayev"). None when
        no entry, or more than one, fits."""
        entry = self.resolve(kind, value)
        if entry is not None or not value:
            return entry
        words = value.split()
        for n in range(len(words) - 1, 0, -1):
            entry = self.resolve(kind, " ".join(words[-n:]))
            if entry is not None:
                return entry
        last = fold(kind, words[-1]) if words else ""
        if len(words) != 1 or len(last) < 3:
            return None
        fits = {
            e.key
            for e in self.entries(kind)
            for name in (e.key, e.label)
            if name and len(name.split()) > 1 and fold(kind, name.split()[-1]) == last
        }
        return self.get(kind, fits.pop()) if len(fits) == 1 else None

    def canonical(self, kind: CodebookKind, value: str) -> str:
        """The entry key `value` means, else `value` itself in its folded form for grouping."""
        entry = self.resolve(kind, value)
        if entry is not None:
            return entry.key
        return normalise_key(value) if kind in NORMALISED_KINDS else " ".join(value.split())

    def display(self, kind: CodebookKind, value: str | None) -> str:
        """What views show for a stored value: the entry's label (else key), else the value."""
        entry = self.resolve(kind, value)
        return entry.display if entry is not None else (value or "")

    def outlet(self, value: str | None) -> str:
        """An article's outlet as every view names it; never empty, never the title."""
        shown = self.display(CodebookKind.OUTLET, value).strip()
        return shown or UNKNOWN_OUTLET

    def tree(self, kind: CodebookKind | None = None) -> list[TreeRow]:
        """Entries depth first (roots and siblings by key); entries with a dangling parent are roots."""
        rows: list[TreeRow] = []
        kinds = [kind] if kind is not None else list(CodebookKind)
        for k in kinds:
            entries = self.entries(k)
            keys = {e.key for e in entries}
            by_parent: dict[str | None, list[CodebookEntry]] = {}
            for e in entries:
                by_parent.setdefault(e.parent if e.parent in keys else None, []).append(e)
            seen: set[str] = set()
            rows.extend(_walk(by_parent, None, 0, seen))
            rows.extend(TreeRow(e, 0) for e in entries if e.key not in seen)  # a loop from outside
        return rows

    def names(self) -> list[str]:
        """Every spelling of speakers and outlets (keys, labels, aliases): what cue highlighting marks."""
        out: set[str] = set()
        for entry in self._entries.values():
            if entry.kind in (CodebookKind.SPEAKER, CodebookKind.OUTLET):
                out.update(v for v in (entry.key, entry.label, *entry.aliases) if v)
        return sorted(out)


def _walk(
    by_parent: dict[str | None, list[CodebookEntry]], parent: str | None, depth: int, seen: set[str]
) -> Iterator[TreeRow]:
    for entry in by_parent.get(parent, []):
        if entry.key in seen:
            continue
        seen.add(entry.key)
        yield TreeRow(entry, depth)
        yield from _walk(by_parent, entry.key, depth + 1, seen)
