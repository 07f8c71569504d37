"""Words the discrepancy panel shows: a parent with one child group says "1 group"."""

from __future__ import annotations

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.services.codebook import add_entry
from tests.figures_fixture import tag_corpus_figures


def test_a_parent_with_one_child_group_says_1_group(make_window, corpus_repo):
    tag_corpus_figures(corpus_repo)
    add_entry(corpus_repo, make_entry(CodebookKind.QUANTITY, "casualties"))
    add_entry(corpus_repo, make_entry(CodebookKind.QUANTITY, "deaths", parent="casualties"))
    window = make_window(corpus_repo)
    window.flush_refresh()
    panel = window.discrepancy_panel
    panel.settle()
    names = [panel.groups.index(r, 0).data() for r in range(panel.groups.rowCount())]
    row = names.index("casualties ▾")
    assert panel.groups.index(row, 1).data() == "1 group"  # it said "1 groups"
    panel.group_view.setCurrentIndex(panel.groups.index(row, 0))
    assert panel.chart.title == "casualties: 1 group side by side"
