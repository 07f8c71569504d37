"""The editor reaches claim-key proposals and tag-all (the CLI's claim-keys and tag-all) through
the services; proposals fill nothing until picked, and tag-all is one undo step."""

from __future__ import annotations

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.store.repository import AnnotationFilter
from tests.figures_fixture import article_for


def _tag(win, phrase: str, kind: str, occurrence: int = 0) -> tuple[int, int]:
    text = win.workspace.article.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    win.reader.select_span(start, start + len(phrase))
    assert win.workspace.tag(kind)
    return start, start + len(phrase)


def test_propose_a_claim_key_and_take_it(qtbot, make_window, corpus_repo):
    other = article_for(corpus_repo, "001")
    phrase = "portrays them as terrorist attacks allegedly directed from abroad"
    start = other.text.index(phrase)
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(
            other, Kind.CLAIM, start, start + len(phrase), "bob", {"claim_key": "foreign_terrorists"}
        ),
    )
    win = make_window(corpus_repo)
    win.open_article(article_for(corpus_repo, "000").id)
    _tag(win, "hijacked by foreign-trained terrorists hoping to seize power", Kind.CLAIM)
    bar = win.editor.assist
    assert bar.propose_button.isVisibleTo(win.editor) and bar.tag_all_button.isVisibleTo(win.editor)
    bar.propose_button.click()
    assert bar.proposals.count() >= 1
    first = bar.proposals.item(0)
    assert first.text().startswith("foreign_terrorists")
    assert win.editor.values()["claim_key"] == ""  # a proposal fills nothing by itself
    bar.proposals.itemActivated.emit(first)
    assert win.editor.values()["claim_key"] == "foreign_terrorists"


def test_tag_all_occurrences_in_the_article_is_one_undo_step(qtbot, make_window, corpus_repo):
    win = make_window(corpus_repo)
    article = article_for(corpus_repo, "002")
    win.open_article(article.id)
    ws = win.workspace
    _tag(win, "Tokayev", Kind.ATTRIBUTION)
    win.editor.field("speaker").setText("Kassym-Jomart Tokayev")
    assert not win.editor.assist.propose_button.isVisibleTo(win.editor)  # claims only
    made = ws.claim_actions.tag_all(corpus=False)
    assert made == article.text.count("Tokayev") - 1  # every other occurrence: saving tags this one
    tagged = corpus_repo.annotations(AnnotationFilter(article_id=article.id, kind="attribution"))
    assert len(tagged) == made and {a.attributes.speaker for a in tagged} == {"Kassym-Jomart Tokayev"}
    assert {a.text for a in tagged} == {"Tokayev"}
    ws.undo_stack.undo()
    assert corpus_repo.annotations(AnnotationFilter(article_id=article.id, kind="attribution")) == []
