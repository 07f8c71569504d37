"""Corpus search (Ctrl+Shift+F): article text and annotation attributes through the full-text index
(phrases, prefixes, AND/OR/NOT); each result shows its words in context and jumps to its span."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.services.project import Project
from kzt_annotator.services.search import SearchHit, search_corpus

Index = QModelIndex | QPersistentModelIndex


class SearchHitModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if hit.annotation_id is None and hit.match and hit.end > hit.start:
                return f"{hit.title}\n    {hit.in_context('«', '»')}"
            return f"{hit.title}\n    {hit.snippet}"
        return None


class SearchDialog(QDialog):
    hitActivated = Signal(object)  # noqa: N815 - a SearchHit

    def __init__(self, repo: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Search the corpus")
        self.resize(640, 420)
        self.repo = repo
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            'Words, "a phrase", detain*, troops OR soldiers, Almaty NOT police (or Almaty -police)'
        )
        self.query.setAccessibleName("Search text")
        self.model = SearchHitModel()
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setAccessibleName("Search results")
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.results)
        self.query.returnPressed.connect(self.run_search)
        self.results.activated.connect(self._activate)

    def run_search(self) -> None:
        try:
            results = search_corpus(self.repo, self.query.text())
        except InvalidInput as exc:
            self.model.set_hits([])
            self.count.setText(f"Cannot search: {exc}")
            return
        hits = results.hits
        self.model.set_hits(hits)
        self.count.setText(
            f"{len(hits)} result(s): {results.articles} article(s) match, "
            f"{results.annotations} annotation(s) by attribute or note"
        )
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
            self.results.setFocus()

    def _activate(self, index: QModelIndex) -> None:
        self.hitActivated.emit(self.model.hits[index.row()])
