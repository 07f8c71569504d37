"""Repository method for the article list: compact lines, read in chunks.

Reading every article as an ArticleSummary (with its sha256, import time, a dict of counts and
a dict of variable values) kept about 0.9 kB per article in the GUI: 9 MB for 10,000 articles,
and more at the peak while the whole result and the summaries built from it were alive at once.
The list needs less: `article_lines` reads only the columns its cells show, a chunk of rows at a
time, into tuples (core.model.ArticleLine) that share one zero-counts tuple and one empty values
tuple among the articles without annotations or variable values, and one string per outlet and
one date per day. What only the tooltip shows (source file, length, memo: about 0.12 kB an
article) is read for the one article whose tooltip is asked for (`article_details`).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kzt_annotator.core.model import ArticleDetails, ArticleLine
from kzt_annotator.store.engine import one_pass
from kzt_annotator.store.models import AnnotationRow, ArticleRow, ArticleValueRow, VariableRow
from kzt_annotator.store.repo_base import RepositoryBase

CHUNK = 1000  # rows fetched at a time: the whole result is never held as rows
ID_CHUNK = 900  # ids per IN (...): under SQLite's bound-parameter limit


class ArticleLineMethods(RepositoryBase):
    def article_lines(
        self, ids: Sequence[int] | None = None
    ) -> tuple[list[ArticleLine], tuple[str, ...], tuple[str, ...]]:
        """(lines ordered by id, the kinds their counts follow, the variable names their values
        follow) for every article, or those with these `ids` (missing ids are left out)."""
        kinds = tuple(str(k) for k in self.schema().kind_names)  # type: ignore[attr-defined]
        if ids is None:
            return self.read(lambda session: _lines(session, None, kinds))
        wanted = sorted(set(ids))

        def work(session: Session) -> tuple[list[ArticleLine], tuple[str, ...], tuple[str, ...]]:
            lines: list[ArticleLine] = []
            names: tuple[str, ...] = ()
            for i in range(0, len(wanted), ID_CHUNK):
                part, _kinds, names = _lines(session, wanted[i : i + ID_CHUNK], kinds)
                lines.extend(part)
            if not wanted:
                names = _variable_names(session)
            return lines, kinds, names

        return self.read(work)

    def article_details(self, article_id: int) -> ArticleDetails | None:
        """What the list's tooltip adds for one article (None when there is no such article)."""
        stmt = select(ArticleRow.source_file, ArticleRow.chars, ArticleRow.memo).where(
            ArticleRow.id == article_id
        )

        def work(session: Session) -> ArticleDetails | None:
            found = session.connection().execute(stmt).first()
            return None if found is None else ArticleDetails(found[0], found[1], found[2] or "")

        return self.read(work)


def _variable_names(session: Session) -> tuple[str, ...]:
    stmt = select(VariableRow.name).order_by(VariableRow.position, VariableRow.id)
    return tuple(session.connection().execute(stmt).scalars())


def _lines(
    session: Session, ids: list[int] | None, kinds: tuple[str, ...]
) -> tuple[list[ArticleLine], tuple[str, ...], tuple[str, ...]]:
    connection = session.connection()  # Core rows: no ORM objects
    kind_at = {k: i for i, k in enumerate(kinds)}
    counts: dict[int, list[int]] = {}
    count_stmt = select(AnnotationRow.article_id, AnnotationRow.kind, func.count())
    if ids is not None:
        count_stmt = count_stmt.where(AnnotationRow.article_id.in_(ids))
    count_stmt = count_stmt.group_by(AnnotationRow.article_id, AnnotationRow.kind)
    for article_id, kind, n in connection.execute(count_stmt):
        at = kind_at.get(kind)
        if at is not None:
            counts.setdefault(article_id, [0] * len(kinds))[at] = n
    names = _variable_names(session)
    name_at = {n: i for i, n in enumerate(names)}
    values: dict[int, list[str]] = {}
    value_stmt = select(ArticleValueRow.article_id, VariableRow.name, ArticleValueRow.value).join(
        VariableRow, VariableRow.id == ArticleValueRow.variable_id
    )
    if ids is not None:
        value_stmt = value_stmt.where(ArticleValueRow.article_id.in_(ids))
    for article_id, name, value in connection.execute(value_stmt):
        at = name_at.get(name)
        if at is not None:
            values.setdefault(article_id, [""] * len(names))[at] = value or ""
    zero, unset = (0,) * len(kinds), ("",) * len(names)  # shared by every article without any
    shared: dict = {}  # one outlet string, one date object for all the articles that have it
    stmt = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.outlet,
        ArticleRow.published,
        ArticleRow.syndication_group,
    ).order_by(ArticleRow.id)
    if ids is not None:
        stmt = stmt.where(ArticleRow.id.in_(ids))
    lines: list[ArticleLine] = []
    with one_pass(connection) if ids is None else nullcontext():
        for chunk in connection.execute(stmt).partitions(CHUNK):
            for i, title, outlet, published, group in chunk:
                found, given = counts.pop(i, None), values.pop(i, None)
                lines.append(
                    ArticleLine(
                        i,
                        title,
                        shared.setdefault(outlet, outlet),
                        shared.setdefault(published, published),
                        group,
                        zero if found is None else tuple(found),
                        unset if given is None else tuple(given),
                    )
                )
    return lines, kinds, names
