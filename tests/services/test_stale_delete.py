"""A delete made from an outdated copy is refused like an edit: another client's newer version
survives, with the documented conflict message."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kzt_annotator.core.commands import DeleteAnnotation
from kzt_annotator.core.errors import ConflictError
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.store.repository import open_repository


def test_a_stale_delete_is_refused(corpus_repo, db_path):
    other = open_repository(db_path)
    try:
        made = annotating.annotate(
            corpus_repo, annotating.new_annotation(corpus_repo.article(1), Kind.CLAIM, 0, 10, "alice")
        )
        command = DeleteAnnotation(corpus_repo.annotation(made.id))  # the copy the window shows
        other.update_annotation(replace(other.annotation(made.id), note="bob's newer version"))
        with pytest.raises(ConflictError, match="changed elsewhere .* not deleted - reload"):
            annotating.run(corpus_repo, command)
        assert corpus_repo.annotation(made.id).note == "bob's newer version"
        annotating.run(corpus_repo, DeleteAnnotation(corpus_repo.annotation(made.id)))  # fresh copy: deleted
        assert corpus_repo.annotations_by_ids([made.id]) == []
    finally:
        other.close()


def test_undo_of_a_create_after_another_edit_is_refused(corpus_repo, db_path):
    other = open_repository(db_path)
    try:
        command = annotating.CreateAnnotation(
            annotating.new_annotation(corpus_repo.article(1), Kind.CLAIM, 0, 10, "alice")
        )
        annotating.run(corpus_repo, command)
        other.update_annotation(replace(other.annotation(command.annotation.id), note="kept"))
        with pytest.raises(ConflictError):
            command.undo(corpus_repo)
        assert corpus_repo.annotation(command.annotation.id).note == "kept"
    finally:
        other.close()
