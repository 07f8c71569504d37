"""Change records drive the panels: an edit updates only what it touched, never a full reload."""

from __future__ import annotations

from collections import Counter

import pytest

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.kinds import Kind
from tests.figures_fixture import tag_corpus_figures

FULL_RELOADS = (
    ("article list", "article_model", "refresh"),
    ("article list", "article_model", "set_lines"),
    ("discrepancy panel", "discrepancy_panel", "refresh"),
    ("review queue", "review_panel", "refresh"),
    ("review queue", "review_panel", "set_queue"),
)


@pytest.fixture
def window(make_window, corpus_repo):
    ids = tag_corpus_figures(corpus_repo)
    win = make_window(corpus_repo)
    win.flush_refresh()
    return win, ids


@pytest.fixture
def full_reloads(window, monkeypatch):
    """Counts every call of a full reload of the article list, discrepancy panel and review queue."""
    win, _ = window
    calls: Counter[str] = Counter()
    for label, owner, name in FULL_RELOADS:
        target = getattr(win, owner)
        original = getattr(target, name)

        def counted(*args, _original=original, _label=label, **kwargs):
            calls[_label] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(target, name, counted)
    return calls


def group(win, quantity):
    return next(g for g in win.discrepancy_panel.groups.groups if g.quantity == quantity)


def figures_listed(win, article_id):
    model = win.article_model
    return model.count(model.line(article_id), "figure")


def test_editing_one_annotation_never_reloads_a_whole_panel(window, full_reloads):
    win, ids = window
    detained = ids["003:approximately 4,404 people"]
    article_id = win.repo.annotation(detained).article_id
    win.open_article(article_id)
    queue_before = len(win.review_panel.model.rows)
    figures_before = figures_listed(win, article_id)

    # edit: the quantity moves from one group to a new one
    win.workspace.select_annotation(detained)
    assert win.workspace.edit_selected()
    values = dict(win.editor.values())
    values["quantity"] = "hostages"
    win.editor.submitted.emit(values, "", [])
    win.flush_refresh()
    assert group(win, "detained").count == 2
    assert group(win, "hostages").count == 1

    # create: the review queue and the article's figure count follow
    text = win.reader.article.text
    start = text.index("Kazakhstan")
    win.reader.select_span(start, start + len("Kazakhstan"))
    assert win.workspace.tag(Kind.CLAIM)
    win.editor.submitted.emit({"claim_key": "test"}, "", [])
    win.flush_refresh()
    new_id = win.workspace.selected_id
    assert new_id in {a.id for a in win.review_panel.model.rows}
    assert len(win.review_panel.model.rows) == queue_before + 1

    # delete, then undo: the figure leaves and comes back
    win.workspace.select_annotation(detained)
    assert win.workspace.delete_selected()
    win.flush_refresh()
    assert figures_listed(win, article_id) == figures_before - 1
    assert detained not in {a.id for a in win.review_panel.model.rows}
    assert all(g.quantity != "hostages" for g in win.discrepancy_panel.groups.groups)
    win.workspace.undo_stack.undo()
    win.flush_refresh()
    assert figures_listed(win, article_id) == figures_before
    assert group(win, "hostages").count == 1

    assert full_reloads == Counter()  # not one full reload for any of these edits


def test_the_discrepancy_panel_names_only_articles_with_figures(window, full_reloads):
    win, _ids = window
    panel = win.discrepancy_panel
    with_figures = {a.article_id for a in win.repo.annotations() if str(a.kind) == "figure"}
    without = next(s.id for s in win.repo.article_summaries() if s.id not in with_figures)
    assert set(panel._labels) == with_figures  # not every article of the project

    # the first figure of another article: its label arrives with the group, no full reload
    win.open_article(without)
    text = win.reader.article.text
    phrase = next(w for w in text.split() if w.strip(",.").isdigit() and len(w.strip(",.")) > 1)
    start = text.index(phrase)
    win.reader.select_span(start, start + len(phrase.strip(",.")))
    assert win.workspace.tag(Kind.FIGURE)
    win.editor.submitted.emit({"quantity": "onlookers", "value": phrase.strip(",.")}, "", [])
    win.flush_refresh()
    assert group(win, "onlookers").count == 1
    outlet = win.article_model.index(win.article_model.row_of(without), 1).data()
    assert panel._labels[without][0] == outlet
    panel.group_view.setCurrentIndex(
        panel.groups.index(panel.groups.groups.index(group(win, "onlookers")), 0)
    )
    assert [r.outlet for r in panel.reports.reports] == [outlet]
    assert full_reloads == Counter()


