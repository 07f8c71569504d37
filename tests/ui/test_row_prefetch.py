"""The rows of the text on screen are fetched off the GUI thread before a tag touches them."""

from __future__ import annotations

import threading
import time
import uuid

from kzt_annotator.core.attributes import ClaimAttrs, FigureAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, NewArticle
from kzt_annotator.store.annotation_list import PAGE, AnnotationList


def _span(i: int) -> tuple[str, int, int, str, str]:
    return (f"a{i}", i * 10, i * 10 + 5, "claim", "ann")


def _full(i: int, start: int | None = None) -> Annotation:
    at = i * 10 if start is None else start
    return Annotation(f"a{i}", 1, Kind.CLAIM, at, at + 5, "x", ClaimAttrs(), "ann")


def test_the_list_names_its_unfetched_rows_in_a_range_and_takes_rows_read_elsewhere():
    fetched: list[list[str]] = []
    rows = AnnotationList([_span(i) for i in range(500)], lambda ids: fetched.append(ids) or [])
    assert rows.unfetched_between(100, 150) == ["a10", "a11", "a12", "a13", "a14"]
    assert len(rows.unfetched_between(0, 5000)) == 4 * PAGE  # at most this many at once
    edited = _full(11)
    rows[11] = edited  # an edit made meanwhile holds a full row: it is kept
    taken = rows.supply([_full(10), _full(11), _full(12, start=121), _full(999)])
    assert taken == 1  # a10; not a11 (full already), a12 (moved since), a999 (gone)
    assert rows[10] == _full(10) and rows[11] is edited
    assert rows.unfetched_between(100, 150) == ["a12", "a13", "a14"]
    assert fetched == []  # nothing above went through the list's own fetch


def _article_with_figures(repo, count: int = 400, joint: str = "\n\n", source: str | None = "officials"):
    """An article of `count` sentences joined by `joint` (paragraphs, or one long paragraph), each
    with a figure of detained people tagged, said by `source`."""
    text = joint.join(f"Paragraph {i}: officials said 1{i} people were detained." for i in range(count))
    [article], _ = repo.add_articles([NewArticle(text=text, title="Many", source_file="many.txt")])
    figures, at = [], 0
    for _ in range(count):
        at = text.index("people", at) - 1
        number = text.rindex(" ", 0, at)
        figures.append(
            Annotation(
                str(uuid.uuid4()),
                article.id,
                Kind.FIGURE,
                number + 1,
                at,
                text[number + 1 : at],
                FigureAttrs(quantity="detained", figure_source=source),
                "tester",
            )
        )
        at += 10
    repo.add_annotations(figures)
    return article


def test_a_tag_on_screen_fetches_no_row_on_the_gui_thread(qtbot, make_window, repo, monkeypatch):
    article = _article_with_figures(repo)
    window = make_window(repo)
    window.show()
    window = _window_on(qtbot, lambda _repo: window, repo, article)
    workspace, reader = window.workspace, window.reader
    rows = workspace.model.lazy_rows()
    assert rows is not None
    on_gui: list[int] = []
    fetch = rows._fetch

    def counting(ids):
        if threading.current_thread() is threading.main_thread():
            on_gui.append(len(ids))
        return fetch(ids)

    monkeypatch.setattr(rows, "_fetch", counting)
    text = article.text
    start = text.index("Paragraph 300:")
    reader.place_cursor(start)  # reading brings it into view; the rows follow in the background
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)
    assert workspace.prefetch.supplied > 0

    officials = text.index("officials", start)
    reader.select_span(officials, officials + 9)
    assert workspace.tag(Kind.FIGURE)
    assert window.editor.field("figure_source").text() == "officials"  # from the figure before it
    window.editor.submit()
    window.annotation_view.viewport().repaint()  # the table paints the rows around the new one
    assert on_gui == []

    # far away, before the view has settled: the row is fetched where it is needed, as before
    far = text.index("Paragraph 200:")
    reader.place_cursor(far)
    row = workspace.model.rows_before(far, Kind.FIGURE, 1)[0]
    assert workspace.model.annotation_at(row).attributes.quantity == "detained"
    assert on_gui == [PAGE]


def _slow_fetch(rows, monkeypatch, seconds: float = 0.4):
    """Make the list's fetch slow, and say when a read off the GUI thread started and ended."""
    fetch = rows._fetch
    seen = {"started": threading.Event(), "ended": threading.Event()}

    def slow(ids):
        if threading.current_thread() is not threading.main_thread():
            seen["started"].set()
            time.sleep(seconds)
            try:
                return fetch(ids)
            finally:
                seen["ended"].set()
        return fetch(ids)

    monkeypatch.setattr(rows, "_fetch", slow)
    return seen


def _window_on(qtbot, make_window, repo, article, settle: bool = True):
    """A window showing `article`, once its reads are done (unless not `settle`)."""
    window = make_window(repo)
    window.resize(1200, 800)
    window.open_article(article.id)
    if settle:
        qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=10_000)
    return window


