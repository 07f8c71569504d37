"""Repository methods that read figures: the figure index for the discrepancy panel, raw rows for exports."""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from kzt_annotator.core.kinds import Kind
from kzt_annotator.store import figure_index
from kzt_annotator.store.models import AnnotationRow, AnnotatorRow, FigureSummaryRow
from kzt_annotator.store.repo_base import RepositoryBase

if TYPE_CHECKING:
    from kzt_annotator.core.figure_edges import PlanRow

_REPORT_ROWS = """
SELECT a.id, a.article_id, a.start, a."end", a.text, who.name, f.quantity, f.value, f.value_low,
       f.value_high, f.qualifier, {unit}, f.as_of, {source}
FROM (SELECT annotation_id FROM figure_facts WHERE {where}
      ORDER BY value, value_low, article_id, annotation_id LIMIT :limit OFFSET :offset) AS page
JOIN figure_facts AS f ON f.annotation_id = page.annotation_id
JOIN annotations AS a ON a.id = f.annotation_id
JOIN annotators AS who ON who.id = a.annotator_id
ORDER BY f.value, f.value_low, f.article_id, f.annotation_id
"""


# core.figure_edges.ArticleRow from figure_summary: each row's smallest interval (of its smallest
# value) and largest (of its largest value) by its plan (core.figure_edges.PlanRow), then per
# quantity, article, unit and date the tightest edges. Each bound is written once per use in an
# aggregate and costs a few steps: the database evaluates it for every index row.
_EDGES = """
WITH plan(qcode, shape, kind, by_range, lo_open, hi_open, lf, hf, lo, hi, nlo, nhi) AS (VALUES {plans}),
fig AS (
  SELECT s.quantity, s.as_of, s.article_id, s.unit, s.n, s.min_value, s.max_value,
         p.lo_open, p.hi_open, p.kind,
         {s_low} AS s_low, {s_high} AS s_high, {l_low} AS l_low, {l_high} AS l_high,
         CASE WHEN (s.min_value = s.max_value OR s.min_value IS NULL)
               AND (p.by_range = 0 OR (s.min_low = s.max_low AND s.min_high = s.max_high))
              THEN 1 ELSE 0 END AS flat
  FROM figure_summary AS s CROSS JOIN plan AS p
  WHERE p.shape = s.shape AND p.qcode = CASE s.qualifier {codes} ELSE -1 END AND s.quantity <> '' {where}
)
SELECT quantity, {as_of}, article_id, unit, sum(n),
       min(s_high), min(CASE WHEN hi_open = 1 THEN s_high END),
       max(l_low), max(CASE WHEN lo_open = 1 THEN l_low END),
       min(s_low), max(l_high), min(min_value), max(max_value), min(flat), min(kind), max(kind)
FROM fig GROUP BY {keys} ORDER BY {keys}
"""


def _bound(value: str, own: str, factor: str, fixed: str, neg_factor: str, neg_fixed: str) -> str:
    """One end of a row's interval (see core.figure_edges.PlanRow): `value` times its factor, else
    the plan's fixed bound, else the row's own (`own`, a range); for a negative value the factor
    of the other end and the fixed bound for negatives."""
    v = f"s.{value}"
    return (
        f"CASE WHEN {v} < 0 THEN coalesce({v} * p.{neg_factor}, p.{neg_fixed}, s.{own}) "
        f"ELSE coalesce({v} * p.{factor}, p.{fixed}, s.{own}) END"
    )


# (quantity, as_of, status, article_id, qualifier, shape, n, the extremes, unit): a row of the index
SUMMARY_COLUMNS = (*figure_index.KEY[:-1], "n", *figure_index.AGGREGATES, "unit")


