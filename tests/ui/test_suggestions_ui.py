"""Suggestions in the reader: ] steps to them, Enter accepts, Delete dismisses (remembered, undoable)."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from kzt_annotator.core.kinds import Kind
from tests.ui.test_workspace import press


def open_002(make_window, repo):
    win = make_window(repo)
    article_id = next(s.id for s in repo.article_summaries() if s.source_file.startswith("002"))
    win.open_article(article_id)
    win.reader.place_cursor(0)
    return win


def test_suggestions_are_dotted_marks(make_window, corpus_repo):
    win = open_002(make_window, corpus_repo)
    marks = [m for m in win.reader.highlighter.marks() if m.suggestion]
    texts = {win.reader.article.text[m.start : m.end] for m in marks}
    assert "2,500 paratroopers" in texts and "More than 3,000 people" in texts


def test_enter_accepts_and_delete_dismisses(qtbot, make_window, corpus_repo):
    win = open_002(make_window, corpus_repo)
    ws = win.workspace
    while (
        ws.suggestions.get(ws.selected_id or "") is None
        or ws.suggestions[ws.selected_id].text != "2,500 paratroopers"
    ):
        press(qtbot, win.reader, Qt.Key.Key_BracketRight)
    press(qtbot, win.reader, Qt.Key.Key_Return)
    [made] = corpus_repo.annotations()
    assert made.text == "2,500 paratroopers" and made.attributes.value == 2500
    assert made.attributes.quantity == "troops.csto"  # paratroopers sent "to serve as peacekeepers"
    assert win.editor.kind is Kind.FIGURE  # opened for editing
    qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Escape)
    while (
        ws.suggestions.get(ws.selected_id or "") is None
        or ws.suggestions[ws.selected_id].text != "One officer"
    ):
        press(qtbot, win.reader, Qt.Key.Key_BracketRight)
    press(qtbot, win.reader, Qt.Key.Key_Delete)
    assert "One officer" not in {s.text for s in ws.suggestions.values()}
    assert (
        "figure",
        win.reader.article.text.index("One officer"),
        win.reader.article.text.index("One officer") + 11,
    ) in corpus_repo.dismissed_suggestions(win.reader.article.id)
    ws.undo_stack.undo()
    assert "One officer" in {s.text for s in ws.suggestions.values()}


def test_ten_figures_by_keyboard_alone(qtbot, make_window, repo, tmp_path):
    """A keyboard-only session: ten figures, each with ] (next figure suggestion), Enter, a source, Enter."""
    sentences = [
        "Officials said 120 people were detained in Almaty.",
        "More than 3,000 people were arrested, the ministry said.",
        "Up to 15,000 soldiers were sent, according to reports.",
        "At least 18 security officers were killed.",
        "About 4,404 people were detained in total.",
        "The agency said 225 people died in the unrest.",
        "Some 40 people died in Taldykorgan.",
        "Well over 1,000 people were injured.",
        "Police said 26 people were killed overnight.",
        "Nearly 2,500 paratroopers arrived on Friday.",
    ]
    from kzt_annotator.services.importing import import_paths

    (tmp_path / "ten.txt").write_text("A day of figures\n\n" + "\n\n".join(sentences) + "\n")
    import_paths(repo, [tmp_path / "ten.txt"])
    win = make_window(repo)
    win.open_article(1)
    win.reader.place_cursor(0)
    keys = 0
    started = time.perf_counter()
    ws = win.workspace
    for _ in range(10):
        press(qtbot, win.reader, Qt.Key.Key_BracketRight)
        keys += 1
        while (
            ws.suggestions.get(ws.selected_id or "") is None
            or ws.suggestions[ws.selected_id].kind is not Kind.FIGURE
        ):
            press(qtbot, win.reader, Qt.Key.Key_BracketRight)  # skip attribution suggestions
            keys += 1
            assert keys < 200
        press(qtbot, win.reader, Qt.Key.Key_Return)
        field = win.editor.field("figure_source")
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # replace any pre-fill
        qtbot.keyClicks(field, "ministry")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        keys += 3 + len("ministry")
    elapsed = time.perf_counter() - started
    made = repo.annotations()
    assert len(made) == 10
    assert all(a.attributes.value is not None and a.attributes.figure_source == "ministry" for a in made)
    assert keys <= 10 * (4 + len("ministry")) + 10  # about a dozen keystrokes a figure, mostly the name
    assert elapsed < 60


def test_an_accepted_attribution_keeps_its_via(qtbot, make_window, repo):
    from kzt_annotator.core.model import NewArticle

    text = "Interior Minister Erlan Turgumbayev told Reuters that 3,000 people were detained."
    [article], _ = repo.add_articles([NewArticle(text=text, title="T", source_file="t.txt", language="en")])
    win = make_window(repo)
    win.open_article(article.id)
    ws = win.workspace
    ws.wait_for_background()
    qtbot.waitUntil(lambda: any(s.kind is Kind.ATTRIBUTION for s in ws.suggestions.values()))
    suggestion = next(s for s in ws.suggestions.values() if s.kind is Kind.ATTRIBUTION)
    assert ws.accept_suggestion(suggestion)
    assert win.editor.values()["via"] == "Reuters"  # the editor shows it
    qtbot.keyClick(win.editor.field("speaker"), Qt.Key.Key_Return)  # save as proposed
    [made] = [a for a in repo.annotations() if a.kind == Kind.ATTRIBUTION]
    assert (made.attributes.speaker, made.attributes.speaker_role, made.attributes.via) == (
        "Erlan Turgumbayev",
        "Interior Minister",
        "Reuters",
    )
