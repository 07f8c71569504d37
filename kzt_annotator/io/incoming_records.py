"""Plain records read from annotation files, and the checks every reader shares.

`Incoming` is one annotation as a file gives it, `IncomingRelation` one link between two of them,
`IncomingFile` everything one file holds. Nothing here knows the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import NewArticle
from kzt_annotator.core.schema import Schema


class MalformedFile(KztError):
    """The file is not in a shape we can read; the message names the row or field."""


@dataclass(slots=True)
class Incoming:
    where: str
    id: str | None
    article_sha256: str
    article_id: int | None
    kind: str
    start: int | None
    end: int | None
    text: str
    prefix: str = ""
    suffix: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    note: str = ""
    annotator: str = ""
    status: str = "proposed"
    reviewer: str = ""
    review_note: str = ""
    linked_ids: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    problem: str = ""  # the reader already knows this record cannot be imported, and why


@dataclass(slots=True)
class IncomingRelation:
    """A relation read from a file; `source`/`target` are annotation ids (as in the file)."""

    where: str
    id: str | None
    type: str
    source: str
    target: str
    annotator: str = ""
    created_at: datetime | None = None


@dataclass(slots=True)
class IncomingFile:
    records: list[Incoming]
    articles: list[NewArticle] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    format: str = ""
    relations: list[IncomingRelation] = field(default_factory=list)


def whole_number(value: Any, where: str, name: str) -> int | None:
    """`value` as an int (None when empty); MalformedFile naming `where` and `name` otherwise."""
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise MalformedFile(f"{where}: {name} {value!r} is not a whole number") from None


def iso_time(value: Any, where: str, name: str) -> datetime | None:
    """An ISO 8601 time ("Z" allowed) or None when empty; MalformedFile otherwise."""
    if value in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise MalformedFile(f"{where}: {name} {value!r} is not an ISO 8601 time") from None


def known_kind(value: str, where: str, schema: Schema) -> str:
    """`value` if the schema has that annotation kind; MalformedFile listing the kinds otherwise."""
    if not schema.has_kind(value):
        raise MalformedFile(f"{where}: kind {value!r} is not one of {', '.join(schema.kind_names)}")
    return value


def typed_field(
    item: dict[str, Any], name: str, where: str, types: type | tuple[type, ...], default: Any
) -> Any:
    """item[name] if it has one of `types`; `default` when missing or null; MalformedFile otherwise."""
    value = item.get(name)
    if value is None:
        return default
    if not isinstance(value, types) or isinstance(value, bool) and bool not in _as_tuple(types):
        wanted = " or ".join(_TYPE_WORDS.get(t, t.__name__) for t in _as_tuple(types))
        found = _TYPE_WORDS.get(type(value), type(value).__name__)
        raise MalformedFile(f"{where}: {name} must be {wanted}, not {found}")
    return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


_TYPE_WORDS = {
    str: "text",
    int: "a whole number",
    float: "a number",
    dict: "an object",
    list: "a list",
    bool: "true/false",
    type(None): "null",
}
SCALAR = (str, int, float)
