"""Discrepancy groups from per-article interval edges that the database works out.

core.figure_groups.summarise turns each row of the figure index's aggregates (one per quantity,
date, status, article, qualifier, shape and unit) into intervals in Python. Here the database does
that arithmetic: `plans` says how each qualifier and shape becomes an interval (the same _plan as
summarise's, with the user's rules), and the store answers one row per quantity, date, article
and unit (about a quarter as many) with the edges already taken (see ArticleRow). What cannot be
done in SQL, naming groups through the codebook and scaling units (core.measures rounds to 12
digits), is done here, so that the groups are exactly those of summarise:

- scaling keeps order, so the smallest of the scaled numbers is the scaled smallest;
- an edge is open when an open one ends at the same scaled number: the store gives the tightest
  open edge apart, compared here after scaling;
- an article's reports share one signature (value, qualifier, smallest interval) when every row
  agrees on the discrete parts and the scaled smallest and largest of each number are equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from kzt_annotator.core.discrepancy import Sources, normalise_key
from kzt_annotator.core.figure_groups import (
    HAS_RANGE,
    HAS_VALUE,
    ArticleFigures,
    Edge,
    GroupSummary,
    _plan,
    _relation,
    group_order,
)
from kzt_annotator.core.intervals import DEFAULT_RULES, INF, Interval, Rule
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import Measure, measure_of

# qualifier code -> Qualifier: codes are positions in this list; -1 (the last) is none/unknown
QUALIFIERS: list[Qualifier | None] = [*Qualifier, None]
SHAPES = (0, HAS_VALUE, HAS_RANGE, HAS_VALUE | HAS_RANGE)


class PlanRow(NamedTuple):
    """How the index rows of one qualifier code and shape become intervals (for the store's SQL).

    by_range: [min_low, min_high] and [max_low, max_high]. Else relative: the bounds are
    value x lo and value x hi (None: unbounded), swapped for a negative value; else absolute: lo
    and hi themselves (±inf for unbounded)."""

    qcode: int
    shape: int
    by_range: int
    relative: int
    lo: float | None
    hi: float | None
    lo_open: int
    hi_open: int


def plans(rules: dict[Qualifier, Rule] | None = None) -> list[PlanRow]:
    """Every qualifier code and shape whose figures are compared, with how (see PlanRow); a
    qualifier and shape not listed are left out, as summarise leaves them out."""
    rules = rules or DEFAULT_RULES
    out = []
    for qcode, qualifier in enumerate(QUALIFIERS):
        for shape in SHAPES:
            plan = _plan(qualifier.value if qualifier else "", shape, rules)
            code = -1 if qualifier is None else qcode
            if plan.by_range:
                out.append(PlanRow(code, shape, 1, 0, None, None, 0, 0))
            elif plan.rule is not None:
                rule = plan.rule
                if rule.relative:
                    lo = None if rule.low is None else float(rule.low)
                    hi = None if rule.high is None else float(rule.high)
                else:
                    lo = -INF if rule.low is None else float(rule.low)
                    hi = INF if rule.high is None else float(rule.high)
                opens = int(rule.low_open), int(rule.high_open)
                out.append(PlanRow(code, shape, 0, int(rule.relative), lo, hi, *opens))
    return out


def qualifier_codes() -> dict[str, int]:
    """Stored qualifier -> its code (anything else, '' included, is -1: no known qualifier)."""
    return {q.value: i for i, q in enumerate(QUALIFIERS) if q is not None}


ArticleRow = tuple
# (quantity, as_of ('' unless by date), article_id, unit, n,
#  lowest_high, lowest_open_high, highest_low, highest_open_low, floor, ceiling,
#  min_value, max_value, max_min_value, max_smallest_low, max_smallest_high,
#  flat (1: every row's smallest and largest are one figure), min_kind, max_kind)
# "smallest" is the interval of a row's smallest value, "largest" of its largest; floor is the
# lowest smallest low, ceiling the highest largest high. lowest_open_high is the lowest upper bound
# among open ones (None when none is open), highest_open_low likewise. A row's kind is
# ((qcode + 1) * 4 + low_open * 2 + high_open) * 2 + (1 when it has a value): equal kinds share
# the discrete parts of a signature (see kind_parts).


def kind_parts(kind: int) -> tuple[Qualifier | None, bool, bool]:
    """(qualifier, low_open, high_open) of a row kind (see ArticleRow)."""
    kind >>= 1
    return QUALIFIERS[(kind >> 2) - 1], bool(kind & 2), bool(kind & 1)


def _same(scale: Callable, a: float | None, b: float | None) -> bool:
    return a == b or scale(a) == scale(b)


def summarise_articles(
    rows: Iterable[ArticleRow],
    by_date: bool = False,
    sources: Sources | None = None,
    canonical: Callable[[str], str] | None = None,
    split: dict[int, str] | None = None,
) -> list[GroupSummary]:
    """Groups with their relation from per-article rows (see ArticleRow), equal to what
    core.figure_groups.summarise makes from the index's rows; arguments as there."""
    key_of = canonical or normalise_key
    groups: dict[tuple[str, str, date | None, str | None], GroupSummary] = {}
    keys: dict[str, str] = {}
    days: dict[str, date | None] = {}
    measures: dict[str, Measure] = {}
    for row in rows:
        quantity, as_of, article_id, unit, n, lh, lh_open, hl, hl_open, floor, ceiling = row[:11]
        vmin, vmax, sv_max, sl_max, sh_max, flat, kind, max_kind = row[11:]
        unit = unit or ""
        measure = measures.get(unit)
        if measure is None:
            measure = measures[unit] = measure_of(unit)
        scaled = measure.factor != 1.0  # scaled to the measure's base, as summarise scales each row
        up = measure.scale
        if by_date and as_of:
            day = days.get(as_of)
            if day is None:
                day = days[as_of] = date.fromisoformat(as_of)
        else:
            day = None
        value = None if split is None else split.get(article_id, "")
        key = (keys.get(quantity) or keys.setdefault(quantity, key_of(quantity)), measure.name, day, value)
        group = groups.get(key)
        if group is None:
            group = groups[key] = GroupSummary(
                key[0], day, sources=sources or {}, variable_value=value, measure=measure.name
            )
        group.raw_quantities.add(quantity)
        group.units.add(unit)
        if by_date:
            if group.dates is None:
                group.dates = set()
            group.dates.add(as_of)
        if group.uniform:  # while every report so far shares one signature
            same = bool(flat) and kind == max_kind
            if scaled:
                same = same and _same(up, vmin, sv_max) and _same(up, floor, sl_max) and _same(up, lh, sh_max)
            else:
                same = same and vmin == sv_max and floor == sl_max and lh == sh_max
            qualifier, low_open, high_open = kind_parts(kind)
            smallest = Interval(up(floor), up(lh), low_open, high_open)  # when same: every row's
            signature = (up(vmin), qualifier, smallest)
            group.uniform = same and group.signature in (None, signature)
            group.signature = signature
        if scaled:
            lh_edge = Edge(up(lh), lh_open is not None and up(lh_open) == up(lh))
            hl_edge = Edge(up(hl), hl_open is not None and up(hl_open) == up(hl))
            floor, ceiling, vmin, vmax = up(floor), up(ceiling), up(vmin), up(vmax)
        else:
            lh_edge = Edge(lh, lh_open is not None and lh_open == lh)
            hl_edge = Edge(hl, hl_open is not None and hl_open == hl)
        figures = group.articles.get(article_id)
        if figures is None:  # most often: an article's figures of a group in one unit, one row
            group.articles[article_id] = ArticleFigures(
                article_id, n, lh_edge, hl_edge, floor, ceiling, None if vmin is None else (vmin, vmax)
            )
            continue
        figures.count += n
        edge = figures.lowest_high
        if edge is None or lh_edge.at < edge.at or (lh_edge.at == edge.at and lh_edge.open and not edge.open):
            figures.lowest_high = lh_edge
        edge = figures.highest_low
        if edge is None or hl_edge.at > edge.at or (hl_edge.at == edge.at and hl_edge.open and not edge.open):
            figures.highest_low = hl_edge
        if floor < figures.floor:
            figures.floor = floor
        if ceiling > figures.ceiling:
            figures.ceiling = ceiling
        if vmin is not None:
            seen = figures.values
            figures.values = (vmin, vmax) if seen is None else (min(seen[0], vmin), max(seen[1], vmax))
    out = list(groups.values())
    for group in out:
        group.relation = _relation(group)
    out.sort(key=group_order)
    return out
