"""Main-window actions for reviewing: the queue, decisions, compare, agreement.

The compare and agreement dialogs are imported when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Status
from kzt_annotator.services.project import annotation as stored_annotation
from kzt_annotator.services.project import article_annotations
from kzt_annotator.services.review import agreement_reports, copy_to_curated_command, review_command

if TYPE_CHECKING:
    from kzt_annotator.ui.agreement_dialog import AgreementDialog
    from kzt_annotator.ui.compare_dialog import CompareDialog


class ReviewActions:
    """Mixed into MainWindow; uses its repo, workspace, dialogs and panels."""

    # -- review, layers, team refresh ----------------------------------------------------
    def refresh_review(self) -> None:
        """Reload the whole queue (its filters or scope changed); off the GUI thread."""
        self.review_panel.refresh(self.workspace.hidden_annotators)

    def review_decision(self, annotation_id: str, decision: str, note: str) -> None:
        reviewer = self.workspace.annotator
        try:
            annotation = stored_annotation(self.repo, annotation_id)
            if decision == "copy":
                self.workspace.push(copy_to_curated_command(self.repo, annotation, reviewer))
            else:
                self.workspace.push(review_command(annotation, Status(decision), reviewer, note))
        except KztError as exc:
            self.dialogs.show_error("Review", str(exc))

    def open_compare(self) -> CompareDialog | None:
        from kzt_annotator.ui.compare_dialog import CompareDialog

        article = self.workspace.article
        if article is None:
            self.dialogs.show_error("Compare annotators", "Open an article first.")
            return None
        dialog = CompareDialog(article, article_annotations(self.repo, article.id), self)
        dialog.show()
        return dialog

    def open_agreement(self) -> AgreementDialog | None:
        from kzt_annotator.core.intervals import rules_from_settings
        from kzt_annotator.ui.agreement_dialog import AgreementDialog

        try:
            reports = agreement_reports(self.repo, rules=rules_from_settings(self.settings.qualifier_rules))
        except KztError as exc:
            self.dialogs.show_error("Agreement", str(exc))
            return None
        dialog = AgreementDialog(reports, self.dialogs.ask_save_path, self)
        dialog.show()
        return dialog