class FigureMethods(RepositoryBase):
    def figure_article_ids(self) -> set[int]:
        """Ids of the articles with a figure in the index (any status): what the discrepancy
        panel names."""
        stmt = select(FigureSummaryRow.article_id).distinct()
        return self.read(lambda session: set(session.connection().execute(stmt).scalars()))

    def figure_rows(self, statuses: Collection[str] | None = None) -> list[tuple]:
        """Every figure as a raw row (see core.discrepancy.FigureRow), attributes read in SQL.

        `statuses`: only annotations with one of these review statuses (None: all)."""
        attrs = AnnotationRow.attributes
        stmt = (
            select(
                AnnotationRow.id,
                AnnotationRow.article_id,
                AnnotationRow.start,
                AnnotationRow.end,
                AnnotationRow.text,
                AnnotatorRow.name,
                attrs["quantity"].as_string(),
                attrs["value"].as_float(),
                attrs["value_low"].as_float(),
                attrs["value_high"].as_float(),
                attrs["qualifier"].as_string(),
                attrs["unit"].as_string(),
                attrs["as_of"].as_string(),
                attrs["figure_source"].as_string(),
            )
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id)
            .where(AnnotationRow.kind == Kind.FIGURE.value, AnnotationRow.orphaned.is_(False))
            .order_by(AnnotationRow.article_id, AnnotationRow.start)
        )
        if statuses is not None:
            stmt = stmt.where(AnnotationRow.status.in_(list(statuses)))
        return self.read(lambda session: [tuple(r) for r in session.execute(stmt)])

    def orphaned_figure_rows(self, statuses: Collection[str] | None = None) -> list[tuple]:
        """Orphaned figures (their passage left the text in a revision) as raw rows like
        figure_rows: they never count in discrepancies and are listed apart."""
        attrs = AnnotationRow.attributes
        stmt = (
            select(
                AnnotationRow.id,
                AnnotationRow.article_id,
                AnnotationRow.start,
                AnnotationRow.end,
                AnnotationRow.text,
                AnnotatorRow.name,
                *(attrs[k].as_string() for k in ("quantity",)),
                *(attrs[k].as_float() for k in ("value", "value_low", "value_high")),
                *(attrs[k].as_string() for k in ("qualifier", "unit", "as_of", "figure_source")),
            )
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationRow.annotator_id)
            .where(AnnotationRow.kind == Kind.FIGURE.value, AnnotationRow.orphaned.is_(True))
            .order_by(AnnotationRow.article_id, AnnotationRow.start)
        )
        if statuses is not None:
            stmt = stmt.where(AnnotationRow.status.in_(list(statuses)))
        return self.read(lambda session: [tuple(r) for r in session.execute(stmt)])

    def figure_summary(self, statuses: Collection[str] | None = None) -> list[tuple]:
        """The figure index's aggregates as rows (see SUMMARY_COLUMNS), some statuses or all."""
        # Plain SQL: no per-row result processing for thousands of rows.
        sql = f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM figure_summary"
        params: dict[str, object] = {}
        if statuses is not None:
            sql += " WHERE " + _in_list("status", "s", list(statuses), params)
        return self.read(lambda session: session.execute(text(sql), params).all())

    def figure_quantities(self) -> list[str]:
        """The quantity values (as stored, '' left out) of the figures in the index, sorted."""
        stmt = (
            select(FigureSummaryRow.quantity)
            .where(FigureSummaryRow.quantity != "")
            .distinct()
            .order_by(FigureSummaryRow.quantity)
        )
        return self.read(lambda session: list(session.connection().execute(stmt).scalars()))

    def figure_edges(
        self,
        plans: list[PlanRow],
        statuses: Collection[str] | None = None,
        by_date: bool = False,
        quantities: Collection[str] | None = None,
    ) -> list[tuple]:
        """Per quantity, article, unit and date ('' unless `by_date`), the interval edges of its
        figures by `plans` (core.figure_edges.ArticleRow), some statuses or all, ordered so: the
        interval arithmetic done in the database, about a quarter as many rows read as the index has.
        `quantities` (values as stored): only their figures (a partial reload after an edit).

        Rows are plain tuples straight from the driver (compared and unpacked, never named), and
        the plans and statuses are written into the statement (numbers and our own status names):
        binding a few hundred parameters and wrapping each row cost more than the arithmetic. The
        quantities, a user's text, are bound."""
        if not plans or (quantities is not None and not quantities):
            return []
        from kzt_annotator.core.figure_edges import qualifier_codes  # figure grouping: only here

        dialect = self.engine.dialect.name
        values = []
        for plan in plans:  # integers and numbers written out (numbers may be ±inf or None)
            numbers = [_number_sql(number, dialect) for number in plan[6:]]
            values.append(f"({', '.join([*(str(int(v)) for v in plan[:6]), *numbers])})")
        codes = " ".join(f"WHEN '{raw}' THEN {code}" for raw, code in qualifier_codes().items())
        where = "" if statuses is None else f" AND s.status IN ({_text_list(statuses)})"
        bound = sorted(quantities) if quantities is not None else []
        if bound:  # the drivers' own placeholders: sqlite3 takes ?, psycopg %s
            mark = "?" if dialect == "sqlite" else "%s"
            where += f" AND s.quantity IN ({', '.join([mark] * len(bound))})"
        sql = _EDGES.format(
            plans=", ".join(values),
            as_of="as_of" if by_date else "''",
            keys="quantity, article_id, unit" + (", as_of" if by_date else ""),  # figure_summary's order
            codes=codes,
            where=where,
            s_low=_bound("min_value", "min_low", "lf", "lo", "hf", "nlo"),
            s_high=_bound("min_value", "min_high", "hf", "hi", "lf", "nhi"),
            l_low=_bound("max_value", "max_low", "lf", "lo", "hf", "nlo"),
            l_high=_bound("max_value", "max_high", "hf", "hi", "lf", "nhi"),
        )

        def work(session):  # noqa: ANN001, ANN202
            cursor = session.connection().connection.cursor()  # the driver's: rows as tuples
            try:
                if bound:
                    cursor.execute(sql, bound)
                else:
                    cursor.execute(sql)
                return cursor.fetchall()
            finally:
                cursor.close()

        return self.read(work)

    def figure_report_rows(
        self,
        quantities: Collection[str],
        dates: Collection[str] | None,
        statuses: Collection[str] | None,
        offset: int = 0,
        limit: int = 200,
        article_ids: Collection[int] | None = None,
        units: Collection[str] | None = None,
    ) -> list[tuple]:
        """One page of a group's figures as raw rows (core.discrepancy.FigureRow), smallest value first
        (only of `article_ids` when given: a group split by a document variable; only with one of
        the index's `units` when given: a group holds one measure)."""
        params: dict[str, object] = {"limit": limit, "offset": offset}
        where = [_in_list("quantity", "q", list(quantities), params)]
        if units is not None:
            where.append(_in_list("unit", "u", list(units), params))
        if article_ids is not None:
            where.append(_in_list("article_id", "a", [int(i) for i in article_ids], params))
        if dates is not None:
            where.append(_in_list("as_of", "d", list(dates), params))
        if statuses is not None:
            where.append(_in_list("status", "s", list(statuses), params))
        if self.engine.dialect.name == "postgresql":
            unit, source = "a.attributes::json ->> 'unit'", "a.attributes::json ->> 'figure_source'"
        else:
            unit, source = (
                "json_extract(a.attributes, '$.unit')",
                "json_extract(a.attributes, '$.figure_source')",
            )
        sql = _REPORT_ROWS.format(where=" AND ".join(where), unit=unit, source=source)

        def work(session):  # noqa: ANN001, ANN202
            rows = session.execute(text(sql), params)
            return [(*r[:12], r[12] or None, r[13]) for r in rows]

        return self.read(work)

    def rebuild_figure_index(self) -> None:
        """Refill the figure index from the annotations (a repair; triggers keep it current)."""
        self.write(lambda session: figure_index.rebuild(session.connection()))


def _number_sql(number: float | None, dialect: str) -> str:
    """A number as a typed SQL literal: NULL for None (and NaN, as SQLite binds it), ±inf as each
    database writes it."""
    if number is None or math.isnan(number):
        return "CAST(NULL AS DOUBLE PRECISION)"
    if math.isinf(number):
        sign = "-" if number < 0 else ""
        text_ = f"'{sign}Infinity'" if dialect == "postgresql" else f"{sign}9e999"  # 9e999: SQLite's inf
        return f"CAST({text_} AS DOUBLE PRECISION)"
    return f"CAST({float(number)!r} AS DOUBLE PRECISION)"


def _text_list(values: Collection[str]) -> str:
    """Strings as a list of SQL literals ('' doubled), for names of our own such as statuses."""
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) or "NULL"


def _in_list(column: str, prefix: str, values: list[str], params: dict[str, object]) -> str:
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values, strict=True))
    return f"{column} IN ({', '.join(':' + n for n in names)})" if names else "1 = 0"
