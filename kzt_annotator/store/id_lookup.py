"""Ids that start with a prefix (the store half of core.id_prefixes)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session


def ids_starting_with(session: Session, column: InstrumentedAttribute, ref: str, limit: int = 2) -> list[str]:
    """`ref` itself when it is a whole id in `column`, else up to `limit` ids that start with it
    (LIKE with `%` and `_` escaped, so they match only themselves)."""
    exact = session.scalar(select(column).where(column == ref))
    if exact is not None:
        return [exact]
    pattern = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(session.scalars(select(column).where(column.like(pattern, escape="\\")).limit(limit)))
