"""JSON shapes for discrepancy groups, the claims matrix and suggestions (documented in README)."""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.attributes import attributes_to_json
from kzt_annotator.core.discrepancy import Group, Report, report_date
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.suggest import Suggestion
from kzt_annotator.services.figures import ClaimsMatrix


def group_json(group: Group) -> dict[str, Any]:
    return {
        "quantity": group.quantity,
        "measure": group.measure,  # "" counts, "percent", a currency code ... (values are in its base)
        "parent": group.parent,  # the parent quantity when the group is a child in the quantity tree
        "as_of": group.as_of.isoformat() if group.as_of else None,
        "relation": group.relation.label,
        "reports": [report_json(r) for r in group.reports],
        "pairs": [{"first": p.first, "second": p.second, "relation": p.relation.label} for p in group.pairs],
        # copies of one wire story: counted as one source, no pairs judged between them
        "syndicated": [
            {
                "source": source,
                "article_ids": ids,
                "outlets": list(dict.fromkeys(o for i in ids for o in _outlets(group, i))),
            }
            for source, ids in sorted(group.syndicated.items())
        ],
        **({} if group.variable_value is None else {"variable_value": group.variable_value or None}),
    }


def report_json(r: Report) -> dict[str, Any]:
    """One report of a discrepancy group (or of the orphaned list)."""
    return {
        "article_id": r.article_id,
        "outlet": r.outlet,
        "title": r.title,
        "annotation_id": r.annotation_id,
        "start": r.start,
        "end": r.end,
        "text": r.text,
        "value": r.value,
        "qualifier": r.qualifier.value if r.qualifier else None,
        "unit": r.unit,
        "figure_source": r.figure_source,
        "as_of": r.as_of.isoformat() if r.as_of else None,
        # what orders the reports: as_of, else the article's date ("date_from": "as_of",
        # "article", or null when neither is known; such reports come last)
        "date": _date(r),
        "date_from": report_date(r)[1] or None,
        "annotator": r.annotator,
        "interval": r.interval.as_list(),
        "annotators": [a for a, _ in r.merged] or [r.annotator],
        "merged_annotation_ids": [i for _, i in r.merged] or [r.annotation_id],
        "spread": list(r.spread) if r.spread else None,
        **({} if r.variable_value is None else {"variable_value": r.variable_value or None}),
    }


def _date(report: Report) -> str | None:
    day = report_date(report)[0]
    return day.isoformat() if day else None


def _outlets(group: Group, article_id: int) -> list[str]:
    return [r.outlet for r in group.reports if r.article_id == article_id][:1]


def claims_json(matrix: ClaimsMatrix) -> dict[str, Any]:
    return {
        "articles": [{"article_id": a, "outlet": o} for a, o in matrix.articles],
        "claim_keys": [
            {
                "claim_key": key,
                "stances_differ": key in matrix.disputed_keys,
                "cells": [
                    {
                        "article_id": c.article_id,
                        "stances": list(c.stances),
                        "claimants": list(c.claimants),
                        "annotation_ids": list(c.annotation_ids),
                        "start": c.start,
                        "end": c.end,
                    }
                    for (a, k), c in sorted(matrix.cells.items())
                    if k == key
                ],
            }
            for key in matrix.keys
        ],
    }


def suggestion_json(
    article_id: int, suggestion: Suggestion, article_text: str | None = None
) -> dict[str, Any]:
    """One suggestion; attributions also carry `via` (relaying outlet) and `cue`
    ({start, end, text}: the reporting verb or phrase; null when a quotation continues)."""
    data: dict[str, Any] = {
        "article_id": article_id,
        "kind": str(suggestion.kind),
        "start": suggestion.start,
        "end": suggestion.end,
        "text": suggestion.text,
    }
    data.update(attributes_to_json(suggestion.attributes))
    if suggestion.kind is Kind.ATTRIBUTION:
        data["via"] = suggestion.via
        cue = suggestion.cue
        data["cue"] = (
            None
            if cue is None
            else {
                "start": cue[0],
                "end": cue[1],
                "text": article_text[cue[0] : cue[1]] if article_text else None,
            }
        )
    return data
