"""A full reload of the discrepancy panel that reads what is already shown leaves the screen alone.

The reads run every time (they are how the panel learns that nothing changed); what is skipped
is the work after them: grouping the index rows, building the reports page, resetting the tables
and drawing the chart. Counted: model resets, chart draws, results worked out afresh.
"""

from __future__ import annotations

import uuid

from kzt_annotator.services import annotating
from tests.figures_fixture import article_for, tag_corpus_figures


def _window(make_window, corpus_repo):
    ids = tag_corpus_figures(corpus_repo)
    win = make_window(corpus_repo)
    win.flush_refresh()
    return win, ids


def _select(panel, quantity):
    row = next(i for i, g in enumerate(panel.groups.groups) if g.quantity == quantity)
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))


def _reload(panel):
    panel.refresh()
    panel.settle()


def _counting(panel):
    resets = []
    panel.groups.modelReset.connect(lambda: resets.append("groups"))
    panel.reports.modelReset.connect(lambda: resets.append("reports"))
    # The same groups in the same order repaint their changed rows; only new rows reset the table.
    panel.groups.dataChanged.connect(lambda *_: resets.append("group rows"))
    return resets


def test_a_reload_that_reads_what_is_shown_keeps_the_screen(make_window, corpus_repo):
    win, _ = _window(make_window, corpus_repo)
    panel = win.discrepancy_panel
    _select(panel, "troops")
    _reload(panel)  # the page read on selecting is read again with the groups (equal: kept)
    made = {name: memo.made for name, memo in panel.memos.items()}
    resets = _counting(panel)
    groups, reports, draws, kept = (
        panel.groups.groups,
        panel.reports.reports,
        panel.chart.draws,
        panel.unchanged_reloads,
    )
    for _ in range(3):
        _reload(panel)
    assert resets == [] and panel.chart.draws == draws  # no table reset, no chart drawn
    assert panel.unchanged_reloads == kept + 3
    assert panel.groups.groups is groups and panel.reports.reports is reports
    assert {name: memo.made for name, memo in panel.memos.items()} == made  # nothing worked out again
    assert panel.current_group().quantity == "troops" and panel.reports.rowCount() == 3


def test_a_reload_after_a_change_shows_it(make_window, corpus_repo):
    """A figure added behind the panel's back (another window, a script) is shown by the next reload."""
    win, _ = _window(make_window, corpus_repo)
    panel = win.discrepancy_panel
    _select(panel, "troops")
    _reload(panel)
    resets, draws = _counting(panel), panel.chart.draws
    article = article_for(corpus_repo, "003")
    attrs = {"quantity": "troops", "value": "900"}
    annotating.annotate(corpus_repo, annotating.new_annotation(article, "figure", 0, 4, "tester", attrs))
    _reload(panel)
    assert resets == ["group rows", "reports"] and panel.chart.draws > draws
    assert panel.current_group().quantity == "troops" and panel.reports.rowCount() == 4
    assert 900 in {r.value for r in panel.reports.reports}


def test_a_reload_shows_the_first_page_again_after_more_were_read(qtbot, repo):
    """Rows paged in as the view scrolled are not kept by an equal reload: it shows the first
    page afresh, as every reload did, so that no page read before a change lingers."""
    from kzt_annotator.core.attributes import FigureAttrs
    from kzt_annotator.core.kinds import Kind
    from kzt_annotator.core.model import Annotation, NewArticle
    from kzt_annotator.ui.discrepancy_panel import DiscrepancyPanel

    articles, _ = repo.add_articles(
        [
            NewArticle(text=f"text {i}", title=f"T{i}", source_file=f"{i}.txt", outlet=f"O{i}")
            for i in range(25)
        ]
    )
    repo.add_annotations(
        [
            Annotation(
                str(uuid.uuid4()), a.id, Kind.FIGURE, 0, 4, "text", FigureAttrs("deaths", float(v)), "t"
            )
            for a in articles
            for v in range(a.id, a.id + 10)
        ]
    )
    panel = DiscrepancyPanel(repo)
    qtbot.addWidget(panel)
    _reload(panel)
    panel.reports.fetchMore()
    assert panel.reports.rowCount() == 250
    resets = _counting(panel)
    _reload(panel)
    assert resets == ["reports"] and panel.reports.rowCount() == 200  # the groups are as they were
    _reload(panel)  # now the screen shows just the first page: kept
    assert resets == ["reports"] and panel.unchanged_reloads == 1


def test_a_reload_with_other_options_reads_later_pages_with_them(make_window, corpus_repo):
    """Ticking "A row per annotator" reloads; even when the rows look the same, the report table
    then reads its later pages with the new choice."""
    win, _ = _window(make_window, corpus_repo)
    panel = win.discrepancy_panel
    _select(panel, "troops")
    kept = panel.unchanged_reloads
    panel.every_annotator.setChecked(True)
    panel.settle()
    assert panel.unchanged_reloads == kept and panel._page_options == (False, True)


def test_a_reload_reads_the_codebook_and_the_copies_once(make_window, corpus_repo):
    """The labels, the groups and the first page share one read of the codebook (every kind) and
    of the syndicated copies, rather than reading the outlets', quantities' and speakers' entries
    and the copies each on their own."""
    win, _ = _window(make_window, corpus_repo)
    panel = win.discrepancy_panel
    repo = panel.repo
    kinds, copies = [], []
    codebook, sources = repo.codebook, repo.syndication_sources

    def counted_codebook(kind=None):
        kinds.append(kind)
        return codebook(kind)

    def counted_sources():
        copies.append(1)
        return sources()

    repo.codebook, repo.syndication_sources = counted_codebook, counted_sources
    try:
        _reload(panel)
    finally:
        del repo.codebook, repo.syndication_sources
    assert kinds == [None, None]  # the groups' read, and the claims matrix's beside it
    assert len(copies) == 1


def test_a_new_quantity_resets_the_group_table_and_a_new_count_repaints_one_row(make_window, corpus_repo):
    win, _ = _window(make_window, corpus_repo)
    panel = win.discrepancy_panel
    _select(panel, "troops")
    _reload(panel)
    resets = _counting(panel)
    article = article_for(corpus_repo, "003")
    rows = [g.quantity for g in panel.groups.groups]
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(article, "figure", 0, 4, "tester", {"quantity": "troops", "value": "5"}),
    )
    _reload(panel)
    assert [g.quantity for g in panel.groups.groups] == rows
    assert "groups" not in resets and "group rows" in resets
    assert panel.current_group().quantity == "troops"
    resets.clear()
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(article, "figure", 0, 4, "tester", {"quantity": "ferries", "value": "2"}),
    )
    _reload(panel)
    assert "groups" in resets and "ferries" in [g.quantity for g in panel.groups.groups]
    assert panel.current_group().quantity == "troops"
