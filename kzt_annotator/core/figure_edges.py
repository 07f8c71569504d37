"""Discrepancy groups from per-article interval edges that the database works out.

Each row of the figure index's aggregates (one per quantity, date, status, article, qualifier,
shape and unit) stands for figures whose intervals follow from one rule. `plans` says how each
qualifier and shape becomes an interval (core.figure_groups._plan with the user's rules), and the
store does that arithmetic, answering one row per quantity, article, unit and date (about a
quarter as many) with the edges already taken (see ArticleRow). What cannot be done in SQL,
naming groups through the codebook and scaling units (core.measures rounds to 12 digits), is done
here, so that the groups are exactly those of the tests' oracle (tests/figure_oracle.py), which
turns every index row into intervals in Python:

- scaling keeps order, so the smallest of the scaled numbers is the scaled smallest;
- an edge is open when an open one ends at the same scaled number: the store gives the tightest
  open edge apart, compared here after scaling;
- an article's reports share one signature (value, qualifier, smallest interval) when every row
  agrees on the discrete parts and is flat (its smallest and largest figure are one), and the
  scaled lowest and highest of each number are equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from kzt_annotator.core.discrepancy import Sources
from kzt_annotator.core.figure_groups import (
    HAS_RANGE,
    HAS_VALUE,
    ArticleFigures,
    Edge,
    Grouping,
    GroupSummary,
    _plan,
)
from kzt_annotator.core.intervals import DEFAULT_RULES, INF, Interval, Rule
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import Measure, measure_of

# qualifier code -> Qualifier: codes are positions in this list; -1 (the last) is none/unknown
QUALIFIERS: list[Qualifier | None] = [*Qualifier, None]
SHAPES = (0, HAS_VALUE, HAS_RANGE, HAS_VALUE | HAS_RANGE)


class PlanRow(NamedTuple):
    """How the index rows of one qualifier code and shape become intervals (for the store's SQL).

    For a value v >= 0 (or none) the low bound is v x low_factor, else `low`, else the row's own
    low (a range: both None); likewise the high bound. For v < 0 a relative rule's bounds swap:
    the low bound is v x high_factor, else `low_if_negative`, and the high bound v x low_factor,
    else `high_if_negative` (core.intervals.rule_bounds). A factor is None for an absolute rule
    and for an unbounded end, whose bound is then ±inf. `kind` is the kind of its rows (see
    ArticleRow): a row has a value exactly when its shape says so."""

    qcode: int
    shape: int
    kind: int
    by_range: int
    lo_open: int
    hi_open: int
    low_factor: float | None
    high_factor: float | None
    low: float | None
    high: float | None
    low_if_negative: float | None
    high_if_negative: float | None


def plans(rules: dict[Qualifier, Rule] | None = None) -> list[PlanRow]:
    """Every qualifier code and shape whose figures are compared, with how (see PlanRow); a
    qualifier and shape not listed are left out: their figures are not compared."""
    rules = rules or DEFAULT_RULES
    out = []
    for qcode, qualifier in enumerate(QUALIFIERS):
        for shape in SHAPES:
            plan = _plan(qualifier.value if qualifier else "", shape, rules)
            code = -1 if qualifier is None else qcode
            if plan.by_range:
                out.append(PlanRow(code, shape, _kind(code, 0, 0, shape), 1, 0, 0, *[None] * 6))
            elif plan.rule is not None:
                rule = plan.rule
                opens = int(rule.low_open), int(rule.high_open)
                if rule.relative:
                    lo = None if rule.low is None else float(rule.low)
                    hi = None if rule.high is None else float(rule.high)
                    bounds = (lo, hi, -INF, INF, INF, -INF)
                else:
                    lo = -INF if rule.low is None else float(rule.low)
                    hi = INF if rule.high is None else float(rule.high)
                    bounds = (None, None, lo, hi, lo, hi)
                out.append(PlanRow(code, shape, _kind(code, *opens, shape), 0, *opens, *bounds))
    return out


def _kind(qcode: int, low_open: int, high_open: int, shape: int) -> int:
    return ((qcode + 1) * 4 + low_open * 2 + high_open) * 2 + (shape & HAS_VALUE)


def qualifier_codes() -> dict[str, int]:
    """Stored qualifier -> its code (anything else, '' included, is -1: no known qualifier)."""
    return {q.value: i for i, q in enumerate(QUALIFIERS) if q is not None}


ArticleRow = tuple
# (quantity, as_of ('' unless by date), article_id, unit, n,
#  lowest_high, lowest_open_high, highest_low, highest_open_low, floor, ceiling,
#  min_value, max_value, flat (1: every row's smallest and largest are one figure), min_kind, max_kind)
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
    """Groups with their relation from per-article rows (see ArticleRow), equal to what the tests'
    oracle makes from the index's rows; arguments as core.figure_groups.Grouping's."""
    grouping = Grouping(by_date, sources, canonical, split)
    measures: dict[str, Measure] = {}
    for row in rows:
        quantity, as_of, article_id, unit, n, lh, lh_open, hl, hl_open, floor, ceiling = row[:11]
        vmin, vmax, flat, kind, max_kind = row[11:]
        unit = unit or ""
        measure = measures.get(unit)
        if measure is None:
            measure = measures[unit] = measure_of(unit)
        scaled = measure.factor != 1.0  # scaled to the measure's base, as the oracle scales each row
        up = measure.scale
        group = grouping.group(quantity, as_of, unit, measure.name, article_id)
        if group.uniform:  # while every report so far shares one signature
            # Every row flat: a row's largest interval is its smallest, so the highest low, the
            # ceiling and the largest value are the highest of the smallest's: all rows agree when
            # they equal the lowest.
            same = bool(flat) and kind == max_kind
            if scaled:
                same = same and _same(up, vmin, vmax) and _same(up, floor, hl) and _same(up, lh, ceiling)
            else:
                same = same and vmin == vmax and floor == hl and lh == ceiling
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
    return grouping.done()
