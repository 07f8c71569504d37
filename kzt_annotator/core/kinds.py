"""Closed vocabularies shared by every layer: the built-in annotation kinds, review status,
qualifiers. A project may declare more kinds (core.schema); their names are plain strings."""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    CLAIM = "claim"
    ATTRIBUTION = "attribution"
    FIGURE = "figure"


_BUILTIN_KINDS = {k.value: k for k in Kind}


def kind_name(name: str) -> str:
    """A stored kind name as the core uses it: the `Kind` member for the built-in three, else
    the project-defined kind's name itself (declared in the project's schema)."""
    return _BUILTIN_KINDS.get(name, name)


class Status(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CURATED = "curated"  # taken into the curated layer (core.curation); never deleted


class Qualifier(enum.StrEnum):
    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    UP_TO = "up_to"
    LESS_THAN = "less_than"
    RANGE = "range"
    # Vague counts: no point value, an interval by rule.
    DOZENS = "dozens"
    SCORES = "scores"
    HUNDREDS = "hundreds"
    THOUSANDS = "thousands"
    SEVERAL = "several"
    MULTIPLE = "multiple"


VAGUE_QUALIFIERS = frozenset(
    {
        Qualifier.DOZENS,
        Qualifier.SCORES,
        Qualifier.HUNDREDS,
        Qualifier.THOUSANDS,
        Qualifier.SEVERAL,
        Qualifier.MULTIPLE,
    }
)


class Stance(enum.StrEnum):
    REPORTS = "reports"
    ENDORSES = "endorses"
    DISPUTES = "disputes"


class QuoteKind(enum.StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    PARAPHRASE = "paraphrase"
