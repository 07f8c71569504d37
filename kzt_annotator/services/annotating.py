"""Create, edit, delete annotations through core commands (the same objects the GUI undoes)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace

from kzt_annotator.core.attributes import Attributes, attributes_from_strings
from kzt_annotator.core.changes import Changes
from kzt_annotator.core.commands import Command, CreateAnnotation, DeleteAnnotation, EditAnnotation
from kzt_annotator.core.curation import edit_refusal
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import Annotation, Article
from kzt_annotator.core.schema import BUILTIN, Schema
from kzt_annotator.store.repository import Repository


def check_span(article: Article, start: int, end: int) -> None:
    length = len(article.text)
    if not 0 <= start < end <= length:
        raise InvalidInput(
            f"span {start}-{end} is outside article {article.id} "
            f"(its text has {length} characters; start must be below end)"
        )


def new_annotation(
    article: Article,
    kind: str,
    start: int,
    end: int,
    annotator: str,
    attributes: Attributes | Mapping[str, str] | None = None,
    note: str = "",
    linked_ids: tuple[str, ...] = (),
    schema: Schema = BUILTIN,
) -> Annotation:
    """Build (not store) an annotation over article.text[start:end].

    `kind` must be declared by `schema` (InvalidInput names the kinds otherwise); text
    attribute values are parsed by the schema's field codecs."""
    check_span(article, start, end)
    kind = schema.kind(kind).name
    if attributes is None or isinstance(attributes, Mapping):
        attributes = attributes_from_strings(kind, dict(attributes or {}), schema)
    return Annotation(
        id=str(uuid.uuid4()),
        article_id=article.id,
        kind=kind,
        start=start,
        end=end,
        text=article.text[start:end],
        attributes=attributes,
        annotator=annotator,
        note=note,
        linked_ids=linked_ids,
    )


def run(repo: Repository, command: Command) -> Changes:
    """Carry out a command now (the CLI's way; the GUI pushes it on its undo stack)."""
    return command.do(repo)


def check_links(repo: Repository, annotation: Annotation) -> Annotation:
    """`annotation` with its linked ids completed from unique prefixes.

    Each linked id must name an annotation in the same article that a `supports` relation
    may point to. Raises NotFound when a linked annotation does not exist, InvalidInput when
    it is in another article, is the annotation itself or the schema forbids the relation.
    """
    if not annotation.linked_ids:
        return annotation
    full = tuple(repo.resolve_annotation_id(ref) for ref in annotation.linked_ids)
    schema = repo.schema()
    for target in repo.annotations_by_ids(list(full)):
        if target.id == annotation.id:
            raise InvalidInput("an annotation cannot link to itself")
        if target.article_id != annotation.article_id:
            raise InvalidInput(
                f"annotation {target.id[:8]} is in article {target.article_id}, not {annotation.article_id}; "
                "links stay within one article"
            )
        schema.check_relation("supports", annotation.kind, target.kind)
    return replace(annotation, linked_ids=full)


def annotate(repo: Repository, annotation: Annotation) -> Annotation:
    """Store a new annotation (its links checked first). Raises NotFound/InvalidInput."""
    command = CreateAnnotation(check_links(repo, annotation))
    run(repo, command)
    return command.annotation


def check_may_edit(repo: Repository, annotation: Annotation, person: str) -> None:
    """Raise InvalidInput unless `person` may change `annotation` in place (core.curation)."""
    is_curator = repo.annotator_roles().get(person) == "curator"
    refusal = edit_refusal(annotation, person, is_curator)
    if refusal:
        raise InvalidInput(refusal)


def delete(repo: Repository, annotation_id: str, person: str | None = None) -> Annotation:
    """Delete one annotation (`annotation_id` may be a unique prefix of its id); with `person`,
    only if they may (their own, or curated as a curator)."""
    annotation = repo.annotation(repo.resolve_annotation_id(annotation_id))
    if person is not None:
        check_may_edit(repo, annotation, person)
    command = DeleteAnnotation(annotation)
    run(repo, command)
    return command.annotation


def edit(repo: Repository, annotation_id: str, **changes: object) -> Annotation:
    before = repo.annotation(annotation_id)
    command = EditAnnotation(before, replace(before, **changes))  # type: ignore[arg-type]
    run(repo, command)
    return repo.annotation(annotation_id)