def test_a_figure_without_a_quantity_reads_nothing_for_the_discrepancy_panel(window, full_reloads):
    win, _ids = window
    panel = win.discrepancy_panel
    groups_before = [(g.quantity, g.count) for g in panel.groups.groups]
    win.open_article(win.article_model.article_ids()[0])
    text = win.reader.article.text
    start = text.index(" ") + 1
    loads = panel.loader.applied
    win.reader.select_span(start, start + 4)
    assert win.workspace.tag(Kind.FIGURE)
    win.editor.submitted.emit({"quantity": "", "value": ""}, "", [])
    win.flush_refresh()
    assert panel.loader.applied == loads  # in no group: no read of the figure index
    assert [(g.quantity, g.count) for g in panel.groups.groups] == groups_before

    # the same figure given a quantity later: its group is read and shown
    win.workspace.select_annotation(win.workspace.selected_id)
    assert win.workspace.edit_selected()
    win.editor.submitted.emit({"quantity": "bystanders", "value": "4"}, "", [])
    win.flush_refresh()
    assert panel.loader.applied == loads + 1
    assert group(win, "bystanders").count == 1
    assert full_reloads == Counter()


def test_a_review_decision_updates_the_queue_in_place(window, full_reloads):
    win, _ = window
    rows = win.review_panel.model.rows
    first = rows[0]
    win.review_decision(first.id, "accepted", "")
    win.flush_refresh()
    assert first.id not in {a.id for a in win.review_panel.model.rows}
    assert full_reloads == Counter()


def test_outside_changes_project_switch_and_settings_take_the_same_path(window, monkeypatch, tmp_path):
    win, _ = window
    seen: list[Changes] = []
    for panel in win.panels:
        original = panel.on_changes
        monkeypatch.setattr(
            panel, "on_changes", lambda record, _o=original: (seen.append(record), _o(record))
        )
    win.apply_settings(win.settings)
    win.flush_refresh()
    assert seen and all(r.touches("settings") for r in seen)
    seen.clear()
    other = tmp_path / "other.sqlite"
    assert win.switch_project(str(other))
    win.flush_refresh()
    assert seen and all(r.everything for r in seen)
    assert win.article_model.rowCount() == 0


def test_stale_background_results_are_dropped(window):
    win, _ = window
    panel = win.discrepancy_panel
    panel.refresh()
    panel.refresh()
    panel.refresh()
    applied, dropped = panel.loader.applied, panel.loader.dropped
    panel.settle()
    assert panel.loader.applied == applied + 1  # only the newest of the three was shown
    assert panel.loader.dropped == dropped + 2


def _count(calls: Counter, monkeypatch, target, name: str, label: str) -> None:
    original = getattr(target, name)

    def counted(*args, **kwargs):
        calls[label] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, counted)


