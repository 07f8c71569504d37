"""The discrepancy panel over the sample corpus: groups, relations, chart, jump to the span."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.figures_fixture import article_for, tag_corpus_figures


@pytest.fixture
def window(make_window, corpus_repo):
    ids = tag_corpus_figures(corpus_repo)
    win = make_window(corpus_repo)
    win.flush_refresh()
    return win, ids


def select_group(panel, quantity):
    row = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == quantity)
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
    return panel.groups.groups[row]


def relation_cell(panel, quantity):
    row = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == quantity)
    return panel.groups.index(row, 1).data()


def test_the_three_sample_cases_in_the_panel(window):
    win, ids = window
    panel = win.discrepancy_panel
    assert relation_cell(panel, "troops") == "conflicting"
    assert relation_cell(panel, "detained") == "compatible"
    assert relation_cell(panel, "security_deaths") == "conflicting"
    count = sum(1 for g in panel.groups.groups if not g.children)
    assert panel.summary.text().startswith(f"{count} quantities, ")
    group = select_group(panel, "troops")
    assert panel.reports.rowCount() == 3
    assert {panel.reports.index(r, 1).data() for r in range(3)} == {"2500", "15000"}
    assert panel.reports.conflicting == {
        ids["000:2,500 troops"],
        ids["002:2,500 paratroopers"],
        ids["001:up to 15,000 soldiers"],
    }
    bars = panel.chart.bars
    assert len(bars) == group.count  # one interval bar per report
    assert sorted(b.conflicting for b in bars) == [True, True, True]
    # rows are labelled by outlet, never by the headline
    titles = {title for _outlet, title in panel._labels.values()}
    assert not any(b.label.split(" — ")[0] in titles for b in bars)


def test_conflicts_sort_first(window):
    win, _ = window
    labels = [
        win.discrepancy_panel.groups.index(r, 1).data()
        for r in range(win.discrepancy_panel.groups.rowCount())
    ]
    order = {"conflicting": 0, "compatible": 1, "equal": 2}
    assert labels == sorted(labels, key=order.__getitem__)


def test_clicking_a_report_jumps_the_reader_to_its_span(window):
    win, ids = window
    panel = win.discrepancy_panel
    select_group(panel, "detained")
    row = next(
        i
        for i, r in enumerate(panel.reports.reports)
        if r.annotation_id == ids["003:approximately 4,404 people"]
    )
    panel._on_report(panel.reports.index(row, 0))
    assert win.workspace.article.source_file.startswith("003")
    start, end = win.reader.selection_span()
    assert win.reader.article.text[start:end] == "approximately 4,404 people"
    assert win.workspace.selected_id == ids["003:approximately 4,404 people"]


def test_panel_follows_edits_and_undo(qtbot, window):
    win, ids = window
    panel = win.discrepancy_panel
    win.open_article(4)
    win.workspace.select_annotation(ids["003:approximately 4,404 people"])
    win.workspace.delete_selected()
    win.flush_refresh()
    assert next(g for g in panel.groups.groups if g.quantity == "detained").count == 2
    win.workspace.undo_stack.undo()
    win.flush_refresh()
    assert next(g for g in panel.groups.groups if g.quantity == "detained").count == 3


def test_a_big_group_pages_its_reports_and_charts_one_bar_per_outlet(qtbot, repo):
    from kzt_annotator.core.attributes import FigureAttrs
    from kzt_annotator.core.kinds import Kind, Qualifier
    from kzt_annotator.core.model import Annotation, NewArticle
    from kzt_annotator.ui.discrepancy_chart import MAX_OUTLET_BARS
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    articles, _ = repo.add_articles(
        [
            NewArticle(text=f"text {i}", title=f"T{i}", source_file=f"{i}.txt", outlet=f"Outlet {i % 10}")
            for i in range(30)
        ]
    )
    # Each of 30 articles reports ten exact values; two more report the range 0-1000, which
    # overlaps every one of them: the 300 exact reports conflict, the two ranges do not.
    wide, _ = repo.add_articles(
        [
            NewArticle(text=f"wide {i}", title=f"W{i}", source_file=f"w{i}.txt", outlet="Outlet 0")
            for i in (1, 2)
        ]
    )
    exact = [
        Annotation(
            str(uuid.uuid4()), a.id, Kind.FIGURE, 0, 4, "text", FigureAttrs("deaths", float(v)), "tester"
        )
        for a in articles
        for v in range(a.id, a.id + 10)
    ]
    ranges = [
        Annotation(
            str(uuid.uuid4()),
            a.id,
            Kind.FIGURE,
            0,
            4,
            "wide",
            FigureAttrs("deaths", value_low=0.0, value_high=1000.0, qualifier=Qualifier.RANGE),
            "tester",
        )
        for a in wide
    ]
    repo.add_annotations(exact + ranges)
    panel = DiscrepancyPanel(repo)
    qtbot.addWidget(panel)
    panel.refresh()
    panel.settle()
    [group] = panel.groups.groups
    assert (group.count, group.outlets, group.relation.label) == (302, 32, "conflicting")
    assert panel.reports.rowCount() == 200  # the first page
    panel.reports.fetchMore()
    assert panel.reports.rowCount() == 302 and not panel.reports.canFetchMore()
    reports = panel.reports.reports
    assert sorted(r.annotation_id for r in reports) == sorted(a.id for a in exact + ranges)  # each once
    values = [r.value for r in reports if r.value is not None]
    assert values == sorted(values) and len(values) == 300
    # the rows marked red are exactly the exact reports, whatever page they arrived on
    assert panel.reports.conflicting == {a.id for a in exact}
    red = {
        reports[row].annotation_id
        for row in range(panel.reports.rowCount())
        if panel.reports.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    }
    assert red == {a.id for a in exact}
    assert len(panel.chart.bars) == MAX_OUTLET_BARS
    assert "one bar per outlet" in panel.chart.title
    assert len(set(panel.chart.row_labels())) == MAX_OUTLET_BARS  # an outlet with several articles too
    ticks = panel.chart.plot_item().getAxis("left")._tickLevels[0]
    assert [label for _y, label in sorted(ticks, reverse=True)] == panel.chart.row_labels()


def test_two_annotators_versions_of_one_span_are_one_row(qtbot, make_window, corpus_repo):
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.services import annotating
    from tests.figures_fixture import article_for

    article = article_for(corpus_repo, "002")
    start = article.text.index("18 security officers")
    for who, value in (("alice", "18"), ("bob", "19")):
        annotating.annotate(
            corpus_repo,
            annotating.new_annotation(
                article,
                Kind.FIGURE,
                start,
                start + 20,
                who,
                {"quantity": "deaths.security_forces", "value": value},
            ),
        )
    window = make_window(corpus_repo)
    window.flush_refresh()
    panel = window.discrepancy_panel
    row = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == "deaths.security_forces")
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
    assert panel.reports.rowCount() == 1
    value = panel.reports.data(panel.reports.index(0, 1))
    annotators = panel.reports.data(panel.reports.index(0, 6))
    assert (value, annotators) == ("18–19", "alice, bob")
    panel.every_annotator.setChecked(True)
    panel.settle()  # the panel reloads off the GUI thread
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
    row = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == "deaths.security_forces")
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
    assert panel.reports.rowCount() == 2


def test_a_parent_shows_its_children_side_by_side(window):
    """With the codebook tree deaths > deaths.security_forces (alias security_deaths), the sample
    corpus's deaths are two groups under one header: security forces' deaths apart from the rest."""
    from kzt_annotator.core.codebook import make_entry
    from kzt_annotator.core.model import CodebookKind
    from kzt_annotator.services.codebook import add_entry

    win, ids = window
    repo, panel = win.repo, win.discrepancy_panel
    add_entry(repo, make_entry(CodebookKind.QUANTITY, "deaths"))
    add_entry(
        repo,
        make_entry(
            CodebookKind.QUANTITY, "deaths.security_forces", parent="deaths", aliases=["security_deaths"]
        ),
    )
    panel.refresh()
    panel.settle()  # the panel reloads off the GUI thread
    names = [panel.groups.index(r, 0).data() for r in range(panel.groups.rowCount())]
    start = names.index("deaths ▾")
    assert names[start : start + 3] == ["deaths ▾", "    deaths", "    security_forces"]
    assert panel.groups.index(start, 1).data() == "2 groups"  # no relation of its own
    assert [panel.groups.index(start + i, 1).data() for i in (1, 2)] == ["conflicting", "conflicting"]
    select_group(panel, "deaths")  # the header comes first
    outlets = [panel.reports.index(r, 0).data() for r in range(panel.reports.rowCount())]
    assert len(outlets) == 6 and sum(o.startswith("security_forces · ") for o in outlets) == 3
    assert sum(b.label.startswith("security_forc") for b in panel.chart.bars) == 3  # shortened
    assert panel.chart.title == "deaths: 2 groups side by side"
    # "at least 18" is compatible within security forces' deaths and is not judged against 225 people
    at_least = ids["001:At least 18 security guards"]
    assert at_least not in panel.reports.conflicting
    assert ids["000:19 of whom"] in panel.reports.conflicting


def test_reports_are_ordered_by_date_and_show_it(window):
    """as_of first, else the article's date (marked), unknown dates last; the panel, the CLI and
    the JSON agree."""
    from dataclasses import replace

    from kzt_annotator.services.figures import discrepancies
    from kzt_annotator.services.metadata import edit_metadata
    from tests.figures_fixture import article_for

    win, ids = window
    repo, panel = win.repo, win.discrepancy_panel
    late, early = article_for(repo, "000"), article_for(repo, "002")
    edit_metadata(repo, [late.id], {"published": "2022-01-12"})
    edit_metadata(repo, [early.id], {"published": "2022-01-07"})
    soldiers = repo.annotation(ids["001:up to 15,000 soldiers"])
    repo.update_annotation(replace(soldiers, attributes=replace(soldiers.attributes, as_of=date(2022, 1, 9))))
    panel.refresh()
    panel.settle()  # the panel reloads off the GUI thread
    select_group(panel, "troops")
    shown = [(panel.reports.index(r, 0).data(), panel.reports.index(r, 5).data()) for r in range(3)]
    assert [day for _outlet, day in shown] == ["2022-01-07 (article)", "2022-01-09", "2022-01-12 (article)"]
    troops = next(g for g in discrepancies(repo) if g.quantity == "troops")
    assert [r.annotation_id for r in troops.reports] == [
        ids["002:2,500 paratroopers"],
        ids["001:up to 15,000 soldiers"],
        ids["000:2,500 troops"],
    ]
    from kzt_annotator.io.figures_json import group_json

    dated = [(r["date"], r["date_from"]) for r in group_json(troops)["reports"]]
    assert dated == [("2022-01-07", "article"), ("2022-01-09", "as_of"), ("2022-01-12", "article")]


def test_a_reload_reads_the_selected_groups_reports_off_the_gui_thread(window):
    """The first page of the selected group comes with the groups from the worker: the GUI thread
    runs no query to show it, and the columns are as wide as resizeColumnsToContents makes them."""
    import threading

    win, _ = window
    panel = win.discrepancy_panel
    select_group(panel, "troops")
    repo = panel.repo
    threads = []
    read = repo.figure_report_rows

    def counted(*args, **kwargs):
        threads.append(threading.current_thread())
        return read(*args, **kwargs)

    repo.figure_report_rows = counted
    try:
        panel.refresh()
        panel.settle()
    finally:
        del repo.figure_report_rows
    assert panel.current_group().quantity == "troops" and panel.reports.rowCount() == 3
    assert threads and threading.main_thread() not in threads
    view = panel.report_view
    widths = [view.columnWidth(c) for c in range(panel.reports.columnCount())]
    view.resizeColumnsToContents()
    assert widths == [view.columnWidth(c) for c in range(panel.reports.columnCount())]


def test_one_quantity_is_counted_in_the_singular(qtbot, make_window, corpus_repo):
    """The summary line reads as English: "1 quantity", never "1 quantities"."""
    from kzt_annotator.services import annotating

    article = article_for(corpus_repo, "000")
    at = article.text.index("2,500")
    attrs = {"quantity": "troops", "value": "2500"}
    annotating.annotate(
        corpus_repo, annotating.new_annotation(article, "figure", at, at + 5, "tester", attrs)
    )
    win = make_window(corpus_repo)
    win.flush_refresh()
    assert win.discrepancy_panel.summary.text() == "1 quantity, 0 with conflicting reports"


def test_the_claims_matrix_is_read_beside_the_groups(window):
    """A full reload reads the groups and the claims matrix on two read threads at once."""
    win, _ = window
    panel = win.discrepancy_panel
    groups, claims = panel.loader.applied, panel.claims_loader.applied
    panel.refresh()
    assert panel.loader.busy and panel.claims_loader.busy  # both asked for before either is shown
    panel.settle()
    assert (panel.loader.applied, panel.claims_loader.applied) == (groups + 1, claims + 1)
