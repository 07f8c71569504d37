"""The editor and the keyboard: field order by use, Enter in a completion list, Esc after
accepting a suggestion, Tab through every panel, ten figures in a few keys each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLineEdit

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services.annotating import annotate, new_annotation
from kzt_annotator.services.schema_admin import add_kind
from tests.ui.test_workspace import press


def open_article(make_window, repo, prefix: str):
    win = make_window(repo)
    article_id = next(s.id for s in repo.article_summaries() if s.source_file.startswith(prefix))
    win.open_article(article_id)
    win.reader.place_cursor(0)
    return win


def test_the_figure_form_asks_for_quantity_value_qualifier_and_source_first(qtbot, make_window, corpus_repo):
    win = open_article(make_window, corpus_repo, "001")
    text = win.reader.article.text
    start = text.index("up to 15,000 soldiers")
    win.reader.select_span(start, start + len("up to 15,000 soldiers"))
    press(qtbot, win.reader, Qt.Key.Key_3)
    order = [win.editor.field(n) for n in win.editor.values()]
    names = [w.objectName().removeprefix("attr_") for w in order]
    assert names[:4] == ["quantity", "value", "qualifier", "figure_source"]
    # Tab goes through them in that order, starting at the quantity
    assert QApplication.focusWidget() is win.editor.field("quantity")
    for name in names[1:4]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is win.editor.field(name)


def test_enter_in_a_completion_list_only_completes(qtbot, make_window, corpus_repo):
    article = corpus_repo.article(1)
    annotate(corpus_repo, new_annotation(article, Kind.FIGURE, 0, 5, "tester", {"quantity": "detained"}))
    win = open_article(make_window, corpus_repo, "002")
    text = win.reader.article.text
    start = text.index("2,500 paratroopers")
    win.reader.select_span(start, start + len("2,500 paratroopers"))
    press(qtbot, win.reader, Qt.Key.Key_3)
    field = win.editor.field("quantity")
    assert isinstance(field, QLineEdit)
    field.clear()
    qtbot.keyClicks(field, "deta")
    popup = field.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "detained"
    assert win.editor.kind == Kind.FIGURE  # still open: nothing saved yet
    assert len(corpus_repo.annotations()) == 1
    qtbot.keyClick(field, Qt.Key.Key_Return)  # now Enter saves
    assert win.editor.kind is None and len(corpus_repo.annotations()) == 2


def _step_to(qtbot, win, text: str) -> None:
    ws = win.workspace
    for _ in range(60):
        found = ws.suggestions.get(ws.selected_id or "")
        if found is not None and found.text == text:
            return
        press(qtbot, win.reader, Qt.Key.Key_BracketRight)
    raise AssertionError(f"no suggestion {text!r}")


def test_escape_after_accepting_a_suggestion_takes_it_back(qtbot, make_window, corpus_repo):
    win = open_article(make_window, corpus_repo, "002")
    _step_to(qtbot, win, "2,500 paratroopers")
    press(qtbot, win.reader, Qt.Key.Key_Return)
    assert len(corpus_repo.annotations()) == 1 and win.editor.kind == Kind.FIGURE
    qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Escape)
    assert corpus_repo.annotations() == []
    assert win.editor.kind is None
    qtbot.waitUntil(lambda: "2,500 paratroopers" in {s.text for s in win.workspace.suggestions.values()})
    # accepted and saved: Esc later (editing again) does not undo it
    _step_to(qtbot, win, "2,500 paratroopers")
    press(qtbot, win.reader, Qt.Key.Key_Return)
    qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Return)
    press(qtbot, win.reader, Qt.Key.Key_Return)  # edit it again
    qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Escape)
    assert len(corpus_repo.annotations()) == 1


def _dock_of(widget, win) -> str:
    while widget is not None:
        if widget is win.reader:
            return "reader"
        if isinstance(widget, QDockWidget):
            return widget.windowTitle()
        widget = widget.parentWidget()
    return "?"


def _walk(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier, steps=80) -> list[str]:
    seen = []
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        seen.append(_dock_of(QApplication.focusWidget(), win))
        if seen[-1] == "reader":
            break
    return seen


def test_tab_and_shift_tab_from_the_reader_reach_every_panel(qtbot, make_window, corpus_repo):
    win = open_article(make_window, corpus_repo, "002")
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    panels = {"Articles", "Annotations", "Discrepancies"}
    for key, modifier in (
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier),
    ):
        win.reader.setFocus()
        seen = _walk(qtbot, win, key, modifier)
        assert seen[-1] == "reader", f"{key} did not come back to the reader: {seen}"
        assert panels <= set(seen), seen
    win.review_dock.raise_()  # a tabbed-away panel joins the chain when shown
    win.reader.setFocus()
    assert "Review" in _walk(qtbot, win, Qt.Key.Key_Tab)


def test_ten_figures_with_prefilled_sources_take_under_ten_keys_each(qtbot, make_window, repo, tmp_path):
    """A keyboard-only session over ten figures: ] to the figure, Enter accepts (value, qualifier,
    quantity and source pre-filled: the sentence's speaker, else the figure before), Enter saves."""
    sentences = [
        "The Interior Ministry said 120 people were detained in Almaty.",
        "More than 3,000 people were arrested on Friday.",
        "Up to 15,000 soldiers were sent, according to the CSTO.",
        "At least 18 security officers were killed.",
        "About 4,404 people were detained in total.",
        "The Health Ministry said 225 people died in the unrest.",
        "Some 40 people died in Taldykorgan.",
        "Well over 1,000 people were injured.",
        "Police said 26 people were killed overnight.",
        "Nearly 2,500 paratroopers arrived.",
    ]
    from kzt_annotator.services.importing import import_paths

    (tmp_path / "ten.txt").write_text("A day of figures\n\n" + "\n\n".join(sentences) + "\n")
    import_paths(repo, [tmp_path / "ten.txt"])
    win = open_article(make_window, repo, "ten")
    ws = win.workspace
    per_figure = []
    for _ in range(10):
        keys = 0
        while True:
            press(qtbot, win.reader, Qt.Key.Key_BracketRight)
            keys += 1
            found = ws.suggestions.get(ws.selected_id or "")
            if found is not None and found.kind == Kind.FIGURE:
                break
            assert keys < 20
        press(qtbot, win.reader, Qt.Key.Key_Return)  # accept: the editor opens pre-filled
        qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Return)  # save
        per_figure.append(keys + 2)
    made = sorted(repo.annotations(), key=lambda a: a.start)
    print(f"\nten figures by keyboard: keys per figure {per_figure}")
    assert len(made) == 10 and max(per_figure) < 10, per_figure
    sources = [a.attributes.figure_source for a in made]
    # the sentence's speaker where it names one (as the suggester reads it), else the figure before's
    assert all(sources) and sources[0] == "Interior Ministry" and sources[2] == "CSTO"
    assert sources[1] == sources[0] and sources[3] == sources[4] == sources[2]
    assert sources[8] == sources[9] == "Police" and sources[6] == sources[7] == sources[5]
    assert all(a.attributes.value is not None for a in made)