def test_the_codebook_dock_curation_view_and_dashboard_follow_the_one_path(
    qtbot, make_window, corpus_repo, monkeypatch
):
    from kzt_annotator.core.codebook import make_entry
    from kzt_annotator.core.codebook_commands import AddEntry
    from kzt_annotator.core.model import CodebookKind
    from kzt_annotator.services.relations import relate_command
    from kzt_annotator.services.schema_admin import add_kind
    from tests.figures_fixture import article_for
    from tests.ui.test_curation_ui import two_annotators

    curated = two_annotators(corpus_repo)  # carol curates article 002; alice and bob tagged it
    add_kind(corpus_repo, "frame", ["frame_type:category=economic,security"])
    elsewhere = article_for(corpus_repo, "003")
    win = make_window(corpus_repo, annotator="carol")
    win.flush_refresh()
    win.open_article(curated.id)
    view = win.open_curation()
    qtbot.addWidget(view)
    dashboard = win.open_dashboard()
    qtbot.addWidget(dashboard)
    win.flush_refresh()

    calls: Counter[str] = Counter()
    for label, owner, name in FULL_RELOADS:
        _count(calls, monkeypatch, getattr(win, owner), name, label)
    _count(calls, monkeypatch, win, "refresh_curation", "curation view and dashboard, on the GUI thread")
    _count(calls, monkeypatch, win, "refresh_codebook", "codebook dock")
    _count(calls, monkeypatch, win, "show_curation_snapshot", "curation view, from the worker")
    _count(calls, monkeypatch, win, "show_team_progress", "dashboard, from the worker")
    groups, claims = win.discrepancy_panel.loader, win.discrepancy_panel.claims_loader
    before = (groups.applied, claims.applied)

    # A span of a project-defined kind in another article: the discrepancy panel and the curation
    # view of article 002 have nothing to do; the dashboard's counts are read off the GUI thread.
    win.open_article(elsewhere.id)
    start = elsewhere.text.index("Kazakhstan")
    win.reader.select_span(start, start + len("Kazakhstan"))
    assert win.workspace.tag("frame")
    win.editor.submitted.emit({"frame_type": "security"}, "", [])
    win.flush_refresh()
    frame = win.workspace.selected_id
    assert str(win.repo.annotation(frame).kind) == "frame"
    assert (groups.applied, claims.applied) == before
    assert calls == Counter({"dashboard, from the worker": 1})

    # An edit in the curated article reaches the curation view, off the GUI thread.
    calls.clear()
    win.open_article(curated.id)
    alices = [a for a in win.workspace.annotations() if a.annotator == "alice"]
    relation = relate_command(win.repo, alices[0].id, alices[1].id, "same_event", "carol")
    win.workspace.push(relation)
    win.flush_refresh()
    assert calls == Counter({"curation view, from the worker": 1})  # relations leave progress alone

    # A new codebook outlet re-reads the codebook dock (and relabels the article list's outlets).
    calls.clear()
    win.workspace.push(AddEntry(make_entry(CodebookKind.OUTLET, "Vlast.kz")))
    win.flush_refresh()
    assert calls["codebook dock"] == 1
    assert calls["curation view and dashboard, on the GUI thread"] == 0
    assert calls["review queue"] == 0


def test_an_edit_keeps_a_parent_s_children_side_by_side_under_it(window, full_reloads):
    """A partial reload arranges the groups by the quantity tree again: a figure moved into
    deaths.security_forces shows under the deaths header, which lists its children afresh."""
    win, ids = window
    detained = ids["003:approximately 4,404 people"]
    win.open_article(win.repo.annotation(detained).article_id)
    win.workspace.select_annotation(detained)
    assert win.workspace.edit_selected()
    values = dict(win.editor.values(), quantity="deaths.security_forces")
    win.editor.submitted.emit(values, "", [])
    win.flush_refresh()
    groups = win.discrepancy_panel.groups.groups
    header = next(g for g in groups if g.children)
    assert header.quantity == "deaths"
    child = next(g for g in groups if g.quantity == "deaths.security_forces")
    assert child in header.children and child.count == 1 and child.depth == 1
    rows = [g.quantity for g in groups]
    assert rows.index("deaths") < rows.index("deaths.security_forces")  # under its parent
    assert full_reloads == Counter()


def test_a_closed_window_stops_looking_for_outside_changes(window):
    win, _ = window
    assert win.poll.isActive()
    win.close()
    assert not win.poll.isActive()  # a window left alive after closing (tests, scripts) reads nothing


def test_a_figure_losing_its_quantity_leaves_its_group_and_undo_brings_it_back(window, full_reloads):
    win, ids = window
    detained = ids["003:approximately 4,404 people"]
    win.open_article(win.repo.annotation(detained).article_id)
    count = group(win, "detained").count
    win.workspace.select_annotation(detained)
    assert win.workspace.edit_selected()
    values = dict(win.editor.values())
    values["quantity"] = ""  # the quantity only in the record's `before`
    win.editor.submitted.emit(values, "", [])
    win.flush_refresh()
    assert group(win, "detained").count == count - 1
    win.workspace.undo_stack.undo()
    win.flush_refresh()
    assert group(win, "detained").count == count
    win.workspace.undo_stack.redo()
    win.flush_refresh()
    assert group(win, "detained").count == count - 1

    # now without a quantity: deleting it, and undoing that, reads nothing for the panel
    loads = win.discrepancy_panel.loader.applied
    shown = [(g.quantity, g.count) for g in win.discrepancy_panel.groups.groups]
    win.workspace.select_annotation(detained)
    assert win.workspace.delete_selected()
    win.flush_refresh()
    win.workspace.undo_stack.undo()
    win.flush_refresh()
    assert win.discrepancy_panel.loader.applied == loads
    assert [(g.quantity, g.count) for g in win.discrepancy_panel.groups.groups] == shown
    assert full_reloads == Counter()
