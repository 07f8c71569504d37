"""Discrepancy groups judged from per-article aggregates instead of from every single report.

The figure index (see store.figure_index) keeps, per quantity, date, status, article, qualifier and
shape, the number of figures and their smallest and largest numbers. Intervals grow with the
reported value, so the report with the lowest upper bound and the one with the highest lower bound
of an article are found from those extremes alone; two articles conflict exactly when one's lowest
upper bound lies below the other's highest lower bound. That gives the same relation as comparing
every pair (core.discrepancy.group_reports) while reading a few thousand rows instead of 100,000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from kzt_annotator.core.discrepancy import Relation, Report, Sources, _qualifier, normalise_key, source_of
from kzt_annotator.core.intervals import Rule
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import COUNT

HAS_VALUE, HAS_RANGE = 1, 2


class Edge(NamedTuple):
    """One end of an interval: its number and whether the number itself is excluded."""

    at: float
    open: bool = False

    def below(self, low: Edge) -> bool:
        """True when an interval ending at this edge lies wholly below one starting at `low`."""
        return self.at < low.at or (self.at == low.at and (self.open or low.open))


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
    _cached_extremes: list[ArticleFigures] | None = field(default=None, compare=False, repr=False)  # derived
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


class Grouping:
    """The groups that per-article rows fall into, keyed by quantity key, measure, date (when
    grouping by date) and document variable value; made on first use.

    `sources` maps articles to their near-duplicate group: copies of one story are one source.
    `canonical` maps a stored quantity to its group key (default normalise_key); `split`, article
    id -> a document variable's value, splits every group by that value ("" for none)."""

    __slots__ = ("by_date", "sources", "key_of", "split", "groups", "_keys", "_days")

    def __init__(
        self,
        by_date: bool = False,
        sources: Sources | None = None,
        canonical: Callable[[str], str] | None = None,
        split: dict[int, str] | None = None,
    ) -> None:
        self.by_date = by_date
        self.sources = sources or {}
        self.key_of = canonical or normalise_key
        self.split = split
        self.groups: dict[tuple[str, str, date | None, str | None], GroupSummary] = {}
        self._keys: dict[str, str] = {}
        self._days: dict[str, date] = {}

    def group(self, quantity: str, as_of: str, unit: str, measure: str, article_id: int) -> GroupSummary:
        """The group of a row: its stored quantity, as_of ('' for none), unit ('' for none), the
        unit's measure (core.measures) and article; the group notes the quantity, unit and date."""
        day = None
        if self.by_date and as_of:
            day = self._days.get(as_of)
            if day is None:
                day = self._days[as_of] = date.fromisoformat(as_of)
        value = None if self.split is None else self.split.get(article_id, "")
        keys = self._keys
        key = (keys.get(quantity) or keys.setdefault(quantity, self.key_of(quantity)), measure, day, value)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = GroupSummary(
                key[0], day, sources=self.sources, variable_value=value, measure=measure
            )
        group.raw_quantities.add(quantity)
        group.units.add(unit)
        if self.by_date:
            if group.dates is None:
                group.dates = set()
            group.dates.add(as_of)
        return group

    def done(self) -> list[GroupSummary]:
        """Every group with its relation, ordered like group_reports: conflicts first, then by
        quantity (see group_order)."""
        out = list(self.groups.values())
        for group in out:
            group.relation = _relation(group)
            group.count  # noqa: B018 - summed here, off the GUI thread, and kept
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
