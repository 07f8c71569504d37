"""Core commands against the real repository: do, undo, redo keep ids and versions right."""

from kzt_annotator.core.attributes import FigureAttrs
from kzt_annotator.core.commands import CreateAnnotation, DeleteAnnotation, EditAnnotation
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services.annotating import new_annotation


def test_create_undo_redo(corpus_repo):
    article = corpus_repo.article(1)
    start = article.text.index("2,500 troops")
    ann = new_annotation(article, Kind.FIGURE, start, start + 12, "tester", {"value": "2500"})
    cmd = CreateAnnotation(ann)
    cmd.do(corpus_repo)
    assert corpus_repo.annotation(ann.id).text == "2,500 troops"
    cmd.undo(corpus_repo)
    assert corpus_repo.annotations() == []
    cmd.do(corpus_repo)
    assert corpus_repo.annotation(ann.id).attributes == FigureAttrs(value=2500.0)


def test_edit_undo_redo_tracks_versions(corpus_repo):
    article = corpus_repo.article(1)
    saved = corpus_repo.add_annotation(new_annotation(article, Kind.CLAIM, 0, 10, "tester"))
    from dataclasses import replace

    edit = EditAnnotation(saved, replace(saved, note="checked"))
    edit.do(corpus_repo)
    assert corpus_repo.annotation(saved.id).note == "checked"
    edit.undo(corpus_repo)
    assert corpus_repo.annotation(saved.id).note == ""
    edit.do(corpus_repo)
    assert corpus_repo.annotation(saved.id).note == "checked"
    assert corpus_repo.annotation(saved.id).version == 4


def test_delete_undo_brings_back_the_same_id(corpus_repo):
    article = corpus_repo.article(2)
    saved = corpus_repo.add_annotation(new_annotation(article, Kind.ATTRIBUTION, 5, 20, "tester"))
    cmd = DeleteAnnotation(saved)
    cmd.do(corpus_repo)
    assert corpus_repo.annotations() == []
    cmd.undo(corpus_repo)
    assert [a.id for a in corpus_repo.annotations()] == [saved.id]


def _history(store, commands):
    """Run `commands` in order through one HistoryStore; return it and a stack for undo/redo."""
    from kzt_annotator.core.commands import HistoryStore

    history = HistoryStore(store)
    for command in commands:
        history.do(command)
    return history


def test_undoing_two_edits_of_one_annotation_in_a_row(corpus_repo):
    """Tag, edit, edit again, then undo all three and redo all three: no false conflict."""
    from dataclasses import replace

    article = corpus_repo.article(1)
    ann = new_annotation(article, Kind.FIGURE, 0, 10, "tester", {"value": "300"})
    create = CreateAnnotation(ann)
    history = _history(corpus_repo, [create])
    first = EditAnnotation(create.annotation, replace(create.annotation, note="301"))
    history.do(first)
    second_before = corpus_repo.annotation(ann.id)
    second = EditAnnotation(second_before, replace(second_before, note="302"))
    history.do(second)
    history.undo(second)
    assert corpus_repo.annotation(ann.id).note == "301"
    history.undo(first)  # failed with "changed elsewhere (now version 4)"
    assert corpus_repo.annotation(ann.id).note == ""
    history.undo(create)
    assert corpus_repo.annotations() == []
    for command in (create, first, second):
        history.redo(command)
    assert corpus_repo.annotation(ann.id).note == "302"


def test_a_change_made_elsewhere_still_fails_the_check(corpus_repo):
    from dataclasses import replace

    import pytest

    from kzt_annotator.core.errors import ConflictError

    article = corpus_repo.article(1)
    saved = corpus_repo.add_annotation(new_annotation(article, Kind.CLAIM, 0, 10, "tester"))
    edit = EditAnnotation(saved, replace(saved, note="mine"))
    history = _history(corpus_repo, [edit])
    current = corpus_repo.annotation(saved.id)
    corpus_repo.update_annotation(replace(current, note="someone else's"))  # not through the history
    with pytest.raises(ConflictError):
        history.undo(edit)
    assert corpus_repo.annotation(saved.id).note == "someone else's"


def test_a_new_edit_after_a_change_made_elsewhere_is_saved(corpus_repo):
    """The window tagged a span, a teammate (or a script) then edited it, the window showed that;
    a new edit made from what it shows is saved, not refused as 'changed elsewhere'."""
    from dataclasses import replace

    article = corpus_repo.article(1)
    create = CreateAnnotation(new_annotation(article, Kind.CLAIM, 0, 10, "tester"))
    history = _history(corpus_repo, [create])
    theirs = corpus_repo.update_annotation(replace(create.annotation, note="theirs"))  # elsewhere
    mine = EditAnnotation(theirs, replace(theirs, note="mine"))
    history.do(mine)
    assert corpus_repo.annotation(theirs.id).note == "mine"
    history.undo(mine)  # back to what the teammate wrote
    assert corpus_repo.annotation(theirs.id).note == "theirs"
