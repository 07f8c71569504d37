"""One row per article and quantity: what a discrepancy group shows by default.

Two annotators tagging the same figure in one article are one outlet's report, not two. By
default each article contributes one row per group: its curated-layer report when the article has
one for that quantity (the adjudicated version), else its annotators' reports merged into one row
whose interval spans theirs and whose `spread` gives the smallest and largest value. The
relation of a group is still judged from every single report (core.discrepancy): until a curator
settles an article, each annotator's reading is compared with the other articles, so merging rows
never hides a conflict. An option shows every annotator's row instead.
"""

from __future__ import annotations

from dataclasses import replace

from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.discrepancy import Report
from kzt_annotator.core.intervals import Interval


def one_row_per_article(reports: list[Report]) -> list[Report]:
    """Collapse `reports` (one group's) to one row per article, in the order of first appearance."""
    by_article: dict[int, list[Report]] = {}
    for report in reports:
        by_article.setdefault(report.article_id, []).append(report)
    return [_one(rows) for rows in by_article.values()]


def _one(rows: list[Report]) -> Report:
    curated = [r for r in rows if r.annotator == CURATED_LAYER]
    rows = curated or rows
    if len(rows) == 1:
        return rows[0]
    first = rows[0]
    values = [r.value for r in rows if r.value is not None]
    low = min(rows, key=lambda r: (r.interval.low, r.interval.low_open))
    high = max(rows, key=lambda r: (r.interval.high, not r.interval.high_open))
    interval = Interval(low.interval.low, high.interval.high, low.interval.low_open, high.interval.high_open)
    same_value = len(set(values)) == 1 and len(values) == len(rows)
    qualifiers = {r.qualifier for r in rows}
    names = sorted({r.annotator for r in rows})
    return replace(
        first,
        value=values[0] if same_value else None,
        qualifier=first.qualifier if len(qualifiers) == 1 else None,
        interval=interval,
        annotator=", ".join(names),
        merged=tuple((r.annotator, r.annotation_id) for r in rows),
        spread=(min(values), max(values)) if values else None,
    )
