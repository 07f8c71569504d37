"""A long article's suggestions are looked for while its annotations are read, then filtered by
them: the same suggestions as found in one go, and a dropped search delivers nothing."""

from __future__ import annotations

import time
import uuid

from kzt_annotator.core.attributes import FigureAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, NewArticle
from kzt_annotator.services.suggestions import suggestions_for
from kzt_annotator.ui.suggestion_loader import BACKGROUND_FROM


def long_article(repo, paragraphs: int = 1200):
    text = "\n\n".join(
        f"Paragraph {i}: the ministry said {i + 2} people were detained in Almaty." for i in range(paragraphs)
    )
    assert len(text) >= BACKGROUND_FROM
    [article], _ = repo.add_articles([NewArticle(text=text, title="Long", source_file="long.txt")])
    at = text.index("5 people")  # a figure already tagged: not suggested again
    repo.add_annotation(
        Annotation(
            str(uuid.uuid4()), article.id, Kind.FIGURE, at, at + 8, "5 people", FigureAttrs(), "tester"
        )
    )
    gone = text.index("7 people")  # a figure dismissed: not suggested again
    repo.dismiss_suggestion(article.id, str(Kind.FIGURE), gone, gone + 8, "tester")
    return repo.article(article.id), at, gone


def test_the_suggestions_are_those_found_in_one_go(qtbot, make_window, repo):
    article, tagged, dismissed = long_article(repo)
    window = make_window(repo)
    window.open_article(article.id)
    workspace = window.workspace
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=30_000)
    expected = suggestions_for(repo, article)
    assert len(expected) > 1000
    assert sorted(workspace.suggestions.values(), key=lambda s: (s.start, s.end)) == expected
    assert not {s.start for s in expected if s.kind is Kind.FIGURE} & {tagged, dismissed}


def test_opening_another_article_drops_the_search_for_the_first(qtbot, make_window, repo):
    article, _tagged, _dismissed = long_article(repo)
    text = "The ministry said 12 people were detained."
    [short], _ = repo.add_articles([NewArticle(text=text, title="Short", source_file="s.txt")])
    window = make_window(repo)
    workspace = window.workspace
    arrived = []
    workspace.suggestion_loader.arrived.connect(lambda article_id, *_rest: arrived.append(article_id))
    window.open_article(article.id)
    window.open_article(short.id)  # before the long article's annotations arrived
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=30_000)
    qtbot.wait(50)
    assert arrived == []  # the long article's search delivered nothing
    assert [s.text for s in workspace.suggestions.values() if s.kind is Kind.FIGURE] == ["12 people"]


def test_hiding_suggestions_before_the_annotations_arrive_leaves_no_search_waiting(qtbot, make_window, repo):
    article, _tagged, _dismissed = long_article(repo)
    window = make_window(repo)
    workspace = window.workspace
    window.open_article(article.id)
    workspace.set_show_suggestions(False)
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=30_000)
    assert workspace.suggestions == {}


def test_closing_while_the_annotations_are_read_does_not_wait_for_the_search(qtbot, make_window, repo):
    article, _tagged, _dismissed = long_article(repo)
    window = make_window(repo)
    window.open_article(article.id)
    started = time.perf_counter()
    window.close()  # the read is finished and handed over, the search completes: no waiting for a timeout
    assert time.perf_counter() - started < 10
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=5000)


def test_a_search_whose_annotations_never_come_is_dropped_when_the_loader_waits(qtbot, make_window, repo):
    article, _tagged, _dismissed = long_article(repo)
    window = make_window(repo)
    loader = window.workspace.suggestion_loader
    arrived = []
    loader.arrived.connect(lambda article_id, *_rest: arrived.append(article_id))
    loader.prepare(article)  # as on opening, but no annotations will be handed over
    started = time.perf_counter()
    loader.wait()
    assert time.perf_counter() - started < 10
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=5000)
    assert arrived == []
