"""The tests' oracle for the discrepancy groups: every row of the figure index's aggregates (one per
quantity, date, status, article, qualifier, shape and unit) turned into intervals in Python, one
rule at a time, as the pairwise judgement (core.discrepancy) would turn each single figure.

The product reads per-article edges that the database works out (core.figure_edges); the tests
check that it gives exactly the groups this oracle gives (tests/services/test_figure_edges.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kzt_annotator.core.discrepancy import Sources
from kzt_annotator.core.figure_groups import ArticleFigures, Edge, Grouping, GroupSummary, _Plan, _plan
from kzt_annotator.core.intervals import DEFAULT_RULES, Interval, Rule, rule_bounds
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import Measure, measure_of

SummaryRow = tuple  # (quantity, as_of, status, article_id, qualifier, shape, n,
#                      min_value, max_value, min_low, max_low, min_high, max_high[, unit])


def _interval(value: float | None, rule: Rule) -> tuple[float, float, bool, bool]:
    """interval_for() of a rule-based figure as a plain tuple (the checks are done per plan)."""
    return (*rule_bounds(value, rule), rule.low_open, rule.high_open)


def summarise(
    rows: Iterable[SummaryRow],
    rules: dict[Qualifier, Rule] | None = None,
    by_date: bool = False,
    sources: Sources | None = None,
    canonical: Callable[[str], str] | None = None,
    split: dict[int, str] | None = None,
) -> list[GroupSummary]:
    """Groups with their relation, ordered like group_reports: conflicts first, then by quantity;
    arguments as core.figure_groups.Grouping's. Units are normalised (core.measures): a group
    holds one measure, its numbers scaled to the base."""
    rules = rules or DEFAULT_RULES
    grouping = Grouping(by_date, sources, canonical, split)
    # per stored qualifier, shape and unit: how its rows become intervals, and their measure
    plans: dict[tuple[str, int, str], tuple[_Plan, Measure]] = {}
    for row in rows:
        quantity, as_of, _status, article_id, raw_qualifier, shape, n = row[:7]
        min_value, max_value, min_low, max_low, min_high, max_high = row[7:13]
        unit = (row[13] if len(row) > 13 else "") or ""
        found = plans.get((raw_qualifier, shape, unit))
        if found is None:
            found = (_plan(raw_qualifier, shape, rules), measure_of(unit))
            plans[(raw_qualifier, shape, unit)] = found
        plan, measure = found
        if not quantity or not (plan.by_range or plan.rule):
            continue
        if plan.by_range:
            smallest, largest = (min_low, min_high, False, False), (max_low, max_high, False, False)
            uniform = min_value == max_value and min_low == max_low and min_high == max_high
        else:
            rule = plan.rule
            smallest = _interval(min_value, rule)
            largest = _interval(max_value, rule) if rule.relative else smallest
            uniform = min_value == max_value
        if measure.factor != 1.0:
            up = measure.scale
            smallest = (up(smallest[0]), up(smallest[1]), *smallest[2:])
            largest = (up(largest[0]), up(largest[1]), *largest[2:])
            min_value, max_value = up(min_value), up(max_value)
        group = grouping.group(quantity, as_of, unit, measure.name, article_id)
        figures = group.articles.get(article_id)
        if figures is None:
            figures = group.articles[article_id] = ArticleFigures(article_id)
        figures.count += n
        # The lowest upper bound belongs to the smallest figure, the highest lower bound to the
        # largest; an open edge is tighter than a closed one at the same number.
        high, high_open = smallest[1], smallest[3]
        edge = figures.lowest_high
        if edge is None or high < edge.at or (high == edge.at and high_open and not edge.open):
            figures.lowest_high = Edge(high, high_open)
        low, low_open = largest[0], largest[2]
        edge = figures.highest_low
        if edge is None or low > edge.at or (low == edge.at and low_open and not edge.open):
            figures.highest_low = Edge(low, low_open)
        if smallest[0] < figures.floor:
            figures.floor = smallest[0]
        if largest[1] > figures.ceiling:
            figures.ceiling = largest[1]
        if min_value is not None:
            seen = figures.values
            figures.values = (
                (min_value, max_value) if seen is None else (min(seen[0], min_value), max(seen[1], max_value))
            )
        if group.uniform:
            signature = (min_value, plan.qualifier, Interval(*smallest))
            group.uniform = uniform and group.signature in (None, signature)
            group.signature = signature
    return grouping.done()
