"""Near-duplicate articles: the same wire story under several mastheads, or a re-publication with
a new headline.

Two articles are **near-duplicates** when both tests hold on their *bodies* (the stored text with
boilerplate ranges taken out, lower-cased):

1. the Jaccard similarity of their word 5-gram shingles, estimated from bottom-k sketches
   (the `SKETCH_SIZE` = 64 smallest CRC-32 shingle hashes of a content-defined quarter of the
   shingles), is at least `JACCARD_MIN` (0.5); and
2. rapidfuzz's `token_set_ratio` of the two bodies is at least `TOKEN_SET_MIN` (90).

The first finds copies of the same text cheaply (a changed headline changes a handful of shingles
among hundreds); the second confirms with a word-set comparison that tolerates a copy cut short
or with a paragraph added.
Articles with fewer than `MIN_WORDS` words are never grouped. Groups are transitive (A~B, B~C puts
A, B and C in one group) and named by their lowest article id.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import and_, not_

from kzt_annotator.core.model import TextRange

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
CANDIDATE_VALUES = 8  # the smallest values of a sketch, indexed to find candidates
JACCARD_MIN = 0.5
TOKEN_SET_MIN = 90.0
MIN_WORDS = 30
SAMPLE_MASK = 3  # shingles starting at a word whose CRC-32 & 3 == 0: a content-defined quarter


def body_of(text: str, boilerplate: Iterable[TextRange]) -> str:
    """The text without its boilerplate ranges, lower-cased (what is compared)."""
    pieces, position = [], 0
    for r in sorted(boilerplate, key=lambda r: r.start):
        if r.start > position:
            pieces.append(text[position : r.start])
        position = max(position, r.end)
    pieces.append(text[position:])
    return "\n".join(pieces).lower()


def sketch(body: str) -> bytes | None:
    """The bottom-k sketch of the body's word shingles as big-endian uint32s in ascending order;
    None when the body is too short to compare.

    Words are split at white space. Only shingles starting at a word whose CRC-32 ends in two
    zero bits are hashed: a quarter, chosen by content, so every copy of a text samples the same
    shingles (this runs for every imported article; hashing every shingle doubled parse time)."""
    words = body.encode("utf-8", "surrogatepass").split()
    if len(words) < MIN_WORDS:
        return None
    join, crc = b" ".join, zlib.crc32
    # All in C-level iterators (no Python step per word): the anchors' sample, the 5-word runs.
    anchors = map(not_, map(and_, map(crc, words), repeat(SAMPLE_MASK)))
    runs = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)
    smallest = sorted(set(map(crc, map(join, compress(runs, anchors)))))[:SKETCH_SIZE]
    return struct.pack(f">{len(smallest)}I", *smallest)


def values(packed: bytes) -> list[int]:
    return list(struct.unpack(f">{len(packed) // 4}I", packed))


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Jaccard estimate from two bottom-k sketches: the share of the union's k smallest values
    that are in both."""
    set_a, set_b = set(a), set(b)
    union = set_a | set_b
    k = min(SKETCH_SIZE, len(union))
    if k == 0:
        return 0.0
    both = set_a & set_b
    union_smallest = sorted(union)[:k]  # at most 2 * SKETCH_SIZE values: sorting beats a heap
    # a value above either sketch's largest value is unknown to that sketch: count only below both
    limit = min(max(a), max(b))
    usable = [v for v in union_smallest if v <= limit]
    if not usable:
        return 0.0
    return sum(1 for v in usable if v in both) / len(usable)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A sketch readied for many comparisons: its set of values, their count and the largest
    (an empty sketch: no values, largest -1). The near-duplicate pass compares each new article
    with about five candidates on a 10,000-article import; building these once per article
    instead of per pair took a third off that pass."""

    members: frozenset[int]
    size: int
    largest: int

    @classmethod
    def of(cls, values: Sequence[int]) -> Prepared:
        members = frozenset(values)
        return cls(members, len(members), max(members, default=-1))


def may_reach(a: Sequence[int] | Prepared, b: Sequence[int] | Prepared, minimum: float = JACCARD_MIN) -> bool:
    """False when estimated_jaccard(a, b) is certainly below `minimum`, from the shared count
    alone (most candidate pairs share one small value and little else); True otherwise.
    `a`, `b`: sketches (distinct values, as sketch() and values() give them), or Prepared.

    Exact bound: let X be the sketch with the smaller largest value. Every value of X is at most
    that limit, so the estimate counts at least len(X) usable values, of which at most
    len(set(a) & set(b)) are shared: the estimate is at most shared / len(X)."""
    a = a if isinstance(a, Prepared) else Prepared.of(a)
    b = b if isinstance(b, Prepared) else Prepared.of(b)
    if not a.size or not b.size:
        return False
    shared = len(a.members & b.members)
    smaller = a.size if a.largest <= b.largest else b.size
    return shared >= minimum * smaller


def confirmed(body_a: str, body_b: str) -> bool:
    """The second test: rapidfuzz token_set_ratio of the two bodies >= TOKEN_SET_MIN."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(body_a, body_b) >= TOKEN_SET_MIN


@dataclass(slots=True)
class Grouping:
    """Union-find over article ids; each group is named by its lowest id."""

    parent: dict[int, int]

    @classmethod
    def empty(cls) -> Grouping:
        return cls({})

    def find(self, item: int) -> int:
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(item, item) != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            self.parent[high] = low
            self.parent.setdefault(low, low)

    def groups(self) -> dict[int, int]:
        """article id -> group id, for every article that is in a group of two or more."""
        members: dict[int, list[int]] = {}
        for item in list(self.parent):
            members.setdefault(self.find(item), []).append(item)
        return {m: root for root, ms in members.items() if len(ms) > 1 for m in ms}


@dataclass(frozen=True, slots=True)
class GroupMember:
    article_id: int
    title: str
    outlet: str | None
    published: date | None
    source_file: str


@dataclass(frozen=True, slots=True)
class SyndicationGroup:
    """Articles that carry the same text; `group_id` is the lowest of their ids."""

    group_id: int
    members: tuple[GroupMember, ...]

    @property
    def outlets(self) -> list[str]:
        seen: list[str] = []
        for m in self.members:
            name = m.outlet or "(outlet unknown)"
            if name not in seen:
                seen.append(name)
        return seen
