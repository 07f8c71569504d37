"""Counting the INSERT statements a writer sends (SQLAlchemy's cursor events)."""

from __future__ import annotations

from sqlalchemy import event


def inserts_into(repo, table: str) -> list[tuple[str, int]]:
    """A list that fills with (how, rows) for each INSERT INTO `table` the repository's writer
    runs from now on: "multi-row" (INSERT … VALUES (…), (…) RETURNING, store/bulk_insert.py),
    "executemany" or "one row"."""
    seen: list[tuple[str, int]] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if not statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()} "):
            return
        if " RETURNING " in statement.upper():
            seen.append(("multi-row", statement.count("), (") + 1))
        elif executemany:
            seen.append(("executemany", len(parameters)))
        else:
            seen.append(("one row", 1))

    event.listen(repo.engine, "before_cursor_execute", count)  # the writer shares its events
    return seen