def _fetch_under_way(qtbot, window, article, monkeypatch) -> dict[str, threading.Event]:
    """Scroll to paragraph 300 and return once the (slowed) fetch of its rows has started."""
    seen = _slow_fetch(window.workspace.model.lazy_rows(), monkeypatch)
    window.reader.place_cursor(article.text.index("Paragraph 300:"))
    qtbot.waitUntil(seen["started"].is_set, timeout=10_000)
    return seen


def test_closing_the_window_waits_for_a_fetch_of_the_rows_on_screen(qtbot, make_window, repo, monkeypatch):
    article = _article_with_figures(repo)
    window = _window_on(qtbot, make_window, repo, article)
    workspace = window.workspace
    seen = _fetch_under_way(qtbot, window, article, monkeypatch)
    applied = workspace.prefetch.loader.applied
    window.close()
    assert seen["ended"].is_set()  # no read of the window's project outlives it
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=1_000)
    assert workspace.prefetch.loader.applied == applied  # and what it read is not applied


def test_a_closed_window_starts_no_fetch(qtbot, make_window, repo):
    article = _article_with_figures(repo)
    window = _window_on(qtbot, make_window, repo, article, settle=False)  # its fetch is due
    window.close()
    qtbot.wait(100)
    assert workspace_idle(window)


def workspace_idle(window) -> bool:
    prefetch = window.workspace.prefetch
    return not prefetch._timer.isActive() and not prefetch.loader.busy and prefetch.loader.applied == 0


def test_switching_projects_waits_for_a_fetch_of_the_old_project(
    qtbot, make_window, repo, tmp_path, monkeypatch
):
    article = _article_with_figures(repo)
    window = _window_on(qtbot, make_window, repo, article)
    seen = _fetch_under_way(qtbot, window, article, monkeypatch)
    closed: list[bool] = []
    monkeypatch.setattr(repo, "close", lambda: closed.append(seen["ended"].is_set()))
    assert window.switch_project(str(tmp_path / "other.sqlite"))
    assert closed == [True]  # the old project closed only once its reads had finished


def test_the_rows_fetched_ahead_are_those_on_screen_in_an_article_of_one_long_paragraph(
    qtbot, make_window, repo
):
    # text pasted or imported without line breaks: the whole article is one paragraph (one block)
    article = _article_with_figures(repo, 3000, joint=" ", source=None)
    text = article.text
    window = _window_on(qtbot, make_window, repo, article)
    workspace, reader = window.workspace, window.reader
    middle = text.index("Paragraph 2000:")
    reader.place_cursor(middle)
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)
    start, end = reader.visible_span()
    assert start <= middle <= end < start + 20_000  # what the viewport shows, not the whole paragraph
    assert workspace.model.lazy_rows().unfetched_between(start, end) == []


def _held_fetch(rows, monkeypatch):
    """The list's fetch off the GUI thread reads at once, then holds its result until released."""
    fetch = rows._fetch
    state = {"read": threading.Event(), "release": threading.Event()}

    def held(ids):
        found = fetch(ids)
        if threading.current_thread() is not threading.main_thread():
            state["read"].set()
            state["release"].wait(10)
        return found

    monkeypatch.setattr(rows, "_fetch", held)
    return state


def test_rows_read_before_an_edit_do_not_replace_the_edit(qtbot, make_window, repo, db_path, monkeypatch):
    from dataclasses import replace

    from kzt_annotator.store.repository import open_repository

    article = _article_with_figures(repo)
    window = _window_on(qtbot, make_window, repo, article)
    workspace = window.workspace
    rows = workspace.model.lazy_rows()
    state = _held_fetch(rows, monkeypatch)
    at = article.text.index("Paragraph 300:")
    window.reader.place_cursor(at)
    qtbot.waitUntil(state["read"].is_set, timeout=10_000)
    ids = rows.unfetched_between(at, at + 200)
    assert len(ids) >= 2  # read, not yet handed over

    # one edited here (undo, redo), one by another program on the same file
    here, there = repo.annotation(ids[0]), repo.annotation(ids[1])
    workspace.select_annotation(here.id)
    assert workspace.edit_selected()
    values = dict(window.editor.values())
    values["quantity"] = "hostages"
    window.editor.submitted.emit(values, "", [])
    window.flush_refresh()  # the window's own fingerprint taken: the next change is another's
    other = open_repository(db_path)
    try:
        other.update_annotation(replace(there, attributes=replace(there.attributes, quantity="wounded")))
    finally:
        other.close()
    try:
        assert window.pick_up_outside_changes()
    finally:
        state["release"].set()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=10_000)

    def quantity(ident):
        return workspace.model.annotation_at(workspace.model.row_of(ident)).attributes.quantity

    assert quantity(here.id) == "hostages" and quantity(there.id) == "wounded"
    workspace.undo_stack.undo()
    assert quantity(here.id) == "detained"
    workspace.undo_stack.redo()
    assert quantity(here.id) == "hostages"
