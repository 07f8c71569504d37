"""Discrepancy groups judged from per-article aggregates instead of from every single report.

The figure index (see store.figure_index) keeps, per quantity, date, status, article, qualifier and
shape, the number of figures and their smallest and largest numbers. Intervals grow with the
reported value, so the report with the lowest upper bound and the one with the highest lower bound
of an article are found from those extremes alone; two articles conflict exactly when one's lowest
upper bound lies below the other's highest lower bound. That gives the same relation as comparing
every pair (core.discrepancy.group_reports) while reading a few thousand rows instead of 100,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kzt_annotator.core.discrepancy import Relation, Report, Sources, _qualifier, normalise_key, source_of
from kzt_annotator.core.intervals import DEFAULT_RULES, Interval, Rule, rule_bounds
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import COUNT, Measure, measure_of

SummaryRow = tuple  # (quantity, as_of, status, article_id, qualifier, shape, n,
#                      min_value, max_value, min_low, max_low, min_high, max_high[, unit])
HAS_VALUE, HAS_RANGE = 1, 2


class Edge(NamedTuple):
    """One end of an interval: its number and whether the number itself is excluded."""

    at: float
    open: bool = False

    def below(self, low: Edge) -> bool:
        """True when an interval ending at this edge lies wholly below one starting at `low`."""
        return self.at < low.at or (self.at == low.at and (self.open or low.open))


def _lower_high(a: Edge | None, b: Edge) -> Edge:
    return b if a is None or b.at < a.at or (b.at == a.at and b.open and not a.open) else a


def _higher_low(a: Edge | None, b: Edge) -> Edge:
    return b if a is None or b > a else a  # (at, open): an open edge at the same number is higher


@dataclass(slots=True)
class ArticleFigures:
    """One article's reports of a quantity: how many, the tightest edges and the span they cover."""

    article_id: int
    count: int = 0
    lowest_high: Edge | None = None
    highest_low: Edge | None = None
    floor: float = float("inf")  # the smallest lower bound, for the chart
    ceiling: float = float("-inf")  # the largest upper bound
    values: tuple[float, float] | None = None  # the smallest and largest reported value


@dataclass(slots=True)
class GroupSummary:
    quantity: str
    as_of: date | None
    raw_quantities: set[str] = field(default_factory=set)
    dates: set[str] | None = None  # the stored as_of values, when grouped by date
    articles: dict[int, ArticleFigures] = field(default_factory=dict)
    signature: tuple | None = None  # (value, qualifier, interval) while every report shares it
    uniform: bool = True
    relation: Relation = Relation.EQUAL
    sources: Sources = field(default_factory=dict)  # article id -> its near-duplicate group
    variable_value: str | None = None  # set when split by a document variable ("" = no value)
    measure: str = COUNT  # what the numbers measure, in its base (core.measures)
    units: set[str] = field(default_factory=set)  # the stored units ("" for none) of its figures
    # Its place in the quantity tree (core.group_tree): the family's root key and the depth below
    # it. A family's header (a parent shown with its children side by side) has `children` and
    # no figures of its own: it never has a relation of its own.
    family: str | None = None
    depth: int = 0
    children: list[GroupSummary] = field(default_factory=list)
    _cached_extremes: list[ArticleFigures] | None = None
    _cached_count: int | None = field(default=None, compare=False, repr=False)  # complete once summarised

    @property
    def count(self) -> int:
        if self.children:
            return sum(c.count for c in self.children)
        if self._cached_count is None:
            self._cached_count = sum(a.count for a in self.articles.values())
        return self._cached_count

    @property
    def outlets(self) -> int:
        if self.children:
            return len({a for c in self.children for a in c.articles})
        return len(self.articles)

    def owner(self, report: Report) -> GroupSummary | None:
        """The child group (of a family header) that `report` belongs to, or None."""
        day = report.as_of.isoformat() if report.as_of else ""
        for child in self.children:
            if (
                report.quantity in child.raw_quantities
                and report.measure == child.measure
                and (child.dates is None or day in child.dates)
                and (child.variable_value is None or report.variable_value == child.variable_value)
            ):
                return child
        return None

    @property
    def independent_sources(self) -> int:
        """Articles, with the copies of one wire story counted once."""
        return len({self.source(a) for a in self.articles})

    def source(self, article_id: int) -> int:
        return source_of(article_id, self.sources)

    def conflicts(self, report: Report) -> bool:
        """Whether `report` conflicts with a report of another article in this group (for a
        family header: in the child group it belongs to)."""
        if self.children:
            child = self.owner(report)
            return child is not None and child.conflicts(report)
        interval = report.interval
        return self._conflicts(
            report.article_id, Edge(interval.low, interval.low_open), Edge(interval.high, interval.high_open)
        )

    def article_conflicts(self, article_id: int) -> bool:
        """Whether any report of the article conflicts with a report of another article."""
        if self.children:
            return any(article_id in c.articles and c.article_conflicts(article_id) for c in self.children)
        figures = self.articles[article_id]
        return self._conflicts(article_id, figures.highest_low, figures.lowest_high)  # type: ignore[arg-type]

    def _conflicts(self, article_id: int, low: Edge, high: Edge) -> bool:
        source = self.source(article_id)
        return any(
            self.source(other.article_id) != source
            and (high.below(other.highest_low) or other.lowest_high.below(low))  # type: ignore[arg-type, union-attr]
            for other in self._extremes()
        )

    def _extremes(self) -> list[ArticleFigures]:
        """The two articles with the highest lower edges and the two with the lowest upper edges."""
        if self._cached_extremes is None:
            self._cached_extremes = self._find_extremes()
        return self._cached_extremes

    def _find_extremes(self) -> list[ArticleFigures]:
        """The articles with the highest lower edges of two different sources, and with the lowest
        upper edges of two different sources: any conflict involves one of them."""
        lows = _top_two_sources(self, lambda a: (a.highest_low.at, a.highest_low.open), reverse=True)  # type: ignore[union-attr]
        highs = _top_two_sources(self, lambda a: (a.lowest_high.at, not a.lowest_high.open))  # type: ignore[union-attr]
        return lows + highs


