"""Discrepancy groups arranged by the quantity tree: a parent shows its children side by side.

`deaths.security_forces` and `deaths.protesters` count different people: each keeps its own group
and relation, never pooled into one. They are listed together under their parent (`deaths`),
which the codebook names as their parent, or, for keys the codebook does not know, the dotted
prefix of the key. A family's members follow one another: the parent's own group (figures stored
with the parent key itself) first, then the children depth first, each level by key. Families
sort like single groups: those with a conflicting member first, then by key.

    arrange(groups, parent_of) -> [Member(group, family="deaths", depth=1), ...]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class _Grouped(Protocol):
    quantity: str

    @property
    def relation(self) -> int: ...  # core.discrepancy.Relation (an IntEnum)


G = TypeVar("G", bound=_Grouped)
ParentOf = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Member(Generic[G]):
    """One group in the arranged list: its family's root key (None: a group on its own) and its
    depth below that root (0 for the root's own group and for a group on its own)."""

    group: G
    family: str | None
    depth: int


def dotted_parent(key: str) -> str | None:
    """'deaths.security_forces' -> 'deaths'; 'deaths' -> None."""
    head, dot, _leaf = key.rpartition(".")
    return head if dot and head else None


def chain(key: str, parent_of: ParentOf) -> list[str]:
    """`key`'s ancestors, nearest first, by `parent_of` (stops at a loop)."""
    out: list[str] = []
    current = parent_of(key)
    while current and current != key and current not in out:
        out.append(current)
        current = parent_of(current)
    return out


def arrange(groups: Sequence[G], parent_of: ParentOf, *, keep_order: bool = False) -> list[Member[G]]:
    """Families of `groups` (see module doc). `parent_of(key)` names a key's parent or None.

    Within a family, members keep the order they have in `groups` for one key (dates, variable
    values), keys sorted by their path. `keep_order`: families in the order of their first member
    in `groups` instead of conflicts first.
    """
    paths: dict[str, list[str]] = {}
    families: dict[str, list[G]] = {}
    first_seen: dict[str, int] = {}
    for index, group in enumerate(groups):
        ancestors = paths.get(group.quantity)
        if ancestors is None:
            ancestors = paths[group.quantity] = chain(group.quantity, parent_of)
        root = ancestors[-1] if ancestors else group.quantity
        families.setdefault(root, []).append(group)
        first_seen.setdefault(root, index)

    def path(key: str) -> tuple[str, ...]:
        return (*reversed(paths[key]), key)

    def family_order(root: str) -> tuple:
        if keep_order:
            return (first_seen[root],)
        return (-max(int(g.relation) for g in families[root]), root)

    out: list[Member[G]] = []
    for root in sorted(families, key=family_order):
        members = families[root]
        keyed = sorted(range(len(members)), key=lambda i: (path(members[i].quantity), i))
        alone = all(members[i].quantity == root for i in keyed)
        for i in keyed:
            group = members[i]
            out.append(Member(group, None if alone else root, len(paths[group.quantity])))
    return out
