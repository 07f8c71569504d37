"""Cross-source discrepancies: the same quantity as each outlet reports it.

Figures are grouped by quantity key (optionally also by as_of date). Each pair of reports from
different articles is `equal` (same figure), `compatible` (their intervals overlap) or
`conflicting` (they do not). A group shows its worst pair; conflicting groups sort first.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kzt_annotator.core.intervals import Interval, Rule, interval_for
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.measures import COUNT, measure_of
from kzt_annotator.core.model import UNKNOWN_OUTLET

PAIR_LIMIT = 2000  # pairs listed per group; the relation is always computed over all of them


class Relation(enum.IntEnum):
    EQUAL = 0
    COMPATIBLE = 1
    CONFLICTING = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Report:
    annotation_id: str
    article_id: int
    outlet: str
    title: str
    start: int
    end: int
    text: str
    value: float | None
    qualifier: Qualifier | None
    interval: Interval
    figure_source: str | None
    as_of: date | None
    annotator: str
    unit: str | None = None
    # When this row stands for several annotators' reports of one article (core.report_rows):
    # (annotator, annotation id) of each, and the smallest and largest value they reported.
    merged: tuple[tuple[str, str], ...] = ()
    spread: tuple[float, float] | None = None
    variable_value: str | None = None  # the article's value of the grouping variable, if grouped by one
    # What the value measures after unit normalisation (core.measures): "" for counts, "percent",
    # a currency code... `value`, `interval` and `spread` are in that measure's base.
    measure: str = COUNT
    quantity: str = ""  # the quantity key as stored (before codebook aliases are joined)
    article_date: date | None = None  # the article's publication date, when known


def report_date(report: Report) -> tuple[date | None, str]:
    """The date a report speaks of, and where it comes from: ("as_of" | "article" | "")."""
    if report.as_of is not None:
        return report.as_of, "as_of"
    if report.article_date is not None:
        return report.article_date, "article"
    return None, ""


def date_order(report: Report) -> tuple:
    """Sort key of reports within a group: by `as_of`, else the article's date, unknown last;
    then smallest interval first."""
    day = report.as_of or report.article_date
    return (day is None, day or date.min, report.interval.low, report.article_id)


@dataclass(frozen=True, slots=True)
class Pair:
    first: str
    second: str
    relation: Relation


@dataclass(slots=True)
class Group:
    quantity: str
    as_of: date | None
    reports: list[Report]
    relation: Relation = Relation.EQUAL
    pairs: list[Pair] = field(default_factory=list)
    # Reports from copies of one wire story count as one source: source id -> its article ids,
    # for each source with more than one article in this group (see core/syndication.py).
    syndicated: dict[int, list[int]] = field(default_factory=dict)
    variable_value: str | None = None  # set when grouped by a document variable ("" = no value)
    measure: str = COUNT  # what the reports' numbers measure (core.measures); never mixed in a group
    # Its place in the quantity tree (core.group_tree): the family's root key (None: a group on
    # its own), the depth below it and its parent key. Set by the services that arrange groups.
    family: str | None = None
    depth: int = 0
    parent: str | None = None


Sources = Mapping[int, int]  # article id -> source id (its near-duplicate group); absent: itself


def source_of(article_id: int, sources: Sources | None) -> int:
    return sources.get(article_id, article_id) if sources else article_id


def normalise_key(key: str) -> str:
    """'Death toll ' -> 'death_toll'."""
    return "_".join(key.strip().lower().replace("-", " ").split())


def relation(a: Report, b: Report) -> Relation:
    if a.interval == b.interval:
        return Relation.EQUAL
    return Relation.COMPATIBLE if a.interval.overlaps(b.interval) else Relation.CONFLICTING


FigureRow = tuple  # (annotation id, article id, start, end, text, annotator, quantity, value,
#                     value_low, value_high, qualifier, unit, as_of, figure_source) - raw stored values


def reports_from_rows(
    rows: Iterable[FigureRow],
    articles: dict[int, tuple[str, str]],
    rules: dict[Qualifier, Rule] | None = None,
    canonical: Callable[[str], str] | None = None,
    values: dict[int, str] | None = None,
    dates: Mapping[int, date | None] | None = None,
) -> list[tuple[str, Report]]:
    """Reports keyed by quantity from raw figure rows (a lean query: no Annotation objects).

    `articles`: id -> (outlet as views name it, title). `canonical` maps a stored quantity to its
    group key (the codebook's, for aliases; default: normalise_key). `values`: article id -> the
    value of a grouping variable ("" for none), carried by each report. `dates`: article id ->
    its publication date (orders the reports with `as_of`, see date_order).
    """
    key_of = canonical or normalise_key
    out: list[tuple[str, Report]] = []
    keys: dict[str, str] = {}
    for (
        ident,
        article_id,
        start,
        end,
        text,
        annotator,
        quantity,
        value,
        low,
        high,
        qualifier,
        unit,
        as_of,
        source,
    ) in rows:
        if not quantity:
            continue
        qualifier = _qualifier(qualifier)
        value, low, high = _number(value), _number(low), _number(high)
        interval = interval_for(value, qualifier, low, high, rules)
        if interval is None:
            continue
        measure = measure_of(unit)
        interval, value = measure.scale_interval(interval), measure.scale(value)
        if isinstance(as_of, str):
            as_of = date.fromisoformat(as_of) if as_of else None
        outlet, title = articles.get(article_id, ("", ""))
        key = keys.get(quantity) or keys.setdefault(quantity, key_of(quantity))
        out.append(
            (
                key,
                Report(
                    ident,
                    article_id,
                    outlet or UNKNOWN_OUTLET,
                    title,
                    start,
                    end,
                    text,
                    value,
                    qualifier,
                    interval,
                    source,
                    as_of,
                    annotator,
                    unit,
                    variable_value=None if values is None else values.get(article_id, ""),
                    measure=measure.name,
                    quantity=quantity,
                    article_date=dates.get(article_id) if dates else None,
                ),
            )
        )
    return out


def _number(value: object) -> float | None:
    return None if value is None or value == "" else float(value)  # type: ignore[arg-type]


def _qualifier(value: object) -> Qualifier | None:
    if value is None or value == "" or isinstance(value, Qualifier):
        return value or None  # type: ignore[return-value]
    try:
        return Qualifier(str(value))
    except ValueError:
        return None


def group_reports(
    reports: list[tuple[str, Report]],
    by_date: bool = False,
    sources: Sources | None = None,
    by_variable: bool = False,
) -> list[Group]:
    """Groups by quantity and measure (and date, and the reports' variable value): numbers of
    different measures (counts, percent, USD, EUR ...) are never compared. Pairs are judged
    between reports of different sources: a report is its article's, or its near-duplicate
    group's when `sources` names one."""
    buckets: dict[tuple[str, str, date | None, str | None], list[Report]] = defaultdict(list)
    for key, report in reports:
        value = report.variable_value if by_variable else None
        buckets[(key, report.measure, report.as_of if by_date else None, value)].append(report)
    groups = [
        _judge(
            Group(
                key,
                as_of,
                sorted(items, key=date_order),
                variable_value=value,
                measure=measure,
            ),
            sources,
        )
        for (key, measure, as_of, value), items in buckets.items()
    ]
    groups.sort(
        key=lambda g: (-g.relation, g.quantity, g.measure, str(g.as_of or ""), g.variable_value or "")
    )
    return groups


def _judge(group: Group, sources: Sources | None = None) -> Group:
    reports = group.reports
    pairs: list[Pair] = []
    for i, a in enumerate(reports):
        if len(pairs) >= PAIR_LIMIT:
            break
        for b in reports[i + 1 :]:
            if source_of(a.article_id, sources) != source_of(b.article_id, sources):
                pairs.append(Pair(a.annotation_id, b.annotation_id, relation(a, b)))
    group.pairs = pairs
    group.relation = worst_relation(reports, sources)
    if sources:
        members: dict[int, set[int]] = defaultdict(set)
        for r in reports:
            members[source_of(r.article_id, sources)].add(r.article_id)
        group.syndicated = {s: sorted(ids) for s, ids in members.items() if len(ids) > 1}
    return group


def worst_relation(reports: list[Report], sources: Sources | None = None) -> Relation:
    """The worst relation over all pairs of reports from different sources, in linear time."""
    lowest_high: dict[int, Report] = {}
    highest_low: dict[int, Report] = {}
    for r in reports:
        s = source_of(r.article_id, sources)
        if s not in lowest_high or r.interval.high < lowest_high[s].interval.high:
            lowest_high[s] = r
        if s not in highest_low or r.interval.low > highest_low[s].interval.low:
            highest_low[s] = r
    if len(lowest_high) < 2:
        return Relation.EQUAL
    top = sorted(highest_low.items(), key=lambda item: item[1].interval.low, reverse=True)[:2]
    for source, a in lowest_high.items():
        b = top[0][1] if top[0][0] != source else top[1][1]
        if not a.interval.overlaps(b.interval):
            return Relation.CONFLICTING
    signatures = {(r.value, r.qualifier, r.interval) for r in reports}
    return Relation.EQUAL if len(signatures) == 1 else Relation.COMPATIBLE
