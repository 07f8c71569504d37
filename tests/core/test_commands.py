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