def test_a_tagged_figure_takes_its_own_sentences_speaker_as_its_source(qtbot, make_window, repo, tmp_path):
    """Selecting a figure and pressing 3 pre-fills the source the attribution suggestions name
    for its sentence ("according to X", "X said" after the figure), before falling back to the
    source of the figure tagged just before it."""
    from kzt_annotator.core.suggest import suggest_attributions
    from kzt_annotator.services.importing import import_paths

    text = (
        "Floods\n\nAt least 300 homes were flooded, the mayor said. Roads stayed shut for 4 days.\n\n"
        "Twelve people were hurt, the governor's office said. Three people died, according to the "
        "regional police.\n"
    )
    (tmp_path / "floods.txt").write_text(text)
    import_paths(repo, [tmp_path / "floods.txt"])
    win = open_article(make_window, repo, "floods")

    def tag(phrase: str) -> str:
        start = win.reader.article.text.index(phrase)
        win.reader.select_span(start, start + len(phrase))
        press(qtbot, win.reader, Qt.Key.Key_3)
        source = win.editor.field("figure_source").text()
        qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Return)
        return source

    assert tag("At least 300 homes") == "mayor"  # it was empty
    assert tag("4 days") == "mayor"  # no speaker in its sentence: the figure tagged before it
    assert tag("Twelve people") == "governor's office"
    assert tag("Three people") == "regional police"  # it was the figure before's source
    speakers = {s.text: s.attributes.speaker for s in suggest_attributions(win.reader.article.text)}
    assert speakers["At least 300 homes were flooded"] == "mayor"  # as the suggestions name them
    assert speakers["Three people died"] == "regional police"


