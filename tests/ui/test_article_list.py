"""The article list keeps compact rows (no full summaries read), and still sorts, filters and
updates one row from a change record."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import ArticleLine, NewArticle
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.metadata import edit_metadata

OUTLETS = ("Reuters", "Al Jazeera", None, "BBC")


def _articles(repo, count: int = 40) -> None:
    repo.add_articles(
        [
            NewArticle(
                text=f"Text of article {i}: {'x' * i}.",
                title=f"Unrest in the capital, report {count - i:03d}",
                source_file=f"/data/wires/{i:06d}.txt",
                outlet=OUTLETS[i % len(OUTLETS)],
            )
            for i in range(count)
        ]
    )


def _deep_size(line: ArticleLine, shared: set[int]) -> int:
    """Bytes of a line and of what only it holds (small ints, None and shared tuples not counted)."""
    size = sys.getsizeof(line)
    for value in line:
        if id(value) in shared or value is None or (isinstance(value, int) and -5 <= value <= 256):
            continue
        size += sys.getsizeof(value)
    return size


def test_the_list_keeps_compact_lines_and_reads_no_full_summaries(qtbot, repo, make_window, monkeypatch):
    _articles(repo)
    summaries: list[object] = []
    full = repo.article_summaries
    monkeypatch.setattr(repo, "article_summaries", lambda *a, **kw: (summaries.append(a), full(*a, **kw))[1])
    window = make_window(repo)
    window.flush_refresh()
    model = window.article_model
    assert model.rowCount() == 40 and summaries == []
    rows = [model.line(i) for i in model.article_ids()]
    assert all(type(row) is ArticleLine for row in rows)
    shared = {id(rows[0].counts), id(rows[0].variables)}
    assert len({id(row.counts) for row in rows}) == 1  # no annotations: one zero-counts tuple for all
    # what one article costs the list: the tuple and its title (not 0.9 kB, nor 0.4 kB with the
    # file name and length the tooltip shows: those are read when it is asked for)
    assert max(_deep_size(row, shared) for row in rows) < 300
    outlets = {id(row.outlet) for row in rows if row.outlet == "Reuters"}
    assert len(outlets) == 1  # one string for every article of an outlet


def test_the_tooltip_reads_file_length_and_memo_of_its_article(qtbot, repo, make_window):
    _articles(repo, count=3)
    first = repo.article_lines()[0][0].id
    edit_metadata(repo, [first], {"memo": "check the date"}, {})
    window = make_window(repo)
    window.flush_refresh()
    model = window.article_model
    tip = model.index(model.row_of(first), 0).data(Qt.ItemDataRole.ToolTipRole)
    article = repo.article(first)
    assert tip.splitlines() == [
        article.title,
        f"Reuters · {article.source_file} · {len(article.text)} characters",
        "check the date",
    ]


def test_sorting_filtering_and_one_row_update_still_work(qtbot, repo, make_window):
    _articles(repo, count=12)
    window = make_window(repo)
    window.flush_refresh()
    model, proxy = window.article_model, window.article_proxy
    titles = [model.line(i).title for i in model.article_ids()]
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.line(i).title for i in model.article_ids()] == sorted(titles)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    outlets = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert outlets == sorted(outlets, key=str.casefold) and "unknown outlet" in outlets
    unknown = outlets.index("unknown outlet")
    assert model.index(unknown, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed

    proxy.setFilterFixedString("report 003")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "Unrest in the capital, report 003"
    proxy.setFilterFixedString("")

    figures = model.columns.index("Figures")
    target = model.article_ids()[4]
    saved = repo.add_annotation(new_annotation(repo.article(target), Kind.FIGURE, 0, 4, "bench"))
    window.on_changes(Changes(articles=frozenset({target}), annotations=frozenset({saved.id})))
    window.flush_refresh()
    assert model.index(model.row_of(target), figures).data() == 1
    proxy.sort(figures, Qt.SortOrder.DescendingOrder)
    assert model.article_ids()[0] == target


def test_the_review_queue_keeps_titles_of_its_own_articles_only(qtbot, repo, make_window):
    _articles(repo, count=12)
    ids = [line.id for line in repo.article_lines()[0]]
    first = repo.add_annotation(new_annotation(repo.article(ids[2]), Kind.FIGURE, 0, 4, "alice"))
    window = make_window(repo, annotator="rev")
    window.refresh_review()
    window.flush_refresh()
    model = window.review_panel.model
    assert [a.id for a in model.rows] == [first.id]
    assert model.titles == {ids[2]: repo.article(ids[2]).title}  # not all twelve
    # a new item in another article arrives by a change record: its row shows its article's title
    later = repo.add_annotation(new_annotation(repo.article(ids[7]), Kind.CLAIM, 0, 4, "alice"))
    window.on_changes(Changes(articles=frozenset({ids[7]}), annotations=frozenset({later.id})))
    window.flush_refresh()
    row = model.row_of(later.id)
    assert row >= 0 and model.index(row, 0).data() == repo.article(ids[7]).title
