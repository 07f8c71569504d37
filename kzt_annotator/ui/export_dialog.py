"""Export options: which annotations (filters) and, for CSV, BOM and formula neutralising."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services.exporting import ExportFilter


@dataclass(frozen=True, slots=True)
class ExportOptions:
    filter: ExportFilter
    bom: bool = False
    raw: bool = False


def short_title(title: str, width: int = 50) -> str:
    """`title` in at most `width` characters, cut after a whole word with "…" when too long
    (it was cut mid-word, without a mark or its closing quote)."""
    title = " ".join(title.split())
    if len(title) <= width:
        return title
    cut = title[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:  # a word boundary not too far back; else cut the long word
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


class ExportDialog(QDialog):
    def __init__(
        self, fmt: str, annotators: list[str], article: tuple[int, str] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export {fmt}")
        self.only_article = QCheckBox(
            f"Only “{short_title(article[1])}”" if article else "Only the open article"
        )
        if article:
            self.only_article.setToolTip(article[1])
        self.only_article.setEnabled(article is not None)
        self._article_id = article[0] if article else None
        self.kind = QComboBox()
        self.kind.addItems(["all kinds", *(k.value for k in Kind)])
        self.annotator = QComboBox()
        self.annotator.addItems(["all annotators", *annotators])
        self.status = QComboBox()
        self.status.addItems(["any status", *(s.value for s in Status)])
        self.bom = QCheckBox("Start with a byte-order mark (Excel)")
        self.raw = QCheckBox("Do not neutralise formula-like cells (unsafe in spreadsheets)")
        form = QFormLayout(self)
        form.addRow(self.only_article)
        form.addRow("Kind", self.kind)
        form.addRow("Annotator", self.annotator)
        form.addRow("Status", self.status)
        if fmt == "CSV":
            form.addRow(self.bom)
            form.addRow(self.raw)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> ExportOptions:
        def chosen(box: QComboBox) -> str | None:
            return box.currentText() if box.currentIndex() > 0 else None

        flt = ExportFilter(
            self._article_id if self.only_article.isChecked() else None,
            chosen(self.kind),
            chosen(self.annotator),
            chosen(self.status),
        )
        return ExportOptions(flt, self.bom.isChecked(), self.raw.isChecked())
