"""Review queue by keyboard, compare view, agreement report, annotator layers, outside changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating
from kzt_annotator.store.repository import open_repository
from kzt_annotator.ui.compare_dialog import compare_marks
from tests.figures_fixture import article_for, tag_corpus_figures


def focus_queue(qtbot, window):
    window.flush_refresh()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.review_dock.raise_()
    window.review_panel.view.setFocus()


def test_review_queue_by_keyboard(qtbot, make_window, corpus_repo):
    tag_corpus_figures(corpus_repo, annotator="alice")
    window = make_window(corpus_repo, annotator="rev")
    window.refresh_review()
    window.flush_refresh()
    panel = window.review_panel
    assert panel.model.rowCount() == 19
    focus_queue(qtbot, window)
    qtbot.keyClick(panel.view, Qt.Key.Key_J)
    qtbot.keyClick(panel.view, Qt.Key.Key_J)
    queue = list(panel.model.rows)
    first = panel.selected()
    assert first.id == queue[2].id
    qtbot.keyClick(panel.view, Qt.Key.Key_A)
    window.flush_refresh()
    assert corpus_repo.annotation(first.id).status is Status.ACCEPTED
    assert corpus_repo.annotation(first.id).reviewer == "rev"
    assert panel.model.rowCount() == 18
    second = panel.selected()
    assert second.id == queue[3].id  # the queue moved on to the next item, not back to the top
    assert window.workspace.article.id == second.article_id  # and the reader followed it, as J does
    assert window.workspace.selected_id == second.id
    panel.comment.setText("count not in the source")
    focus_queue(qtbot, window)
    qtbot.keyClick(panel.view, Qt.Key.Key_R)
    window.flush_refresh()
    rejected = corpus_repo.annotation(second.id)
    assert rejected.status is Status.REJECTED and rejected.review_note == "count not in the source"
    window.workspace.undo_stack.undo()
    window.flush_refresh()
    assert corpus_repo.annotation(second.id).status is Status.PROPOSED
    third = panel.selected()
    from kzt_annotator.core.curation import CURATED_LAYER
    from kzt_annotator.services.curation import set_role

    set_role(corpus_repo, "rev", "curator")
    focus_queue(qtbot, window)
    qtbot.keyClick(panel.view, Qt.Key.Key_C)
    window.flush_refresh()
    copies = [a for a in corpus_repo.annotations() if a.annotator == CURATED_LAYER]
    assert len(copies) == 1 and copies[0].text == third.text and copies[0].status is Status.ACCEPTED
    assert corpus_repo.annotation(third.id).status is Status.CURATED
    assert third.id not in {a.id for a in panel.model.rows}


def test_compare_view_marks_the_right_spans(qtbot, make_window, corpus_repo):
    tag_corpus_figures(corpus_repo, annotator="alice")
    article = article_for(corpus_repo, "002")
    for a in [x for x in corpus_repo.annotations() if x.article_id == article.id]:
        if a.text == "One officer":
            continue  # bob missed it
        attrs = {
            "quantity": a.attributes.quantity or "",
            "value": "" if a.attributes.value is None else str(a.attributes.value),
            "qualifier": a.attributes.qualifier.value if a.attributes.qualifier else "",
            "unit": a.attributes.unit or "",
            "figure_source": a.attributes.figure_source or "",
        }
        if a.text == "18 security officers":
            attrs["value"] = "19"  # bob disagrees on the value
        annotating.annotate(
            corpus_repo, annotating.new_annotation(article, Kind.FIGURE, a.start, a.end, "bob", attrs)
        )
    everything = [a for a in corpus_repo.annotations() if a.article_id == article.id]
    alice = [a for a in everything if a.annotator == "alice"]
    bob = [a for a in everything if a.annotator == "bob"]
    _left, _right, verdict = compare_marks(alice, bob)
    by_text = {a.text: verdict[a.id] for a in alice}
    assert by_text["One officer"] == "only"
    assert by_text["18 security officers"] == "different"
    assert by_text["2,500 paratroopers"] == "same"
    window = make_window(corpus_repo)
    window.open_article(article.id)
    dialog = window.open_compare()
    qtbot.addWidget(dialog)
    assert "only one: 1" in dialog.summary.text() and "both different: 1" in dialog.summary.text()
    # The attribute difference is listed field by field
    rows = [
        [dialog.differences.item(r, c).text() for c in range(4)] for r in range(dialog.differences.rowCount())
    ]
    assert rows == [["18 security officers", "value", "18", "19"]]
    # The panes scroll together
    dialog.resize(600, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    left, right = dialog.left.verticalScrollBar(), dialog.right.verticalScrollBar()
    assert left.maximum() > 0
    left.setValue(left.maximum() // 2)
    assert right.value() == left.value() > 0
    right.setValue(3)
    assert left.value() == 3
    dialog.close()


def test_agreement_dialog_and_csv(qtbot, make_window, corpus_repo, dialogs, tmp_path):
    tag_corpus_figures(corpus_repo, annotator="alice")
    tag_corpus_figures(corpus_repo, annotator="carol")
    window = make_window(corpus_repo)
    dialog = window.open_agreement()
    qtbot.addWidget(dialog)
    articles = {a.article_id for a in corpus_repo.annotations()}
    assert dialog.model.rowCount() == 4 + len(articles)  # overall, three kinds, each article; one pair
    rows = {r[0]: r for r in dialog.model.rows}
    assert rows["overall"][2] == "1.000"
    # Nobody tagged a claim: F1 is undefined, shown as n/a with the reason, not 1.000
    claim = dialog.model.index(list(rows).index("claim"), 2)
    assert dialog.model.data(claim) == "n/a"
    assert "no spans from either annotator" in rows["claim"][-1]
    # The per-attribute alphas the CLI computes are in the dialog too
    attributes = {(r[0], r[1]): r for r in dialog.attribute_model.rows}
    assert attributes[("overall", "quantity")][2] == "1.000"
    dialogs.save_path = tmp_path / "agreement.csv"
    dialog.export_csv()
    text = dialogs.save_path.read_text()
    assert text.startswith("scope,annotators,F1 exact") and "scope,attribute,alpha (nominal)" in text
    dialog.close()


def test_annotator_layers_hide_marks(qtbot, make_window, corpus_repo):
    tag_corpus_figures(corpus_repo, annotator="alice")
    window = make_window(corpus_repo)
    window.flush_refresh()
    window.open_article(3)
    before = [m for m in window.reader.highlighter.marks() if not m.suggestion]
    window.review_panel.layer_boxes["alice"].setChecked(False)
    after = [m for m in window.reader.highlighter.marks() if not m.suggestion]
    assert before and after == []


def test_changes_made_elsewhere_appear_without_restart(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.open_article(1)
    assert window.pick_up_outside_changes() is False
    other = open_repository(corpus_repo.db_file)
    try:
        article = other.article(1)
        annotating.annotate(other, annotating.new_annotation(article, Kind.CLAIM, 0, 10, "someone-else"))
    finally:
        other.close()
    assert window.pick_up_outside_changes() is True
    assert [a.annotator for a in window.workspace.annotations()] == ["someone-else"]


def test_review_queue_filters(qtbot, make_window, corpus_repo):
    tag_corpus_figures(corpus_repo, annotator="alice")
    tag_corpus_figures(corpus_repo, annotator="bob")
    window = make_window(corpus_repo, annotator="rev")
    window.refresh_review()
    panel = window.review_panel
    panel.settle()  # the queue loads off the GUI thread
    assert panel.model.rowCount() == 38
    panel.annotator_filter.setCurrentIndex(panel.annotator_filter.findData("bob"))
    panel.settle()
    assert panel.model.rowCount() == 19 and {a.annotator for a in panel.model.rows} == {"bob"}
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("claim"))
    panel.settle()
    assert panel.model.rowCount() == 0
    panel.kind_filter.setCurrentIndex(panel.kind_filter.findData("figure"))
    panel.settle()
    first = panel.model.rows[0]
    annotating.edit(corpus_repo, first.id, status=Status.ACCEPTED)
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("accepted"))
    panel.settle()
    assert [a.id for a in panel.model.rows] == [first.id]
    assert panel.count.text() == "1 accepted"


def test_review_queue_shows_whole_titles_and_marks_cut_text(qtbot, make_window, corpus_repo):
    """The Article column holds the whole title (the view elides it, with its tooltip); a long
    span's text is cut at 80 code points with "…", never mid-title without a mark."""
    article = corpus_repo.article_summaries()[0]
    text = corpus_repo.article(article.id).text
    long_start = text.index(" ", 200) + 1
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(
            corpus_repo.article(article.id), Kind.CLAIM, long_start, long_start + 150, "alice", {}
        ),
    )
    window = make_window(corpus_repo, annotator="rev")
    window.refresh_review()
    panel = window.review_panel
    panel.settle()
    model = panel.model
    row = next(i for i, a in enumerate(model.rows) if a.article_id == article.id)
    title = model.data(model.index(row, 0))
    assert title == article.title and len(title) > 40
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == article.title
    shown = model.data(model.index(row, 2))
    assert len(shown) == 80 and shown.endswith("…")
    assert " ".join(text[long_start : long_start + 150].split()).startswith(shown[:-1])
    assert model.data(model.index(row, 1)) == "claim" and model.data(model.index(row, 4)) == "alice"
