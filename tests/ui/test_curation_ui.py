"""The curation view by keyboard, the team dashboard, and others' annotations kept read-only."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating, curation
from kzt_annotator.services.figures import discrepancies
from tests.figures_fixture import article_for


def tag(repo, article, phrase, who, **attrs):
    start = article.text.index(phrase)
    return annotating.annotate(
        repo, annotating.new_annotation(article, Kind.FIGURE, start, start + len(phrase), who, attrs)
    )


def two_annotators(repo):
    article = article_for(repo, "002")
    for who in ("alice", "bob"):
        tag(repo, article, "18 security officers", who, quantity="deaths.security_forces", value="18")
        tag(repo, article, "More than 3,000 people", who, quantity="detained", value="3000")
    tag(repo, article, "2,500 paratroopers", "alice", quantity="troops", value="2500")
    tag(repo, article, "2,500 paratroopers", "bob", quantity="troops.csto", value="2500")
    tag(repo, article, "26 “armed criminals”", "alice", quantity="deaths.armed_criminals", value="26")
    curation.set_role(repo, "carol", "curator")
    return article


def save_png(widget, name):
    folder = os.environ.get("KZT_SCREENSHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, name))


def test_curation_by_keyboard_then_undo(qtbot, make_window, corpus_repo, dialogs):
    article = two_annotators(corpus_repo)
    window = make_window(corpus_repo, annotator="carol")
    window.open_article(article.id)
    view = window.open_curation()
    qtbot.addWidget(view)
    # Opening merged the two units both annotators agree on (on by default)
    curated = [a for a in corpus_repo.annotations() if a.annotator == CURATED_LAYER]
    assert len(curated) == 2
    assert "4 units: 2 in the curated layer, 2 to decide" in view.summary.text()
    # The selection is on the first undecided unit in reading order; its differences field by field
    unit = view.selected()
    assert unit.curated is None and unit.versions["alice"].text == "2,500 paratroopers"
    assert view.differences_model.columns == ("Field", "alice", "bob")
    assert view.differences_model.rows == [["quantity", "troops", "troops.csto"]]
    save_png(view, "curation-view.png")
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_2)  # take bob's version (annotator column 2)
    window.flush_refresh()
    curated = [a for a in corpus_repo.annotations() if a.annotator == CURATED_LAYER]
    assert len(curated) == 3 and any(a.attributes.quantity == "troops.csto" for a in curated)
    # moved on to the next undecided unit, which only alice tagged
    assert view.selected().versions["alice"].text == "26 “armed criminals”"
    qtbot.keyClick(view.view, Qt.Key.Key_1)
    window.flush_refresh()
    curated = [a for a in corpus_repo.annotations() if a.annotator == CURATED_LAYER]
    assert dialogs.errors == []
    assert len(curated) == 4
    assert "0 to decide" in view.summary.text()
    qtbot.keyClick(view.view, Qt.Key.Key_D)
    assert corpus_repo.curation_states()[article.id][0] == "curated"
    # Every decision is undoable from the window's undo stack
    window.workspace.undo_stack.undo()
    window.flush_refresh()
    assert len([a for a in corpus_repo.annotations() if a.annotator == CURATED_LAYER]) == 3
    window.workspace.undo_stack.redo()
    window.flush_refresh()
    groups = {g.quantity: g for g in discrepancies(corpus_repo)}
    assert [r.annotator for r in groups["troops.csto"].reports] == [CURATED_LAYER]
    assert "troops" not in groups  # alice's rejected version does not count


def test_only_curators_curate(qtbot, make_window, corpus_repo, dialogs):
    article = two_annotators(corpus_repo)
    window = make_window(corpus_repo, annotator="alice")
    window.open_article(article.id)
    assert window.open_curation() is None
    assert "not a curator" in dialogs.errors[-1][1]


def test_another_annotators_span_cannot_be_edited_or_deleted(qtbot, make_window, corpus_repo):
    article = two_annotators(corpus_repo)
    window = make_window(corpus_repo, annotator="bob")
    window.open_article(article.id)
    alices = next(a for a in corpus_repo.annotations() if a.annotator == "alice")
    errors = []
    window.workspace.error.connect(errors.append)
    window.workspace.select_annotation(alices.id)
    assert window.workspace.delete_selected()
    assert window.workspace.edit_selected()
    assert corpus_repo.annotation(alices.id).status is Status.PROPOSED  # still there, unchanged
    assert errors and "belongs to alice" in errors[-1]


def test_dashboard_grid_and_csv(qtbot, make_window, corpus_repo, dialogs, tmp_path):
    article = two_annotators(corpus_repo)
    curation.finish(corpus_repo, article.id, "alice")
    window = make_window(corpus_repo, annotator="carol")
    dashboard = window.open_dashboard()
    qtbot.addWidget(dashboard)
    columns = list(dashboard.model.columns)
    assert columns[:3] == ["article", "title", "outlet"] and {"alice", "bob", "carol"} <= set(columns)
    row = next(r for r in dashboard.model.rows if r[0] == str(article.id))
    assert row[columns.index("alice")] == "finished (4)"
    assert row[columns.index("bob")] == "in progress (3)"
    assert row[columns.index("carol")] == "not started (0)"
    assert "agreement so far: alice/bob F1" in dashboard.summary.text()
    # The dashboard follows changes: bob finishes, the grid updates
    window.on_changes(curation.finish(corpus_repo, article.id, "bob"))
    window.flush_refresh()
    row = next(r for r in dashboard.model.rows if r[0] == str(article.id))
    assert row[columns.index("bob")] == "finished (3)" and row[columns.index("ready")] == "yes"
    save_png(dashboard, "team-dashboard.png")
    dialogs.save_path = tmp_path / "team.csv"
    dashboard.export_csv()
    assert dialogs.save_path.read_text().splitlines()[0].startswith("article,title,outlet,alice,bob")


def test_the_dashboard_names_outlets_as_the_other_views(qtbot, make_window, corpus_repo):
    """The codebook's label where the codebook has the outlet ("CNS"), as the discrepancy and
    claims views show it; it showed the stored "Courthouse News Service"."""
    from kzt_annotator.core.codebook import make_entry
    from kzt_annotator.core.model import CodebookKind
    from kzt_annotator.services.codebook import add_entry

    add_entry(corpus_repo, make_entry(CodebookKind.OUTLET, "Courthouse News Service", "CNS"))
    window = make_window(corpus_repo)
    dashboard = window.open_dashboard()
    qtbot.addWidget(dashboard)
    column = list(dashboard.model.columns).index("outlet")
    shown = {r[column] for r in dashboard.model.rows}
    assert "CNS" in shown and "Courthouse News Service" not in shown
    assert window.codebook.outlet("Courthouse News Service") == "CNS"  # what the other views call


def test_marking_curated_with_undecided_units_asks_first(qtbot, make_window, corpus_repo, dialogs):
    article = two_annotators(corpus_repo)
    window = make_window(corpus_repo, annotator="carol")
    window.open_article(article.id)
    view = window.open_curation()
    qtbot.addWidget(view)
    assert "2 to decide" in view.summary.text()
    dialogs.yes = False
    view.markCurated.emit()
    [(title, question)] = dialogs.questions
    assert title == "Mark the article curated"
    assert question.startswith("2 of 4 units are still undecided (units ")
    assert question.endswith("they stay out of the curated layer. Mark the article curated anyway?")
    assert corpus_repo.curation_states()[article.id][0] == "in_curation"
    dialogs.yes = True
    view.markCurated.emit()
    assert corpus_repo.curation_states()[article.id][0] == "curated"
