"""The empty project's welcome page shows its whole text, however little room the docks leave."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel


@pytest.mark.parametrize("size", [(1280, 800), (900, 600)])
def test_the_welcome_text_is_never_cut(qtbot, make_window, repo, size):
    window = make_window(repo)
    window.resize(*size)
    window.show()
    window.flush_refresh()
    qtbot.wait(10)
    page = window.welcome
    assert window.stack.currentWidget() is page
    label = page.findChild(QLabel)
    # the text gets the height its wrapped lines need at the width it is given (it was cut
    # after "…reports it, with" in the default window)
    assert label.height() >= label.heightForWidth(label.width())
    # and where the page is smaller than the text, it scrolls to it
    content = page.scroll.widget()
    assert content.height() >= content.minimumSizeHint().height()
