"""Reviewing: accept or reject (never delete), copy into the adjudicated layer, the review queue,
and agreement between annotators."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

from kzt_annotator.core.agreement import AgreementReport, agreement
from kzt_annotator.core.commands import EditAnnotation
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Status
from kzt_annotator.core.model import Annotation
from kzt_annotator.store.repository import AnnotationFilter, Repository


def review_command(annotation: Annotation, status: Status, reviewer: str, note: str = "") -> EditAnnotation:
    """The undoable edit that records a review decision on `annotation`."""
    if not reviewer.strip():
        raise InvalidInput("a review needs the reviewer's name (--reviewer NAME)")
    after = replace(
        annotation, status=status, reviewer=reviewer.strip(), review_note=note, reviewed_at=datetime.now(UTC)
    )
    verb = {Status.ACCEPTED: "Accept", Status.REJECTED: "Reject", Status.PROPOSED: "Reopen"}[status]
    return EditAnnotation(annotation, after, f"{verb} {annotation.kind.value} by {annotation.annotator}")


def review(repo: Repository, annotation_id: str, status: Status, reviewer: str, note: str = "") -> Annotation:
    command = review_command(repo.annotation(annotation_id), status, reviewer, note)
    command.do(repo)
    return repo.annotation(annotation_id)


def adjudicated_copy(annotation: Annotation, reviewer: str) -> Annotation:
    """A reviewer's accepted copy of another annotator's span (the original stays as it is)."""
    return replace(
        annotation,
        id=str(uuid.uuid4()),
        annotator=reviewer,
        status=Status.ACCEPTED,
        reviewer=reviewer,
        review_note=f"copied from {annotation.annotator}'s {annotation.id}",
        reviewed_at=datetime.now(UTC),
        created_at=None,
        updated_at=None,
        version=1,
        linked_ids=(),
    )


def review_queue(
    repo: Repository, annotator: str | None = None, article_id: int | None = None
) -> list[Annotation]:
    """Unreviewed (proposed) annotations in reading order."""
    return repo.annotations(
        AnnotationFilter(article_id=article_id, annotator=annotator, status=Status.PROPOSED.value)
    )


def agreement_report(
    repo: Repository,
    annotators: list[str] | None = None,
    article_id: int | None = None,
    kind: str | None = None,
) -> AgreementReport:
    annotations = repo.annotations(AnnotationFilter(article_id=article_id, kind=kind))
    names = annotators or sorted({a.annotator for a in annotations})
    if len(names) < 2:
        raise InvalidInput("agreement needs at least two annotators; name them with --annotators A B")
    scope = f"article {article_id}" if article_id else (kind or "overall")
    return agreement(annotations, names, scope)