def _top_two_sources(group: GroupSummary, key, reverse: bool = False) -> list[ArticleFigures]:  # type: ignore[no-untyped-def]
    """Per source its best article by `key` (largest when `reverse`, else smallest); the best two."""
    best: dict[int, ArticleFigures] = {}
    for figures in group.articles.values():
        source = group.source(figures.article_id)
        current = best.get(source)
        if current is None or (key(figures) > key(current) if reverse else key(figures) < key(current)):
            best[source] = figures
    return sorted(best.values(), key=key, reverse=reverse)[:2]


class _Plan(NamedTuple):
    """How the rows of one stored qualifier and shape become intervals."""

    qualifier: Qualifier | None
    by_range: bool  # the interval is [value_low, value_high]
    rule: Rule | None  # else: the qualifier's rule (None: nothing to compare)


def _plan(raw_qualifier: str, shape: int, rules: dict[Qualifier, Rule]) -> _Plan:
    qualifier = _qualifier(raw_qualifier)
    if qualifier is Qualifier.RANGE or (not shape & HAS_VALUE and shape & HAS_RANGE):
        return _Plan(qualifier, bool(shape & HAS_RANGE), None)
    rule = rules.get(qualifier or Qualifier.EXACT)
    if rule is not None and rule.relative and not shape & HAS_VALUE:
        rule = None
    return _Plan(qualifier, False, rule)


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
    """Groups with their relation, ordered like group_reports: conflicts first, then by quantity.

    `sources` maps articles to their near-duplicate group: copies of one story are one source.
    `canonical` maps a stored quantity to its group key (default normalise_key); `split`, article
    id -> a document variable's value, splits every group by that value ("" for none). Units are
    normalised (core.measures): a group holds one measure, its numbers scaled to the base.
    """
    rules = rules or DEFAULT_RULES
    key_of = canonical or normalise_key
    groups: dict[tuple[str, str, date | None, str | None], GroupSummary] = {}
    keys: dict[str, str] = {}
    days: dict[str, date | None] = {}
    # per stored qualifier, shape and unit: how its rows become intervals, and their measure
    plans: dict[tuple[str, int, str], tuple[_Plan, Measure]] = {}
    for row in rows:  # one pass, a few µs a row: the panel reads thousands of these
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
        figures = group.articles.get(article_id)
        if figures is None:
            figures = group.articles[article_id] = ArticleFigures(article_id)
        figures.count += n
        # The lowest upper bound belongs to the smallest figure, the highest lower bound to the
        # largest (compared as _lower_high and _higher_low do, an Edge made only when it changes).
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
    out = list(groups.values())
    for group in out:
        group.relation = _relation(group)
    out.sort(key=group_order)
    return out


def _relation(group: GroupSummary) -> Relation:
    if group.independent_sources < 2:
        return Relation.EQUAL
    lows = _top_two_sources(group, lambda a: (a.highest_low.at, a.highest_low.open), reverse=True)  # type: ignore[union-attr]
    for figures in group.articles.values():
        other = lows[0] if group.source(lows[0].article_id) != group.source(figures.article_id) else lows[1]
        if figures.lowest_high.below(other.highest_low):  # type: ignore[union-attr, arg-type]
            return Relation.CONFLICTING
    return Relation.EQUAL if group.uniform else Relation.COMPATIBLE


def group_order(group: GroupSummary) -> tuple:
    """The order groups are listed in: conflicts first, then by quantity, measure, date and variable
    value."""
    return (
        -group.relation,
        group.quantity,
        group.measure,
        str(group.as_of or ""),
        group.variable_value or "",
    )
