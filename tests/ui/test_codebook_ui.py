"""The codebook dock and the metadata editor, driven through their widgets on the sample corpus."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import UNKNOWN_OUTLET, CodebookKind
from kzt_annotator.services import annotating, metadata
from kzt_annotator.ui.article_list import ARTICLE_ID_ROLE
from tests.figures_fixture import tag_corpus_figures


def settle(qtbot, window):
    qtbot.wait(1)
    window.flush_refresh()


def select_articles(window, ids):
    view, proxy = window.article_view, window.article_proxy
    view.clearSelection()
    selection = view.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for row in range(proxy.rowCount()):
        if proxy.index(row, 0).data(ARTICLE_ID_ROLE) in ids:
            selection.select(
                proxy.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def shown_outlets(window):
    """Every outlet text the views show: article list, discrepancy reports and chart, claims matrix."""
    out = set()
    model = window.article_model
    out |= {model.index(r, 1).data() for r in range(model.rowCount())}
    panel = window.discrepancy_panel
    for row in range(panel.groups.rowCount()):
        panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
        out |= {panel.reports.index(r, 0).data() for r in range(panel.reports.rowCount())}
        # bar labels: the outlet cut at 26 characters, then " — " and what tells its rows apart
        out |= {re.sub(r" \(\d+\)$", "", label.split(" — ")[0]) for label in panel.chart.row_labels()}
    claims = panel.claims
    out |= {claims.headerData(c, Qt.Orientation.Horizontal) for c in range(claims.columnCount())}
    return {o for o in out if o}


def titles_shown(shown, titles):
    """Shown texts that are a title or the start of one (chart labels are cut with an ellipsis)."""
    return {o for o in shown for t in titles if t == o or (o.endswith("…") and t.startswith(o[:-1]))}


@pytest.fixture
def window(make_window, corpus_repo):
    tag_corpus_figures(corpus_repo)
    for article_id in (1, 3, 5):
        article = corpus_repo.article(article_id)
        annotating.annotate(
            corpus_repo,
            annotating.new_annotation(article, Kind.CLAIM, 0, 12, "tester", {"claim_key": "shoot_to_kill"}),
        )
    win = make_window(corpus_repo)
    win.flush_refresh()
    return win


def test_setting_the_three_missing_outlets_in_the_editor(qtbot, window, corpus_repo):
    titles = {s.title for s in corpus_repo.article_summaries()}
    # the sample articles whose outlet neither the text nor the import inferred
    missing = [s.id for s in corpus_repo.article_summaries() if not s.outlet]
    assert len(missing) >= 2
    before = shown_outlets(window)
    assert UNKNOWN_OUTLET in before and not titles_shown(before, titles)
    assert any(o.startswith("unknown outlet") for o in before)
    # two at once through the multi-article editor, the third alone with a codebook choice
    several, last = missing[:-1], missing[-1]
    select_articles(window, several)
    editor = window.open_metadata_editor()
    assert len(several) == 1 or f"{len(several)} articles" in editor.windowTitle()
    editor.outlet.setEditText("Al Jazeera")
    editor.edited.add("outlet")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert [corpus_repo.article_summary(i).outlet for i in several] == ["Al Jazeera"] * len(several)
    assert corpus_repo.article_summary(missing[0]).title in titles  # other fields untouched
    select_articles(window, [last])
    editor = window.open_metadata_editor()
    index = editor.outlet.findText("Al Jazeera")  # a new outlet became a codebook outlet
    assert index > 0
    editor.outlet.setEditText("The Moscow Times")
    editor.lines["author"].setText("Staff")
    editor.memo.setPlainText("paywalled")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    summary = corpus_repo.article_summary(last)
    assert (summary.outlet, summary.author, summary.memo) == ("The Moscow Times", "Staff", "paywalled")
    after = shown_outlets(window)
    assert UNKNOWN_OUTLET not in after and not titles_shown(after, titles)
    assert {"Al Jazeera", "The Moscow Times", "Courthouse News Service"} <= after
    window.workspace.undo_stack.undo()
    settle(qtbot, window)
    assert corpus_repo.article_summary(last).outlet is None


def test_a_bad_date_is_shown_in_the_editor_and_not_saved(qtbot, window, corpus_repo):
    select_articles(window, [1])
    editor = window.open_metadata_editor()
    editor.lines["published"].setText("7 January")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "YYYY-MM-DD" in editor.error.text() and editor.isVisible()
    assert corpus_repo.article_summary(1).published is None


def test_variables_are_columns_and_editable_in_the_editor(qtbot, window, corpus_repo):
    metadata.add_variable(corpus_repo, "ownership", "category", ["state", "private"])
    window.discrepancy_panel.set_variables(["ownership"])
    window.refresh_articles()
    model = window.article_model
    from kzt_annotator.ui.article_list import COLUMNS

    assert model.headerData(len(COLUMNS), Qt.Orientation.Horizontal) == "ownership"
    select_articles(window, [1, 2])
    editor = window.open_metadata_editor()
    combo = editor.variables["ownership"]
    combo.setCurrentIndex(combo.findData("state"))
    combo.activated.emit(combo.currentIndex())
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert corpus_repo.article_summary(2).variables == {"ownership": "state"}
    assert model.index(model.row_of(1), len(COLUMNS)).data() == "state"
    panel = window.discrepancy_panel
    panel.by_variable.setCurrentIndex(panel.by_variable.findData("ownership"))
    panel.settle()  # the groups load off the GUI thread
    values = {g.variable_value for g in panel.groups.groups}
    assert values == {"state", ""}
    assert any(" · state" in panel.groups.index(r, 0).data() for r in range(panel.groups.rowCount()))


def test_codebook_dock_add_rename_merge_with_undo(qtbot, window, corpus_repo):
    panel = window.codebook_panel
    window.codebook_dock.raise_()
    panel.kind.setCurrentIndex(panel.kind.findData("quantity"))
    panel.key.setText("deaths")
    panel.label.setText("Deaths")
    panel.colour.setText("#c62828")
    panel.description.setPlainText("people killed")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert panel.selected_entry().key == "deaths"
    panel.key.setText("troops.csto")  # rename the corpus quantity "troops" used by three figures
    assert panel.select(CodebookKind.QUANTITY, "deaths")
    panel.key.setText("killed")
    panel.parent_key.setCurrentIndex(0)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    keys = {e.key for e in corpus_repo.codebook(CodebookKind.QUANTITY)}
    assert keys == {"killed"}
    # the corpus figures use "troops": an entry for it, then merge into killed, then undo both
    panel.key.setText("troops")
    panel.label.setText("")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    panel.other_key.setText("killed")
    qtbot.mouseClick(panel.merge_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    figures = [a for a in corpus_repo.annotations() if a.kind is Kind.FIGURE]
    assert "troops" not in {a.attributes.quantity for a in figures}
    window.workspace.undo_stack.undo()
    settle(qtbot, window)
    figures = [a for a in corpus_repo.annotations() if a.kind is Kind.FIGURE]
    assert "troops" in {a.attributes.quantity for a in figures}
    window.workspace.undo_stack.undo()
    window.workspace.undo_stack.undo()
    settle(qtbot, window)
    assert {e.key for e in corpus_repo.codebook(CodebookKind.QUANTITY)} == {"deaths"}
    assert panel.model.rowCount() == 1


def test_a_cycle_is_refused_in_the_dock(qtbot, window, corpus_repo, dialogs):
    panel = window.codebook_panel
    for key, parent in (("deaths", None), ("deaths.protesters", "deaths")):
        panel.kind.setCurrentIndex(panel.kind.findData("quantity"))
        panel.key.setText(key)
        panel.parent_key.setCurrentIndex(max(panel.parent_key.findData(parent), 0) if parent else 0)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
        settle(qtbot, window)
    assert panel.select(CodebookKind.QUANTITY, "deaths")
    panel.parent_key.setCurrentIndex(panel.parent_key.findData("deaths.protesters"))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert any("cycle" in message for _title, message in dialogs.errors)
    assert next(e for e in corpus_repo.codebook() if e.key == "deaths").parent is None


def test_delete_articles_in_the_gui_and_undo(qtbot, window, corpus_repo, dialogs):
    window.open_article(3)
    count = len(corpus_repo.annotations())
    select_articles(window, [3])
    dialogs.choice = 0
    assert window.delete_selected_articles()
    settle(qtbot, window)
    assert window.workspace.article is None
    assert 3 not in window.article_model.article_ids()
    assert len(corpus_repo.annotations()) < count
    window.workspace.undo_stack.undo()
    settle(qtbot, window)
    assert 3 in window.article_model.article_ids() and len(corpus_repo.annotations()) == count


def test_split_moves_the_open_articles_figures_to_a_child(qtbot, window, corpus_repo):
    def quantities():
        return {
            a.id: (a.article_id, a.attributes.quantity)
            for a in corpus_repo.annotations()
            if a.kind is Kind.FIGURE
        }

    using = sorted({art for art, q in quantities().values() if q == "security_deaths"})
    assert len(using) >= 2
    panel = window.codebook_panel
    panel.kind.setCurrentIndex(panel.kind.findData("quantity"))
    panel.key.setText("security_deaths")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    window.open_article(using[0])
    assert panel.select(CodebookKind.QUANTITY, "security_deaths")
    panel.other_key.setText("security_deaths.police")
    qtbot.mouseClick(panel.split_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    after = quantities()
    assert {q for art, q in after.values() if art == using[0] and q.startswith("security")} == {
        "security_deaths.police"
    }
    assert {q for art, q in after.values() if art == using[1] and q.startswith("security")} == {
        "security_deaths"
    }
    entry = next(e for e in corpus_repo.codebook() if e.key == "security_deaths.police")
    assert entry.parent == "security_deaths"
    window.workspace.undo_stack.undo()
    settle(qtbot, window)
    assert {q for _a, q in quantities().values()} >= {"security_deaths"}
    assert "security_deaths.police" not in {q for _a, q in quantities().values()}


def test_inferred_metadata_is_marked_in_the_editor_and_stays_inferred_until_edited(
    qtbot, window, corpus_repo
):
    select_articles(window, [3])  # its title, author, outlet and language were inferred
    editor = window.open_metadata_editor()
    labels = {editor.layout().itemAt(1).layout().labelForField(w).text() for w in editor.lines.values()}
    assert {"Title (inferred)", "Author (inferred)", "Language (inferred)", "Date", "URL"} <= labels
    outlet_label = editor.layout().itemAt(1).layout().labelForField(editor.outlet).text()
    assert outlet_label == "Outlet (inferred)"
    editor.memo.setPlainText("checked the byline only")
    editor.lines["author"].setText("Cain Burdeau")
    editor.lines["author"].textEdited.emit("Cain Burdeau")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    # the edited field is typed now; the others keep their inferred mark
    assert set(corpus_repo.article(3).inferred) == {"title", "outlet", "language"}
    select_articles(window, [3, 4])
    editor = window.open_metadata_editor()
    labels = {editor.layout().itemAt(1).layout().labelForField(w).text() for w in editor.lines.values()}
    assert "Title (inferred for 2)" in labels and "Author" in labels


def test_a_codebook_import_merges_and_says_what_changed(qtbot, make_window, repo, dialogs, tmp_path):
    from kzt_annotator.core.codebook import make_entry
    from kzt_annotator.services import codebook as codebook_service
    from kzt_annotator.services.qda_codebook import write_qdc

    speaker = CodebookKind.SPEAKER
    codebook_service.add_entry(
        repo, make_entry(speaker, "Kassym-Jomart Tokayev", "President", colour="#1565C0", aliases=["Tokayev"])
    )
    window = make_window(repo)
    dialogs.open_file = tmp_path / "bare.qdc"
    write_qdc(
        dialogs.open_file, [make_entry(speaker, "Kassym-Jomart Tokayev"), make_entry(speaker, "Tokayev")]
    )
    assert window.codebook_import()
    entries = repo.codebook()
    assert [(e.key, e.label, e.colour, e.aliases) for e in entries] == [
        ("Kassym-Jomart Tokayev", "President", "#1565C0", ("Tokayev",))
    ]
    status = window.codebook_panel.status.text()
    assert status.startswith("bare.qdc: 0 added, 0 updated, 1 unchanged;") and "'Tokayev'" in status
    assert not dialogs.errors


def test_the_metadata_editor_shows_the_start_of_a_long_title(qtbot, window, corpus_repo):
    select_articles(window, [1])
    editor = window.open_metadata_editor()
    qtbot.addWidget(editor)
    title = editor.lines["title"]
    assert len(title.text()) > 40 and title.cursorPosition() == 0  # it showed the end
    assert editor.outlet.lineEdit().cursorPosition() == 0
    editor.close()
