"""Deleting articles with everything that hangs on them, and bringing them back (undo).

What hangs on an article is found from the table declarations, not listed by hand: every table
with an `article_id` column, and every table with a foreign key to `annotations` (relations) for
the annotations of the deleted articles. Rows whose reference is declared ON DELETE SET NULL (feed
items already taken) stay, without their article, and get it back on undo. A table added later is
covered without a change here. The figure index tables are left to their triggers, which follow
the annotations both ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import NotFound
from kzt_annotator.store.models import AnnotationRow, ArticleRow, Base
from kzt_annotator.store.repo_base import RepositoryBase

if TYPE_CHECKING:
    from kzt_annotator.core.changes import Changes

TRIGGER_TABLES = frozenset({"figure_facts", "figure_summary"})


@dataclass(frozen=True, slots=True)
class ArticleSnapshot:
    """The deleted rows, table by table in insertion order (parents first)."""

    article_ids: tuple[int, ...]
    annotation_ids: tuple[str, ...]
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]


def _keeps_rows(table: Table) -> bool:
    """A table whose reference to an article is set to NULL, not deleted, with the article."""
    return any(
        fk.column.table.name == ArticleRow.__tablename__ and (fk.ondelete or "").upper() == "SET NULL"
        for fk in table.foreign_keys
    )


def _condition(table: Table, article_ids: list[int], annotation_ids: list[str]) -> ColumnElement | None:
    if table.name in TRIGGER_TABLES:
        return None
    if table.name == ArticleRow.__tablename__:
        return table.c.id.in_(article_ids)
    if "article_id" in table.c:
        return table.c.article_id.in_(article_ids)
    refs = [fk.parent for fk in table.foreign_keys if fk.column.table.name == AnnotationRow.__tablename__]
    if refs and annotation_ids:
        return or_(*(c.in_(annotation_ids) for c in refs))
    return None


class DeletionMethods(RepositoryBase):
    def delete_articles(self, article_ids: Sequence[int]) -> ArticleSnapshot:
        """Delete the articles and what hangs on them in one transaction; returns the rows removed."""
        ids = sorted(set(article_ids))

        def work(session: Session) -> ArticleSnapshot:
            connection = session.connection()
            found = set(connection.execute(select(ArticleRow.id).where(ArticleRow.id.in_(ids))).scalars())
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFound(f"no article with id {missing[0]}")
            annotation_ids = list(
                connection.execute(
                    select(AnnotationRow.id).where(AnnotationRow.article_id.in_(ids))
                ).scalars()
            )
            taken: list[tuple[Table, ColumnElement, tuple[dict[str, Any], ...]]] = []
            for table in Base.metadata.sorted_tables:
                condition = _condition(table, ids, annotation_ids)
                if condition is None:
                    continue
                rows = tuple(dict(r) for r in connection.execute(select(table).where(condition)).mappings())
                taken.append((table, condition, rows))
            for table, condition, _rows in reversed(taken):
                if _keeps_rows(table):  # e.g. feed items: keep them, without their article
                    connection.execute(update(table).where(condition).values(article_id=None))
                else:
                    connection.execute(delete(table).where(condition))
            return ArticleSnapshot(
                tuple(ids), tuple(annotation_ids), tuple((t.name, rows) for t, _c, rows in taken)
            )

        return self.write(work)

    def restore_articles(self, snapshot: object) -> Changes:
        """Put deleted articles back exactly as they were (same ids), in one transaction."""
        assert isinstance(snapshot, ArticleSnapshot)
        from kzt_annotator.core.changes import Changes

        tables = Base.metadata.tables

        def work(session: Session) -> Changes:
            connection = session.connection()
            for name, rows in snapshot.rows:
                table = tables[name]
                if rows and _keeps_rows(table):
                    keys = [c.name for c in table.primary_key.columns]
                    for row in rows:
                        match = [table.c[k] == row[k] for k in keys]
                        connection.execute(update(table).where(*match).values(article_id=row["article_id"]))
                elif rows:
                    connection.execute(insert(table), list(rows))
            return Changes(
                articles=frozenset(snapshot.article_ids),
                annotations=frozenset(snapshot.annotation_ids),
                articles_added=True,
            )

        return self.write(work)
