"""Curation: per-annotator document states, the curated layer, and how a unit is decided.

Modelled on INCEpTION's curation (document states per annotator, a curator who merges layers,
automatic merging of what all annotators agree on). Units are those of `core.units`.

The curated layer is its own layer: annotations whose annotator is `CURATED_LAYER`. It is never an
annotator in agreement; it is the default source of discrepancies and exports for an article once
the article has one. When a unit is taken into it, the annotators' own annotations stay as they
are except for their review status: those identical to the taken version become `curated`, the
others `rejected` (never deleted), so the review queue no longer offers them.
"""

from __future__ import annotations

import enum
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Status
from kzt_annotator.core.model import Annotation

CURATED_LAYER = "curated"  # the annotator name of the curated layer; no person may use it
MAJORITY = "majority"


class Role(enum.StrEnum):
    ANNOTATOR = "annotator"
    CURATOR = "curator"


class ArticleState(enum.StrEnum):
    """One annotator's progress on one article."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"


class CurationState(enum.StrEnum):
    OPEN = "open"
    IN_CURATION = "in_curation"
    CURATED = "curated"


def check_person_name(name: str) -> str:
    """A person's annotator name, stripped. Raises InvalidInput for the curated layer's name."""
    name = name.strip()
    if not name:
        raise InvalidInput("an annotator name is needed (--annotator NAME)")
    if name == CURATED_LAYER:
        raise InvalidInput(f"{CURATED_LAYER!r} is the curated layer's name; choose another annotator name")
    return name


def edit_refusal(annotation: Annotation, person: str, is_curator: bool) -> str | None:
    """Why `person` may not edit or delete `annotation` in place, or None when they may.

    Annotations belong to their annotator: others view, review or copy them, never change them.
    The curated layer belongs to the project's curators.
    """
    if annotation.annotator == person:
        return None
    if annotation.annotator == CURATED_LAYER:
        if is_curator:
            return None
        return "the curated layer is edited only by curators; ask a curator to change it"
    return (
        f"this {annotation.kind} belongs to {annotation.annotator}; you ({person}) can review it or "
        "take it into the curated layer, but only its annotator can change or delete it"
    )


def signature(annotation: Annotation) -> tuple:
    """What must be equal for two annotations to be the same version: kind, span, attributes."""
    values = attributes_to_strings(annotation.attributes)
    return (str(annotation.kind), annotation.start, annotation.end, tuple(sorted(values.items())))


@dataclass(frozen=True, slots=True)
class FieldDifference:
    """One field on which a unit's versions differ: annotator -> value as text ('' = unset)."""

    field: str
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class CurationUnit:
    """One unit of an article across annotators, and its curated version if it has one.

    `versions` maps annotator -> annotation (annotators who did not tag it are absent).
    `annotators` are all annotators taking part, in column order.
    """

    number: int
    annotators: tuple[str, ...]
    versions: dict[str, Annotation]
    curated: Annotation | None = None

    @property
    def kind(self) -> str:
        return str(next(iter(self.versions.values())).kind)

    @property
    def agreed(self) -> bool:
        """Every annotator tagged it, with the same span and attributes."""
        if set(self.versions) != set(self.annotators):
            return False
        return len({signature(a) for a in self.versions.values()}) == 1

    @property
    def differences(self) -> list[FieldDifference]:
        """Field by field: span, text, then each attribute whose values differ among versions."""
        names = self.annotators
        rows: dict[str, dict[str, str]] = {
            "span": {n: f"{a.start}-{a.end}" for n, a in self.versions.items()},
            "text": {n: a.text for n, a in self.versions.items()},
        }
        for name, ann in self.versions.items():
            for field_name, value in attributes_to_strings(ann.attributes).items():
                rows.setdefault(field_name, {})[name] = value
        out = []
        for field_name, values in rows.items():
            full = {n: values.get(n, "") if n in self.versions else "—" for n in names}
            if len(set(full.values())) > 1:
                out.append(FieldDifference(field_name, full))
        return out

    def majority(self) -> str | None:
        """The annotator whose version most annotators share (strictly more than any other), or None."""
        counts = Counter(signature(a) for a in self.versions.values())
        ranked = counts.most_common()
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        if ranked[0][1] * 2 <= len(self.annotators):
            return None
        best = ranked[0][0]
        return next(n for n in self.annotators if n in self.versions and signature(self.versions[n]) == best)


def choose(unit: CurationUnit, take: str) -> Annotation:
    """The version `take` names: an annotator, or MAJORITY. Raises InvalidInput if there is none."""
    if take == MAJORITY:
        name = unit.majority()
        if name is None:
            raise InvalidInput(f"unit {unit.number} has no majority; take one annotator's version")
        return unit.versions[name]
    if take not in unit.versions:
        have = ", ".join(unit.versions) or "nobody"
        raise InvalidInput(f"unit {unit.number}: {take!r} did not tag it (versions from {have})")
    return unit.versions[take]


def curated_copy(version: Annotation, curator: str, unit: CurationUnit) -> Annotation:
    """The curated layer's annotation for `unit`, copied from `version`."""
    same = [n for n, a in unit.versions.items() if signature(a) == signature(version)]
    now = datetime.now(UTC)
    return replace(
        version,
        id=str(uuid.uuid4()),
        annotator=CURATED_LAYER,
        status=Status.ACCEPTED,
        reviewer=curator,
        review_note=f"curated from {', '.join(same)}",
        reviewed_at=now,
        created_at=None,
        updated_at=None,
        version=1,
        linked_ids=(),
        note=version.note,
    )


def decided_originals(
    unit: CurationUnit, version: Annotation, curator: str
) -> list[tuple[Annotation, Annotation]]:
    """(before, after) for each annotator's annotation: `curated` if identical, else `rejected`."""
    now = datetime.now(UTC)
    taken_from = version.annotator
    out = []
    for ann in unit.versions.values():
        same = signature(ann) == signature(version)
        status = Status.CURATED if same else Status.REJECTED
        note = "taken into the curated layer" if same else f"curation took {taken_from}'s version"
        out.append((ann, replace(ann, status=status, reviewer=curator, review_note=note, reviewed_at=now)))
    return out


def number_units(
    raw_units: Sequence[dict[str, Annotation]],
    annotators: Sequence[str],
    curated: Sequence[Annotation],
) -> list[CurationUnit]:
    """Number units 1.. in reading order and attach each its curated annotation (same kind, overlap)."""
    from kzt_annotator.core.units import match_pairs

    anchors = [min(u.values(), key=lambda a: (a.start, a.end)) for u in raw_units]
    taken = {a.id: b for a, b in match_pairs(anchors, list(curated), "overlap")}
    return [
        CurationUnit(i + 1, tuple(annotators), dict(u), taken.get(anchor.id))
        for i, (u, anchor) in enumerate(zip(raw_units, anchors, strict=True))
    ]
