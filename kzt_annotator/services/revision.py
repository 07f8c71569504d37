"""Replace an article's text with a revised version and re-anchor every annotation.

Each annotation is placed by its quote and 32 characters of context from the old text, with its
old position (scaled to the new length) as a hint. What cannot be placed is marked orphaned and
listed; nothing is deleted. The text swap and all moves are one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kzt_annotator.core.anchoring import anchor, context_of
from kzt_annotator.core.commands import EditAnnotation
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.io.readers import read_article
from kzt_annotator.store.backup import make_backup
from kzt_annotator.store.repository import AnnotationFilter, Repository


@dataclass(slots=True)
class RevisionResult:
    article_id: int
    moved: int = 0
    unchanged: int = 0
    orphaned: list[Annotation] = field(default_factory=list)


def reanchor_all(
    old_text: str, new_text: str, annotations: list[Annotation]
) -> tuple[list[Annotation], RevisionResult]:
    result = RevisionResult(annotations[0].article_id if annotations else 0)
    updated: list[Annotation] = []
    scale = len(new_text) / max(len(old_text), 1)
    for ann in annotations:
        prefix, suffix = context_of(old_text, ann.start, ann.end)
        placed = anchor(new_text, ann.text, prefix, suffix, int(ann.start * scale))
        if placed is None:
            result.orphaned.append(ann)
            updated.append(replace(ann, orphaned=True))
            continue
        if (placed.start, placed.end) == (ann.start, ann.end) and new_text[
            placed.start : placed.end
        ] == ann.text:
            result.unchanged += 1
        else:
            result.moved += 1
        updated.append(
            replace(
                ann,
                start=placed.start,
                end=placed.end,
                text=new_text[placed.start : placed.end],
                orphaned=False,
            )
        )
    return updated, result


def replace_text(repo: Repository, article_ref: str, path: Path) -> RevisionResult:
    article: Article = repo.resolve_article(article_ref)
    revised = read_article(path)
    annotations = repo.annotations(AnnotationFilter(article_id=article.id))
    updated, result = reanchor_all(article.text, revised.text, annotations)
    result.article_id = article.id
    if revised.text == article.text:
        return result
    if repo.db_file is not None:
        make_backup(repo.db_file, "before-replace-text")
    repo.replace_article_text(article.id, revised.text, revised.boilerplate, updated)
    return result


def orphans(repo: Repository, article_id: int | None = None) -> list[Annotation]:
    """Annotations whose passage left their article's text in a revision (quote and old
    offsets kept), by article and old position."""
    found = repo.annotations(AnnotationFilter(article_id=article_id))
    return sorted((a for a in found if a.orphaned), key=lambda a: (a.article_id, a.start))


def place_orphan_command(repo: Repository, annotation_ref: str, start: int, end: int) -> EditAnnotation:
    """The undoable edit that puts an orphan on text[start:end] of its article again.

    Raises NotFound for an unknown id, InvalidInput when it is not an orphan or the span is
    outside the text."""
    annotation = repo.annotation(repo.resolve_annotation_id(annotation_ref))
    if not annotation.orphaned:
        raise InvalidInput(f"annotation {annotation.id[:8]} is not an orphan; edit it instead")
    text = repo.article(annotation.article_id).text
    if not 0 <= start < end <= len(text):
        raise InvalidInput(f"span {start}-{end} is outside the article ({len(text)} characters)")
    after = replace(annotation, start=start, end=end, text=text[start:end], orphaned=False)
    return EditAnnotation(annotation, after, f"Place orphaned {annotation.kind.value}")


def place_orphan(repo: Repository, annotation_ref: str, start: int, end: int) -> Annotation:
    command = place_orphan_command(repo, annotation_ref, start, end)
    command.do(repo)
    return repo.annotation(command.before.id)
