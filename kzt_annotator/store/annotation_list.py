"""Annotations read fast: raw driver rows converted with dictionary look-ups, and an article's
annotations as a list that fetches full rows only when they are touched.

Opening an article with 10,000 annotations needs their spans at once (to draw them) but the full
objects only for the rows on screen: reading all 18 columns costs about 40 ms, building 10,000
frozen dataclasses about 40 ms more, SQLAlchemy's per-value result processing as much again.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, MutableSequence, Sequence
from datetime import UTC, datetime
from typing import Any, overload

from kzt_annotator.core.attributes import ATTRS_CLASS, KindAttrs, attributes_from_stored
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.core.model import Annotation

RawRow = Sequence[Any]  # store.convert.ANNOTATION_COLUMNS, then the annotator's name, untyped
_KINDS = {k.value: k for k in Kind}
_STATUSES = {s.value: s for s in Status}
_EMPTY: dict[str, Any] = {kind: cls() for kind, cls in ATTRS_CLASS.items()}


def _json(value: Any) -> Any:
    if isinstance(value, str):  # SQLite hands back text; PostgreSQL's driver parses JSON itself
        return json.loads(value) if value not in ("{}", "[]", "") else None
    return value


def _when(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def annotation_from_raw(row: RawRow) -> Annotation:
    """An Annotation from a raw driver row (see RawRow)."""
    (
        ident,
        article_id,
        kind_value,
        start,
        end,
        text,
        attrs,
        note,
        status,
        linked,
        reviewer,
        review_note,
        reviewed_at,
        created_at,
        updated_at,
        version,
        orphaned,
        annotator,
    ) = row
    kind = _KINDS.get(kind_value, kind_value)  # a project-defined kind keeps its name
    data = _json(attrs)
    linked_ids = sorted(linked.split(";")) if linked else None  # `supports` targets, see relation_rows
    return Annotation(
        ident,
        article_id,
        kind,
        start,
        end,
        text,
        attributes_from_stored(kind, data) if data else _EMPTY.get(kind) or KindAttrs(kind),
        annotator,
        _STATUSES[status],
        note,
        tuple(linked_ids) if linked_ids else (),
        reviewer,
        review_note,
        _when(reviewed_at),
        _when(created_at),
        _when(updated_at),
        version,
        bool(orphaned),
    )


Span = tuple[str, int, int, str, str]  # (id, start, end, kind value, annotator name)
PAGE = 64  # rows fetched together when one of them is first needed: a screenful and more


class AnnotationList(MutableSequence[Annotation]):
    """An article's annotations in (start, end) order: spans at once, full objects when touched.

    Built from lean rows (id, start, end, kind, annotator); the first access to a row fetches it and
    the next PAGE-1 unfetched rows in one query through `fetch` (ids -> annotations).
    """

    def __init__(self, spans: Iterable[Span], fetch: Callable[[list[str]], list[Annotation]]) -> None:
        self._items: list[Annotation | Span] = list(spans)
        self._ids = [item[0] for item in self._items]  # kept in step: row look-ups need no objects
        self._fetch = fetch

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> Annotation: ...
    @overload
    def __getitem__(self, index: slice) -> list[Annotation]: ...
    def __getitem__(self, index: int | slice) -> Annotation | list[Annotation]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        item = self._items[index]
        if isinstance(item, Annotation):
            return item
        self._fill(index if index >= 0 else len(self._items) + index)
        made = self._items[index]
        assert isinstance(made, Annotation)
        return made

    def _fill(self, first: int) -> None:
        """Fetch row `first` and the unfetched rows after it, up to PAGE of them."""
        wanted = [
            i
            for i in range(first, min(first + PAGE, len(self._items)))
            if not isinstance(self._items[i], Annotation)
        ]
        found = {a.id: a for a in self._fetch([self._items[i][0] for i in wanted])}  # type: ignore[index]
        for i in wanted:
            span = self._items[i]
            assert not isinstance(span, Annotation)
            # Deleted by someone else since the list was read: keep its span until the next reload.
            self._items[i] = found.get(span[0]) or _placeholder(span)

    def __setitem__(self, index: int, value: Annotation) -> None:
        self._items[index] = value
        self._ids[index] = value.id

    def __delitem__(self, index: int) -> None:
        del self._items[index]
        del self._ids[index]

    def insert(self, index: int, value: Annotation) -> None:
        self._items.insert(index, value)
        self._ids.insert(index, value.id)

    def insertion_point(self, start: int, end: int) -> int:
        """Where an annotation spanning (start, end) goes to keep the order, without fetching."""
        return bisect_right(self._items, (start, end), key=_start_end)

    def row_of(self, ident: str, start: int, end: int) -> int:
        """The row of annotation `ident` spanning (start, end), or -1: a binary search over the
        sorted spans and a walk over those equal to it, nothing fetched (not O(rows))."""
        items, ids = self._items, self._ids
        row = bisect_left(items, (start, end), key=_start_end)
        while row < len(items) and _start_end(items[row]) == (start, end):
            if ids[row] == ident:
                return row
            row += 1
        return -1

    def unfetched_between(self, start: int, end: int, limit: int = 4 * PAGE) -> list[str]:
        """Ids of the rows starting in [start, end) (code points) whose full annotation has not been
        fetched yet, in row order, at most `limit` of them: a binary search, then those rows."""
        items = self._items
        first = bisect_left(items, (start, -1), key=_start_end)
        last = bisect_left(items, (end, -1), key=_start_end)
        found: list[str] = []
        for row in range(first, last):
            if not isinstance(items[row], Annotation):
                found.append(self._ids[row])
                if len(found) >= limit:
                    break
        return found

    def fetch_rows(self, ids: list[str]) -> list[Annotation]:
        """The full annotations with these ids, read through the list's `fetch` (any thread: it
        reads the store and touches nothing of the list); give them to `supply` afterwards."""
        return self._fetch(ids)

    def supply(self, annotations: Iterable[Annotation]) -> int:
        """Put annotations read elsewhere (`fetch_rows` on a worker thread) in place of their rows'
        spans, so touching those rows later fetches nothing. A row already holding a full
        annotation keeps it (it may be newer: an edit made meanwhile); an annotation whose row
        is gone or whose span moved since the list was read is left out. Returns how many were
        taken."""
        taken = 0
        for annotation in annotations:
            row = self.row_of(annotation.id, annotation.start, annotation.end)
            if row >= 0 and not isinstance(self._items[row], Annotation):
                self._items[row] = annotation
                taken += 1
        return taken

    def ids(self) -> list[str]:
        """Every annotation's id, without fetching."""
        return list(self._ids)

    def kind_at(self, index: int) -> Kind | str:
        """The kind of row `index`, without fetching."""
        item = self._items[index]
        return item.kind if isinstance(item, Annotation) else _KINDS.get(item[3], item[3])

    def spans(self) -> list[tuple[int, int, Kind, str, str]]:
        """(start, end, kind, id, annotator) of each annotation, without fetching."""
        return [
            (item.start, item.end, item.kind, item.id, item.annotator)
            if isinstance(item, Annotation)
            else (item[1], item[2], _KINDS.get(item[3], item[3]), item[0], item[4])
            for item in self._items
        ]


def _start_end(item: Annotation | Span) -> tuple[int, int]:
    return (item.start, item.end) if isinstance(item, Annotation) else (item[1], item[2])


def _placeholder(span: Span) -> Annotation:
    ident, start, end, kind_value, annotator = span
    kind = _KINDS.get(kind_value, kind_value)
    attrs = _EMPTY.get(kind) or KindAttrs(kind)
    return Annotation(ident, 0, kind, start, end, "", attrs, annotator, note="(deleted elsewhere)")
