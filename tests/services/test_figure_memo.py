"""Groups and report pages are worked out again only when what they are made from was read changed."""

from __future__ import annotations

from kzt_annotator.services import annotating
from kzt_annotator.services.figures import discrepancy_labels, figure_groups, group_page
from kzt_annotator.services.memo import Memo
from tests.figures_fixture import article_for, tag_corpus_figures


def test_equal_reads_give_the_same_groups_and_a_change_gives_new_ones(corpus_repo):
    tag_corpus_figures(corpus_repo)
    memo = Memo()
    first = figure_groups(corpus_repo, memo=memo)
    again = figure_groups(corpus_repo, memo=memo)
    assert memo.made == 1
    assert [g for g in again if not g.children] == [g for g in first if not g.children]
    assert all(a is b for a, b in zip(again, first, strict=True) if not a.children)  # the same objects
    assert again == figure_groups(corpus_repo)  # what a read without the memo gives
    figure_groups(corpus_repo, memo=memo, by_date=True)  # other options: worked out
    assert memo.made == 2
    article = article_for(corpus_repo, "003")
    attrs = {"quantity": "troops", "value": "900"}
    annotating.annotate(corpus_repo, annotating.new_annotation(article, "figure", 0, 4, "tester", attrs))
    changed = figure_groups(corpus_repo, memo=memo)
    assert memo.made == 3 and changed == figure_groups(corpus_repo)
    assert next(g for g in changed if g.quantity == "troops").count == 4
    figure_groups(corpus_repo, memo=memo, quantities=frozenset({"troops"}))  # a partial reload
    assert memo.made == 3  # neither uses nor replaces it


def test_equal_reads_give_the_same_page(corpus_repo):
    tag_corpus_figures(corpus_repo)
    groups = figure_groups(corpus_repo)
    troops = next(g for g in groups if g.quantity == "troops")
    labels = discrepancy_labels(corpus_repo)
    memo = Memo()
    page = group_page(corpus_repo, troops, labels, memo=memo)
    assert group_page(corpus_repo, troops, labels, memo=memo) is page and memo.made == 1
    assert page == group_page(corpus_repo, troops, labels)
    assert group_page(corpus_repo, troops, labels, memo=memo, every_annotator=True) is not page
    renamed = {i: (f"{outlet}!", title) for i, (outlet, title) in labels.items()}  # labels count too
    assert group_page(corpus_repo, troops, renamed, memo=memo)[0][0].outlet.endswith("!")
