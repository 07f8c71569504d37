"""File → Import from the web: the dialog checks its input; pages and feeds import in the background."""

from __future__ import annotations

from kzt_annotator.ui.web_import_dialog import WebImportDialog, WebImportRequest
from tests.io.test_readers import HTML
from tests.services.test_web_import import page, rss
from tests.web_server import Site


def test_dialog_asks_for_web_addresses(qtbot):
    dialog = WebImportDialog()
    qtbot.addWidget(dialog)
    dialog._accept()
    assert dialog.message.text() == "Give at least one address." and not dialog.result()
    dialog.urls.setPlainText("example.org/news")
    dialog._accept()
    assert dialog.message.text().startswith("Not a web address: example.org/news")
    dialog.feed.setChecked(True)
    dialog.urls.setPlainText("https://a.example/feed\nhttps://b.example/feed")
    dialog._accept()
    assert dialog.message.text() == "Give one feed address at a time."
    dialog.urls.setPlainText("  https://a.example/feed.xml  \n")
    dialog.timeout.setValue(7)
    dialog._accept()
    assert dialog.result() == 1
    assert dialog.request() == WebImportRequest(True, ("https://a.example/feed.xml",), 7)


def test_pages_and_a_feed_import_in_the_background(qtbot, repo, make_window, dialogs):
    window = make_window(repo)
    with Site() as site:
        dialogs.web_request = WebImportRequest(False, (site.put("/troops.html", HTML),), 5)
        window.import_web()
        with qtbot.waitSignal(window.job.finished, timeout=30_000):
            pass
        assert [a.title for a in window.last_import.imported] == ["Troops arrive"]
        assert window.reader.article.title == "Troops arrive"
        site.put("/a1.html", page("Protesters gather", "Hundreds gathered in the square."))
        feed = site.put(
            "/feed.xml", rss(site.base, [("id-1", "Protesters gather", "/a1.html")]), "application/rss+xml"
        )
        dialogs.web_request = WebImportRequest(True, (feed,), 5)
        window.import_web()
        with qtbot.waitSignal(window.job.finished, timeout=30_000):
            pass
        assert [a.title for a in window.last_import.imported] == ["Protesters gather"]
        window.import_web()
        with qtbot.waitSignal(window.job.finished, timeout=30_000):
            pass
        assert window.last_import.already_seen == 1
        assert "1 feed item(s) imported before were skipped" in window.statusBar().currentMessage()
        dialogs.web_request = WebImportRequest(False, (site.base + "/gone.html",), 5)
        window.import_web()
        with qtbot.waitSignal(window.job.finished, timeout=30_000):
            pass
    [(title, message)] = dialogs.errors
    assert title == "Some files were not imported"
    assert message.endswith(f"• {site.base}/gone.html: the server answered HTTP 404")
    assert window.article_model.rowCount() == 2
