"""Help while tagging, under the attribute editor: propose a claim key, tag all occurrences.

A humble view: it only emits what was asked (`claimKeysRequested`, `tagAllRequested(corpus)`)
and shows what it is given (`show_claim_keys`); ui/claim_actions.py calls the services. A
proposed key is only filled in when the researcher picks it (double click or Enter): similar
claims propose, they never rewrite.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kzt_annotator.core.kinds import Kind


class AssistBar(QWidget):
    claimKeysRequested = Signal()  # noqa: N815
    tagAllRequested = Signal(bool)  # noqa: N815 - True: every article, False: this article
    keyChosen = Signal(str)  # noqa: N815 - a proposed claim key the researcher picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.propose_button = QPushButton("Propose claim key")
        self.propose_button.setToolTip("Claim keys of the most similar claims already tagged, in any article")
        self.propose_button.clicked.connect(self.claimKeysRequested)
        self.tag_all_button = QToolButton()
        self.tag_all_button.setText("Tag all occurrences")
        self.tag_all_button.setToolTip(
            "Tag every occurrence of this phrase with these values (one undo step)"
        )
        self.tag_all_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.tag_all_button)
        menu.addAction("…in this article", lambda: self.tagAllRequested.emit(False))
        menu.addAction("…in every article", lambda: self.tagAllRequested.emit(True))
        self.tag_all_button.setMenu(menu)
        self.proposals = QListWidget()
        self.proposals.setAccessibleName("Proposed claim keys")
        self.proposals.setMaximumHeight(90)
        self.proposals.itemActivated.connect(self._chosen)
        self.proposals.itemDoubleClicked.connect(self._chosen)
        self.note = QLabel()
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.propose_button)
        row.addWidget(self.tag_all_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.proposals)
        layout.addWidget(self.note)
        self.set_kind(None)

    def set_kind(self, kind: str | None) -> None:
        """Offer what fits the kind being edited (nothing when the editor is idle)."""
        self.setVisible(kind is not None)
        self.propose_button.setVisible(kind == Kind.CLAIM)
        self.proposals.clear()
        self.proposals.hide()
        self.note.clear()

    def show_claim_keys(self, proposals: list[tuple[str, float, str]]) -> None:
        """(claim key, score 0-100, the closest claim's text), best first."""
        self.proposals.clear()
        for key, score, example in proposals:
            item = QListWidgetItem(f"{key}  ({score:.0f})  “{example[:60]}”")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.proposals.addItem(item)
        self.proposals.setVisible(bool(proposals))
        self.note.setText(
            "Double-click or Enter takes a key; nothing changes otherwise."
            if proposals
            else "No tagged claim reads like this one yet."
        )

    def _chosen(self, item: QListWidgetItem) -> None:
        self.keyChosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
