"""A long article paints its text first; its annotations are read off the GUI thread and follow."""

from __future__ import annotations

import uuid

from kzt_annotator.core.attributes import ClaimAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, NewArticle
from kzt_annotator.ui.colours import kind_colour
from kzt_annotator.ui.suggestion_loader import BACKGROUND_FROM
from tests.ui.test_highlighting import backgrounds_at


def long_article(repo, paragraphs: int = 1200):
    text = "\n\n".join(f"Paragraph {i}: officials said the talks went on." for i in range(paragraphs))
    assert len(text) >= BACKGROUND_FROM
    [article], _ = repo.add_articles([NewArticle(text=text, title="Long", source_file="long.txt")])
    claims = [
        Annotation(
            str(uuid.uuid4()), article.id, Kind.CLAIM, at, at + 14, "officials said", ClaimAttrs(), "tester"
        )
        for at in (text.index("officials said"), text.rindex("officials said"))
    ]
    repo.add_annotations(claims)
    return article, claims


def test_the_text_shows_at_once_and_the_annotations_follow(qtbot, make_window, repo):
    article, claims = long_article(repo)
    window = make_window(repo)
    window.open_article(article.id)
    workspace, reader = window.workspace, window.reader
    assert reader.toPlainText() == article.text  # painted with the text before any annotation is read
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)
    assert [a.id for a in workspace.model.annotations()] == [c.id for c in claims]
    claim = kind_colour(Kind.CLAIM, 90).name()
    qtbot.waitUntil(lambda: claim in backgrounds_at(reader, claims[0].start), timeout=3000)


def test_using_the_annotations_before_they_arrive_waits_for_them(qtbot, make_window, repo):
    article, claims = long_article(repo)
    window = make_window(repo)
    window.open_article(article.id)
    window.workspace.select_annotation(claims[1].id)  # e.g. a jump from the review queue
    assert window.workspace.selected_annotation().id == claims[1].id
    assert window.annotation_view.currentIndex().row() == 1


def test_a_stale_read_is_dropped_when_another_article_opens(qtbot, make_window, repo):
    article, _claims = long_article(repo)
    [short], _ = repo.add_articles([NewArticle(text="A short one.", title="Short", source_file="s.txt")])
    window = make_window(repo)
    window.open_article(article.id)
    window.open_article(short.id)
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=10_000)
    qtbot.wait(50)
    assert window.workspace.article.id == short.id
    assert window.workspace.annotations() == []


def test_the_first_rows_are_fetched_by_the_worker_not_by_the_tables_first_paint(qtbot, make_window, repo):
    """What the worker delivers has the table's first page fetched, so a paint on the GUI thread
    reads no annotation row; while the window is open a waiting GUI thread gets the interpreter
    lock within 0.5 ms."""
    import sys

    from kzt_annotator.services.project import Project
    from kzt_annotator.ui.annotation_loader import read_annotations
    from kzt_annotator.ui.main_window import GUI_SWITCH_INTERVAL

    article, claims = long_article(repo)
    window = make_window(repo)
    assert sys.getswitchinterval() == GUI_SWITCH_INTERVAL
    loaded = read_annotations(window.repo, article.id, frozenset())
    assert isinstance(window.repo, Project)
    assert all(isinstance(item, Annotation) for item in loaded.rows._items)


def test_setting_a_long_text_asks_the_highlighter_only_for_blocks_on_screen(
    qtbot, make_window, repo, monkeypatch
):
    """Qt would ask for every block as the text is set (a Python call each); only the screenful
    is drawn, the rest waits until it scrolls into view, and the last claim is drawn there."""
    from kzt_annotator.ui.highlighter import ArticleHighlighter

    article, claims = long_article(repo)
    window = make_window(repo)
    asked: list[int] = []
    original = ArticleHighlighter.highlightBlock

    def counting(self, text: str) -> None:
        asked.append(self.currentBlock().blockNumber())
        original(self, text)

    monkeypatch.setattr(ArticleHighlighter, "highlightBlock", counting)
    window.open_article(article.id)
    reader = window.reader
    blocks = reader.document().blockCount()
    assert blocks > 2000
    assert 0 < len(asked) < 100  # the blocks on screen, not every block
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=10_000)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.maximum())
    claim = kind_colour(Kind.CLAIM, 90).name()
    qtbot.waitUntil(lambda: claim in backgrounds_at(reader, claims[1].start), timeout=3000)


def test_opening_long_articles_one_after_another_sets_off_no_full_garbage_collection(
    qtbot, make_window, repo
):
    """Each full collection walked every live object with the GUI thread stopped (50-185 ms
    after a long open) and freed nothing; what an open builds is kept out of them."""
    import gc

    articles = []
    for n in range(2):
        text = "\n\n".join(f"Paragraph {i}: {n} officials said the talks went on." for i in range(1500))
        [article], _ = repo.add_articles([NewArticle(text=text, title=f"Long {n}", source_file=f"l{n}.txt")])
        repo.add_annotations(
            [
                Annotation(
                    str(uuid.uuid4()),
                    article.id,
                    Kind.CLAIM,
                    at,
                    at + 9,
                    text[at : at + 9],
                    ClaimAttrs(),
                    "t",
                )
                for at in range(0, len(text) - 20, 15)
            ]
        )
        articles.append(article)
    window = make_window(repo)
    full: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    def open_and_wait(article) -> None:
        window.open_article(article.id)
        qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=20_000)
        qtbot.wait(20)

    open_and_wait(articles[0])
    open_and_wait(articles[1])
    gc.callbacks.append(count)
    try:
        for article in articles * 3:
            open_and_wait(article)
    finally:
        gc.callbacks.remove(count)
    assert len(window.workspace.model.annotations()) > 5000
    assert full == []