def test_a_project_kind_is_tagged_with_its_key_and_its_form(qtbot, make_window, corpus_repo):
    win = open_article(make_window, corpus_repo, "002")
    _spec, changes = add_kind(corpus_repo, "frame", ["frame_type:category=economic,security,political"])
    win.on_changes(changes)
    win.flush_refresh()
    columns = win.article_model.columns
    assert columns[3:7] == ("Claims", "Attrib.", "Figures", "Frame") and columns[-1] == "Copies"
    action = win.actions_by_name["tag_frame"]
    assert action.shortcut().toString() == "4"
    text = win.reader.article.text
    start = text.index("2,500 paratroopers")
    win.reader.select_span(start, start + len("2,500 paratroopers"))
    press(qtbot, win.reader, Qt.Key.Key_4)
    assert win.editor.kind == "frame"
    win.editor.field("frame_type").setCurrentText("security")
    qtbot.keyClick(win.editor.field("frame_type"), Qt.Key.Key_Return)
    [made] = corpus_repo.annotations()
    assert made.kind == "frame" and made.attributes.frame_type == "security"
    win.flush_refresh()
    row = win.article_model.row_of(made.article_id)
    assert win.article_model.index(row, columns.index("Frame")).data() == 1


def test_relations_show_in_the_editor_and_the_status_bar(qtbot, make_window, corpus_repo):
    article = corpus_repo.article(2)
    claim = annotate(corpus_repo, new_annotation(article, Kind.CLAIM, 0, 10, "tester"))
    speaker = annotate(
        corpus_repo, new_annotation(article, Kind.ATTRIBUTION, 20, 30, "tester", linked_ids=(claim.id,))
    )
    win = make_window(corpus_repo)
    win.open_article(2)
    win.workspace.select_annotation(speaker.id)
    assert "supports → claim" in win.statusBar().currentMessage()
    win.workspace.edit_selected()
    assert win.editor.relations_text().startswith("supports → claim “")
    win.workspace.select_annotation(claim.id)
    assert "← supports: attribution" in win.statusBar().currentMessage()


def test_the_shortcut_list_names_stable_actions_and_the_review_keys(qtbot, make_window, corpus_repo):
    from kzt_annotator.ui.actions import shortcut_rows

    win = open_article(make_window, corpus_repo, "001")
    text = win.reader.article.text
    start = text.index("up to 15,000 soldiers")
    win.reader.select_span(start, start + len("up to 15,000 soldiers"))
    press(qtbot, win.reader, Qt.Key.Key_3)
    qtbot.keyClick(win.editor.field("quantity"), Qt.Key.Key_Return)  # the undo text now names an edit
    rows = dict((what, keys) for keys, what in shortcut_rows(win))
    assert rows["Undo"] == "Ctrl+Z" and rows["Export annotations as CSV…"] == "Ctrl+E"
    assert not any(what.startswith("Undo ") or what == "CSV…" for what in rows)
    review = {keys: what for keys, what in shortcut_rows(win) if what.startswith("Review queue")}
    assert review == {
        "A": "Review queue: accept",
        "R": "Review queue: reject",
        "C": "Review queue: take into curated layer",
        "J": "Review queue: next",
        "K": "Review queue: previous",
    }
