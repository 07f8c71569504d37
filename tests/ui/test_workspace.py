"""The real main window driven offscreen: import, select, press 3, fill, Enter, undo, redo, restart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.kinds import Kind, Qualifier
from kzt_annotator.store.repository import AnnotationFilter, open_repository
from tests.conftest import CORPUS


def import_corpus(qtbot, window, paths=None):
    job = window.start_import(paths or [CORPUS])
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass
    if window.last_import.imported:  # the article list reloads off the GUI thread, then shows the reader
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.reader, timeout=10_000)
    return window.last_import


def press(qtbot, widget, key):
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    widget.setFocus()
    qtbot.keyClick(widget, key)
    qtbot.wait(1)  # let deferred refreshes run, as the event loop would


def open_and_press(qtbot, window, article_id: int, phrase: str, key) -> int:
    """Open an article, select `phrase` in it and press `key` (1 claim, 2 attribution, 3 figure);
    returns where the phrase starts."""
    window.open_article(article_id)
    start = window.reader.article.text.index(phrase)
    window.reader.select_span(start, start + len(phrase))
    press(qtbot, window.reader, key)
    return start


def tag_with_keyboard(qtbot, window, phrase: str, key, fill: dict[str, str]):
    text = window.reader.article.text
    start = text.index(phrase)
    window.reader.select_span(start, start + len(phrase))
    press(qtbot, window.reader, key)
    editor = window.editor
    assert editor.kind is not None, "the attribute editor did not open"
    for name, value in fill.items():
        field = editor.field(name)
        if hasattr(field, "setCurrentText") and not hasattr(field, "setText"):
            field.setCurrentText(value)
        else:
            field.clear()
            qtbot.keyClicks(field, value)
    qtbot.keyClick(editor.field(next(iter(fill))) if fill else editor.note_field(), Qt.Key.Key_Return)
    return start, start + len(phrase)


def test_first_run_shows_the_welcome_page(make_window, repo):
    window = make_window(repo)
    assert window.stack.currentWidget() is window.welcome
    assert "Import articles…" in [b.text() for b in window.welcome.buttons]


def test_tag_a_figure_with_the_keyboard_undo_redo_restart(qtbot, make_window, db_path, repo):
    window = make_window(repo)
    report = import_corpus(qtbot, window)
    assert len(report.imported) == 5
    assert window.stack.currentWidget() is window.reader
    window.open_article(2)
    start, end = tag_with_keyboard(
        qtbot,
        window,
        "up to 15,000 soldiers",
        Qt.Key.Key_3,
        {"quantity": "troops", "figure_source": "unconfirmed reports"},
    )
    # Value, qualifier and unit were pre-filled from the selected words.
    [saved] = repo.annotations(AnnotationFilter(article_id=2))
    assert (saved.kind, saved.start, saved.end, saved.text) == (
        Kind.FIGURE,
        start,
        end,
        "up to 15,000 soldiers",
    )
    assert saved.attributes.value == 15000 and saved.attributes.qualifier is Qualifier.UP_TO
    assert saved.attributes.unit == "soldiers" and saved.attributes.quantity == "troops"
    assert saved.attributes.figure_source == "unconfirmed reports"
    assert window.annotation_view.model().rowCount() == 1

    window.workspace.undo_stack.undo()
    assert repo.annotations() == []
    window.workspace.undo_stack.redo()
    [again] = repo.annotations()
    assert again.id == saved.id and again.attributes == saved.attributes

    window.close()
    reopened = open_repository(db_path)
    try:
        second = make_window(reopened)
        second.open_article(2)
        assert [a.id for a in second.workspace.annotations()] == [saved.id]
    finally:
        reopened.close()


def test_emoji_article_offsets_survive_the_round_trip(qtbot, make_window, repo, tmp_path):
    text = "Pay 😀 rose 𝟐𝟎 percent\n\nOfficials 🪖 said more than 3,000 people were detained 🙂 on Friday.\n"
    (tmp_path / "emoji.txt").write_text(text, encoding="utf-8")
    window = make_window(repo)
    import_corpus(qtbot, window, [tmp_path / "emoji.txt"])
    window.open_article(1)
    start, end = tag_with_keyboard(
        qtbot, window, "more than 3,000 people", Qt.Key.Key_3, {"quantity": "detained"}
    )
    [saved] = repo.annotations()
    assert saved.text == text[start:end] == "more than 3,000 people"
    assert saved.attributes.qualifier is Qualifier.MORE_THAN and saved.attributes.value == 3000
    window.workspace.undo_stack.undo()
    assert repo.annotations() == []
    window.workspace.undo_stack.redo()
    assert repo.annotations()[0].start == start


def test_escape_cancels_and_writes_nothing(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    open_and_press(qtbot, window, 1, "2,500 troops", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Escape)
    assert window.editor.kind is None and corpus_repo.annotations() == []


def test_selection_snaps_to_words(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.open_article(1)
    text = window.reader.article.text
    start = text.index("500 troops")
    window.reader.select_span(start, start + 6)  # "500 tr"
    press(qtbot, window.reader, Qt.Key.Key_1)
    qtbot.keyClick(window.editor.note_field(), Qt.Key.Key_Return)
    [saved] = corpus_repo.annotations()
    assert saved.text == "2,500 troops" and saved.kind is Kind.CLAIM


def test_click_selects_delete_removes_undo_restores(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    start = open_and_press(qtbot, window, 1, "2,500 troops", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Return)
    [saved] = corpus_repo.annotations()
    window.reader.place_cursor(0)
    window.reader.click_at(start + 3)
    assert window.workspace.selected_id == saved.id
    assert window.annotation_view.currentIndex().row() == 0
    press(qtbot, window.reader, Qt.Key.Key_Delete)
    assert corpus_repo.annotations() == []
    window.workspace.undo_stack.undo()
    assert [a.id for a in corpus_repo.annotations()] == [saved.id]


def test_edit_with_enter_then_undo_restores_old_values(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    open_and_press(qtbot, window, 3, "18 security officers", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Return)
    assert window.workspace.selected_annotation().text == "18 security officers"  # the new tag stays selected
    press(qtbot, window.reader, Qt.Key.Key_Return)
    field = window.editor.field("quantity")
    qtbot.keyClicks(field, "security_deaths")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert corpus_repo.annotations()[0].attributes.quantity == "security_deaths"
    window.workspace.undo_stack.undo()
    assert corpus_repo.annotations()[0].attributes.quantity is None


def test_two_edits_of_one_annotation_undo_one_after_the_other(qtbot, make_window, corpus_repo):
    """Tag, edit the value, edit it again, then undo three times: each undo applies (it used to
    fail the second time with a false 'changed elsewhere' and leave the history stuck)."""
    window = make_window(corpus_repo)
    errors: list[str] = []
    window.workspace.error.connect(errors.append)
    open_and_press(qtbot, window, 3, "18 security officers", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Return)
    for value in ("301", "302"):
        press(qtbot, window.reader, Qt.Key.Key_Return)
        field = window.editor.field("value")
        field.clear()
        qtbot.keyClicks(field, value)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert corpus_repo.annotations()[0].attributes.value == 302
    window.workspace.undo_stack.undo()
    assert corpus_repo.annotations()[0].attributes.value == 301
    window.workspace.undo_stack.undo()
    assert corpus_repo.annotations()[0].attributes.value == 18
    window.workspace.undo_stack.undo()
    assert corpus_repo.annotations() == []
    for _ in range(3):
        window.workspace.undo_stack.redo()
    assert corpus_repo.annotations()[0].attributes.value == 302
    assert errors == []


def test_attribution_links_to_a_claim(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.open_article(3)
    text = window.reader.article.text
    claim_at = text.index("26 “armed criminals” had been “liquidated”")
    window.reader.select_span(claim_at, claim_at + 42)
    press(qtbot, window.reader, Qt.Key.Key_1)
    qtbot.keyClick(window.editor.field("claim_key"), Qt.Key.Key_Return)
    said = text.index("The Interior Ministry said")
    window.reader.select_span(said, said + 26)
    press(qtbot, window.reader, Qt.Key.Key_2)
    window.editor._link.setCurrentIndex(1)
    qtbot.keyClicks(window.editor.field("speaker"), "Interior Ministry")
    qtbot.keyClick(window.editor.field("speaker"), Qt.Key.Key_Return)
    claim = next(a for a in corpus_repo.annotations() if a.kind is Kind.CLAIM)
    attribution = next(a for a in corpus_repo.annotations() if a.kind is Kind.ATTRIBUTION)
    assert attribution.linked_ids == (claim.id,)
    assert attribution.attributes.speaker == "Interior Ministry"


def test_a_bad_value_is_shown_and_not_saved(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    open_and_press(qtbot, window, 1, "2,500 troops", Qt.Key.Key_3)
    window.editor.field("value").setText("lots")
    qtbot.keyClick(window.editor.field("value"), Qt.Key.Key_Return)
    assert corpus_repo.annotations() == []
    assert "not a number" in window.editor._error.text()


def test_article_list_filters_and_counts(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    assert window.article_proxy.rowCount() == 5
    qtbot.keyClicks(window.filter_edit, "courthouse")
    assert window.article_proxy.rowCount() == 1
    window.filter_edit.clear()
    open_and_press(qtbot, window, 2, "up to 15,000 soldiers", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Return)
    window.flush_refresh()
    row = window.article_model.row_of(2)
    assert window.article_model.index(row, 5).data() == 1


def test_keyboard_article_navigation_and_search_jump(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.step_article(1)
    first = window.workspace.article.id
    window.step_article(1)
    assert window.workspace.article.id != first
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, "paratroopers")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.model.rowCount() >= 1
    window.jump_to(dialog.model.hits[0])
    assert window.workspace.article.id == 3
    start, end = window.reader.selection_span()
    assert window.reader.article.text[start:end].lower() == "paratroopers"
    dialog.close()


def test_window_title_names_the_project_and_switch_project(
    qtbot, make_window, corpus_repo, dialogs, tmp_path
):
    window = make_window(corpus_repo)
    assert str(corpus_repo.db_file) in window.windowTitle()
    dialogs.project = tmp_path / "second.sqlite"
    window.new_project()
    window.flush_refresh()  # the new project's (empty) article list arrives from the background
    assert "second.sqlite" in window.windowTitle()
    assert window.stack.currentWidget() is window.welcome
    assert str(dialogs.project) in window.settings.recent_projects[0]


def test_opening_the_open_project_again_keeps_it_as_it_is(qtbot, make_window, corpus_repo, tmp_path):
    """File → Open on the project already open (by any path to it, a link too) opens nothing: a
    second open would read the file's header with a plain handle and drop the project's locks."""
    window = make_window(corpus_repo)
    before = window.repo
    link = tmp_path / "same.sqlite"
    link.symlink_to(corpus_repo.db_file)
    for path in (str(corpus_repo.db_file), str(link)):
        assert window.switch_project(path)
        assert window.repo is before
    assert "already open" in window.statusBar().currentMessage()


def test_switch_annotator(qtbot, make_window, corpus_repo, dialogs):
    window = make_window(corpus_repo)
    dialogs.annotator = "bob"
    window.switch_annotator()
    assert window.annotator_button.text() == "Annotator: bob"
    window.open_article(1)
    window.reader.select_span(0, 10)
    press(qtbot, window.reader, Qt.Key.Key_1)
    qtbot.keyClick(window.editor.field("claim_key"), Qt.Key.Key_Return)
    assert corpus_repo.annotations()[0].annotator == "bob"


def test_shortcut_list_covers_the_loop(make_window, corpus_repo):
    from kzt_annotator.ui.actions import shortcut_rows

    window = make_window(corpus_repo)
    keys = {k for k, _ in shortcut_rows(window)}
    assert {"1", "2", "3", "Del", "]", "[", "Ctrl+Z", "Ctrl+Shift+F", "Alt+Down"} <= keys | {"Delete"}


def test_window_state_is_restored(make_window, corpus_repo):
    first = make_window(corpus_repo)
    first.resize(640, 480)
    first.articles_dock.hide()
    size = first.size()
    first.close()
    second = make_window(corpus_repo)
    assert second.articles_dock.isHidden()
    assert second.size() == size


def test_restore_from_backup_in_the_gui(qtbot, make_window, corpus_repo, dialogs):
    from kzt_annotator.store.backup import list_backups, make_backup

    make_backup(corpus_repo.db_file, "manual")
    window = make_window(corpus_repo)
    window.open_article(1)
    window.reader.select_span(0, 10)
    press(qtbot, window.reader, Qt.Key.Key_1)
    qtbot.keyClick(window.editor.field("claim_key"), Qt.Key.Key_Return)
    [tagged] = window.repo.annotations()
    dialogs.choice = 0  # newest: the manual backup, before the tag
    assert window.restore_from_backup()
    assert "manual" in dialogs.choices[0]  # what was offered, newest first
    assert window.repo.annotations() == []
    # the tagged state was backed up before the restore, and restoring that copy brings the tag back
    after = list_backups(window.repo.db_file)
    [safety] = [i for i, b in enumerate(after) if b.reason == "before-restore"]
    dialogs.choice = safety
    assert window.restore_from_backup()
    assert "before-restore" in dialogs.choices[safety]
    assert window.repo.annotations() == [tagged]


def test_replace_text_in_the_gui(qtbot, make_window, corpus_repo, dialogs, tmp_path):
    window = make_window(corpus_repo)
    start = open_and_press(qtbot, window, 1, "2,500 troops", Qt.Key.Key_3)
    qtbot.keyClick(window.editor.field("quantity"), Qt.Key.Key_Return)
    revised = tmp_path / "rev.txt"
    revised.write_text("Correction appended at the top.\n\n" + window.reader.article.text, encoding="utf-8")
    dialogs.files = [revised]
    window.replace_article_text()
    [moved] = window.repo.annotations()
    assert moved.start == start + len("Correction appended at the top.\n\n")
    assert "1 annotation(s) moved" in dialogs.infos[-1][1]


def test_article_list_sorts_through_the_model(make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.article_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    outlets = [window.article_proxy.index(r, 1).data() for r in range(window.article_proxy.rowCount())]
    assert outlets == sorted(outlets, key=str.casefold)
    window.article_view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    titles = [window.article_proxy.index(r, 0).data() for r in range(window.article_proxy.rowCount())]
    assert titles == sorted(titles, key=str.casefold, reverse=True)


def test_the_article_list_opens_sorted_a_to_z(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.flush_refresh()
    proxy = window.article_proxy
    titles = [proxy.index(row, 0).data() for row in range(proxy.rowCount())]
    assert len(titles) == 5 and titles == sorted(titles, key=str.casefold)
    assert window.article_view.horizontalHeader().sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
