"""The first-run page: what the tool does in three steps, and how to get articles in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

STEPS = """
<h2>Welcome to kzt-annotator</h2>
<p>Compare how different outlets report the same events.</p>
<ol>
<li><b>Import</b> the articles you collected: plain text, HTML or Word files, as scraped.
    Banners and footers are kept but dimmed.</li>
<li><b>Tag</b> what matters: select text and press <b>1</b> for a claim, <b>2</b> for an
    attribution (who said it), <b>3</b> for a disputed figure. Every tag is saved at once.</li>
<li><b>Compare and export</b>: the discrepancy panel shows the same quantity as each outlet
    reports it, with conflicts first; export to CSV for R, pandas or a spreadsheet.</li>
</ol>
"""


class WelcomePage(QWidget):
    importFiles = Signal()  # noqa: N815 - Qt signal naming
    importFolder = Signal()  # noqa: N815
    trySamples = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome")
        text = QLabel(STEPS)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMaximumWidth(640)
        files = QPushButton("Import articles…")
        folder = QPushButton("Import a folder…")
        samples = QPushButton("Try the sample articles")
        files.setDefault(True)
        files.clicked.connect(self.importFiles)
        folder.clicked.connect(self.importFolder)
        samples.clicked.connect(self.trySamples)
        self.buttons = (files, folder, samples)
        self.text = text
        row = QHBoxLayout()
        row.addStretch(1)
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        # Centred by stretches, not by an alignment flag: a layout item with an alignment is
        # given its size hint's height, not the height its wrapped text needs at the width it
        # gets, which cut the last lines off in a small central area.
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(text, 100)
        centre.addStretch(1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addStretch(1)
        inner.addLayout(centre)
        inner.addLayout(row)
        inner.addStretch(2)
        # Smaller than the text needs (docks taking the room): it scrolls instead of cutting.
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
