"""Reviewing: accept or reject (never delete), copy into the adjudicated layer, the review queue,
and agreement between annotators."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kzt_annotator.core.commands import EditAnnotation
from kzt_annotator.core.curation import CURATED_LAYER, CurationUnit
from kzt_annotator.core.curation_commands import TakeUnits
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.core.model import Annotation
from kzt_annotator.store.repository import AnnotationFilter, Repository

if TYPE_CHECKING:
    from kzt_annotator.core.agreement import AgreementReport


def review_command(annotation: Annotation, status: Status, reviewer: str, note: str = "") -> EditAnnotation:
    """The undoable edit that records a review decision on `annotation`."""
    if not reviewer.strip():
        raise InvalidInput("a review needs the reviewer's name (--reviewer NAME)")
    after = replace(
        annotation, status=status, reviewer=reviewer.strip(), review_note=note, reviewed_at=datetime.now(UTC)
    )
    verb = {Status.ACCEPTED: "Accept", Status.REJECTED: "Reject", Status.PROPOSED: "Reopen"}[status]
    return EditAnnotation(annotation, after, f"{verb} {str(annotation.kind)} by {annotation.annotator}")


def review(repo: Repository, annotation_id: str, status: Status, reviewer: str, note: str = "") -> Annotation:
    """Record a review decision; `annotation_id` may be a unique prefix of the id."""
    annotation_id = repo.resolve_annotation_id(annotation_id)
    command = review_command(repo.annotation(annotation_id), status, reviewer, note)
    command.do(repo)
    return repo.annotation(annotation_id)


def copy_to_curated_command(repo: Repository, annotation: Annotation, curator: str) -> TakeUnits:
    """Take one annotation into the curated layer (the review queue's C): its status becomes
    curated, so it leaves the queue, and the copy is never counted as an annotator.

    Raises InvalidInput unless `curator` has the curator role.
    """
    from kzt_annotator.services.curation import check_curator, take_command

    curator = check_curator(repo, curator)
    unit = CurationUnit(1, (annotation.annotator,), {annotation.annotator: annotation})
    return take_command([unit], annotation.annotator, curator)


def review_queue(
    repo: Repository,
    annotator: str | None = None,
    article_id: int | None = None,
    kind: str | None = None,
    status: str | None = Status.PROPOSED.value,
) -> list[Annotation]:
    """Annotations to review in reading order: unreviewed (proposed) ones unless `status` says
    otherwise (None: every status), optionally one annotator's, one article's or one kind's.

    The curated layer is never in the queue: it is the outcome of review, not its input.
    """
    rows = repo.annotations(
        AnnotationFilter(article_id=article_id, annotator=annotator, kind=kind, status=status)
    )
    return [a for a in rows if a.annotator != CURATED_LAYER]


def _people(annotations: list[Annotation], named: list[str] | None) -> list[Annotation]:
    """Annotators' annotations only: the curated layer is never an annotator in agreement."""
    if named and CURATED_LAYER in named:
        raise InvalidInput(
            f"{CURATED_LAYER!r} is the curated layer, not an annotator; agreement is between people"
        )
    return [a for a in annotations if a.annotator != CURATED_LAYER]


def agreement_report(
    repo: Repository,
    annotators: list[str] | None = None,
    article_id: int | None = None,
    kind: str | None = None,
    rules: dict | None = None,
) -> AgreementReport:
    """Agreement among annotators over the project, one article and/or one kind.

    `rules` are the qualifier rules for figure intervals (core.intervals; default rules when None).

    Raises InvalidInput when fewer than two annotators are named or found.
    """
    from kzt_annotator.core.agreement import RelationLink, agreement  # not loaded for the review queue

    annotations = _people(repo.annotations(AnnotationFilter(article_id=article_id, kind=kind)), annotators)
    names = annotators or sorted({a.annotator for a in annotations})
    if len(names) < 2:
        raise InvalidInput("agreement needs at least two annotators; name them with --annotators A B")
    ids = {a.id for a in annotations}
    links = [
        RelationLink(r.type, r.source_id, r.target_id, r.annotator)
        for r in repo.relations(article_id=article_id)
        if r.source_id in ids and r.target_id in ids
    ]
    return agreement(annotations, names, kind=kind, article_id=article_id, relations=links, rules=rules)


def agreement_reports(
    repo: Repository,
    annotators: list[str] | None = None,
    article_id: int | None = None,
    rules: dict | None = None,
) -> list[AgreementReport]:
    """Overall, then per kind, then (unless one article is asked for) per article.

    Reads the annotations once and groups them here; each report is labelled with its scope.
    """
    from kzt_annotator.core.agreement import agreement

    annotations = _people(repo.annotations(AnnotationFilter(article_id=article_id)), annotators)
    names = list(annotators or sorted({a.annotator for a in annotations}))
    if len(names) < 2:
        raise InvalidInput("agreement needs at least two annotators; name them with --annotators A B")
    reports = [agreement(annotations, names, article_id=article_id, rules=rules)]
    kinds = sorted({str(a.kind) for a in annotations} | {str(k) for k in Kind})
    for kind in kinds:
        subset = [a for a in annotations if str(a.kind) == kind]
        reports.append(agreement(subset, names, kind=kind, article_id=article_id, rules=rules))
    if article_id is None:
        for article in sorted({a.article_id for a in annotations}):
            subset = [a for a in annotations if a.article_id == article]
            reports.append(agreement(subset, names, article_id=article, rules=rules))
    return reports
