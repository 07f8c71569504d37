"""Full-text reads through the search index (store/search_index.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kzt_annotator.store import search_index
from kzt_annotator.store.models import ArticleRow
from kzt_annotator.store.search_index import VECTOR

if TYPE_CHECKING:  # the caller has parsed its query with it
    from kzt_annotator.core.search_query import Query


class SearchMethods:
    """Mixed into Repository (uses its `read` and `write`)."""

    def rebuild_search_index(self) -> None:
        """Refill the full-text index from the tables (a repair; triggers keep it current)."""
        self.write(lambda session: search_index.rebuild(session.connection()))  # type: ignore[attr-defined]

    def search_articles(self, query: Query, limit: int) -> tuple[int, list[tuple[int, str, str]]]:
        """(how many articles match, [(id, title, text)] of the first `limit` of them by id)."""

        def work(session: Session) -> tuple[int, list[tuple[int, str, str]]]:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                from kzt_annotator.core.search_query import Term

                where = f"{VECTOR} @@ to_tsquery('simple', :q)"
                params = {"q": query.tsquery(), "n": limit}
                if not any(isinstance(t, Term) and len(t.words) > 1 for t in query.tokens):
                    # Words and prefixes only: the GIN index's answer is exact, so no article's
                    # vector (out of line in TOAST, ~2 KB or more) need be read. The planner does
                    # not count that reading and scans the table for a word most articles have:
                    # 223 ms instead of 10 for "curfew" in 10,000 articles. A phrase is checked
                    # on each candidate's vector either way; the planner chooses for it.
                    connection.execute(text("SET LOCAL enable_seqscan = off"))  # this transaction
                total = connection.execute(
                    text(f"SELECT count(*) FROM articles WHERE {where}"), params
                ).scalar()
                rows = connection.execute(
                    text(f"SELECT id, title, text FROM articles WHERE {where} ORDER BY id LIMIT :n"), params
                ).all()
            else:
                params = {"q": query.fts5(), "n": limit}
                total = connection.execute(
                    text("SELECT count(*) FROM article_fts WHERE article_fts MATCH :q"), params
                ).scalar()
                rows = connection.execute(
                    text(
                        "SELECT id, title, text FROM articles WHERE id IN (SELECT rowid FROM article_fts "
                        "WHERE article_fts MATCH :q ORDER BY rowid LIMIT :n) ORDER BY id"
                    ),
                    params,
                ).all()
            return int(total or 0), [(i, t, x) for i, t, x in rows]

        return self.read(work)  # type: ignore[attr-defined]

    def article_titles(self, article_ids: Iterable[int]) -> dict[int, str]:
        """id -> title of the given articles (those that exist)."""
        ids = sorted(set(article_ids))

        def work(session: Session) -> dict[int, str]:
            connection = session.connection()
            found: dict[int, str] = {}
            for i in range(0, len(ids), 900):  # under SQLite's bound-parameter limit
                stmt = select(ArticleRow.id, ArticleRow.title).where(ArticleRow.id.in_(ids[i : i + 900]))
                found.update((i, t) for i, t in connection.execute(stmt))
            return found

        return self.read(work)  # type: ignore[attr-defined]

    def count_annotation_matches(self, query: Query) -> int:
        """How many annotations' attribute values or note match (what search_annotations finds
        with no limit)."""

        def work(session: Session) -> int:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                sql = f"SELECT count(*) FROM annotations WHERE {VECTOR} @@ to_tsquery('simple', :q)"
                params = {"q": query.tsquery()}
            else:
                sql = "SELECT count(*) FROM annotation_fts WHERE annotation_fts MATCH :q"
                params = {"q": query.fts5()}
            return int(connection.execute(text(sql), params).scalar() or 0)

        return self.read(work)  # type: ignore[attr-defined]

    def search_annotations(self, query: Query, limit: int) -> list[tuple[str, int, str, int, int, str]]:
        """Annotations whose attribute values or note match: (id, article id, kind, start, end, text)."""

        def work(session: Session) -> list[tuple[str, int, str, int, int, str]]:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                sql = (
                    'SELECT id, article_id, kind, start, "end", text FROM annotations '
                    f"WHERE {VECTOR} @@ to_tsquery('simple', :q) "
                    "ORDER BY article_id, start LIMIT :n"
                )
                params = {"q": query.tsquery(), "n": limit}
            else:
                sql = (
                    'SELECT a.id, a.article_id, a.kind, a.start, a."end", a.text FROM annotation_fts f '
                    "JOIN annotations a ON a.rowid = f.rowid WHERE annotation_fts MATCH :q "
                    "ORDER BY a.article_id, a.start LIMIT :n"
                )
                params = {"q": query.fts5(), "n": limit}
            return [tuple(r) for r in connection.execute(text(sql), params).all()]  # type: ignore[misc]

        return self.read(work)  # type: ignore[attr-defined]
