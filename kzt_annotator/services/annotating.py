"""Create, edit, delete annotations through core commands (the same objects the GUI undoes)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace

from kzt_annotator.core.attributes import Attributes, attributes_from_strings
from kzt_annotator.core.changes import Changes
from kzt_annotator.core.commands import Command, CreateAnnotation, DeleteAnnotation, EditAnnotation
from kzt_annotator.core.curation import edit_refusal
from kzt_annotator.core.errors import InvalidInput, NotFound
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


def check_links(repo: Repository, annotation: Annotation) -> None:
    """Each linked id must name an annotation that a `supports` relation may point to."""
    if not annotation.linked_ids:
        return
    found = {a.id: a for a in repo.annotations_by_ids(list(annotation.linked_ids))}
    schema = repo.schema()
    for target in annotation.linked_ids:
        if target not in found:
            raise NotFound(f"no annotation {target} to link to")
        schema.check_relation("supports", annotation.kind, found[target].kind)


def annotate(repo: Repository, annotation: Annotation) -> Annotation:
    check_links(repo, annotation)
    command = CreateAnnotation(annotation)
    run(repo, command)
    return command.annotation


def check_may_edit(repo: Repository, annotation: Annotation, person: str) -> None:
    """Raise InvalidInput unless `person` may change `annotation` in place (core.curation)."""
    is_curator = repo.annotator_roles().get(person) == "curator"
    refusal = edit_refusal(annotation, person, is_curator)
    if refusal:
        raise InvalidInput(refusal)


def delete(repo: Repository, annotation_id: str, person: str | None = None) -> Annotation:
    """Delete one annotation; with `person`, only if they may (their own, or curated as a curator)."""
    annotation = repo.annotation(annotation_id)
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
