"""File → Import from the web: web pages by address, or the new items of a feed."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

DEFAULT_TIMEOUT = 20  # seconds; the CLI's default too (io/fetch.py)


@dataclass(frozen=True, slots=True)
class WebImportRequest:
    feed: bool  # True: urls[0] is a feed whose new items are imported
    urls: tuple[str, ...]
    timeout: int  # seconds


class WebImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from the web")
        self.pages = QRadioButton("Web pages: one address per line")
        self.feed = QRadioButton("A feed (RSS or Atom): import the items not taken before")
        self.pages.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.pages)
        group.addButton(self.feed)
        self.urls = QPlainTextEdit()
        self.urls.setPlaceholderText("https://example.org/news/story.html")
        self.urls.setTabChangesFocus(True)
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 600)
        self.timeout.setValue(DEFAULT_TIMEOUT)
        self.timeout.setSuffix(" s")
        self.timeout.setToolTip("How long to wait for a server to connect and for each read")
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020")
        form = QFormLayout()
        form.addRow("Wait at most", self.timeout)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.pages, self.feed, self.urls):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 320)

    def request(self) -> WebImportRequest:
        urls = tuple(line.strip() for line in self.urls.toPlainText().splitlines() if line.strip())
        return WebImportRequest(self.feed.isChecked(), urls, self.timeout.value())

    def _accept(self) -> None:
        request = self.request()
        if not request.urls:
            self.message.setText("Give at least one address.")
            return
        if request.feed and len(request.urls) > 1:
            self.message.setText("Give one feed address at a time.")
            return
        bad = [u for u in request.urls if not u.lower().startswith(("http://", "https://"))]
        if bad:
            self.message.setText(f"Not a web address: {bad[0][:80]} (start with http:// or https://)")
            return
        self.accept()
