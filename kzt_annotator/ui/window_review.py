"""Main-window actions for reviewing: the queue, decisions, compare, agreement, outside changes."""

from __future__ import annotations

from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Status
from kzt_annotator.services.review import (
    agreement_reports,
    copy_to_curated_command,
    review_command,
    review_queue,
)
from kzt_annotator.ui.agreement_dialog import AgreementDialog
from kzt_annotator.ui.compare_dialog import CompareDialog


class ReviewActions:
    """Mixed into MainWindow; uses its repo, workspace, dialogs and panels."""

    # -- review, layers, team refresh ----------------------------------------------------
    def refresh_review(self) -> None:
        article_id = (
            self.workspace.article.id
            if (self.review_panel.only_article.isChecked() and self.workspace.article)
            else None
        )
        titles = {i: title for i, (_outlet, title) in self.repo.article_labels().items()}
        names = [a.name for a in self.repo.annotators() if a.name != CURATED_LAYER]
        self.review_panel.set_choices(names, [str(k) for k in self.repo.schema().kind_names])
        queue = review_queue(self.repo, article_id=article_id, **self.review_panel.filters())
        self.review_panel.set_queue(queue, titles)
        self.review_panel.set_annotators(names, self.workspace.hidden_annotators)

    def review_decision(self, annotation_id: str, decision: str, note: str) -> None:
        reviewer = self.workspace.annotator
        try:
            annotation = self.repo.annotation(annotation_id)
            if decision == "copy":
                self.workspace.push(copy_to_curated_command(self.repo, annotation, reviewer))
            else:
                self.workspace.push(review_command(annotation, Status(decision), reviewer, note))
        except KztError as exc:
            self.dialogs.show_error("Review", str(exc))

    def open_compare(self) -> CompareDialog | None:
        article = self.workspace.article
        if article is None:
            self.dialogs.show_error("Compare annotators", "Open an article first.")
            return None
        from kzt_annotator.store.repository import AnnotationFilter

        dialog = CompareDialog(article, self.repo.annotations(AnnotationFilter(article_id=article.id)), self)
        dialog.show()
        return dialog

    def open_agreement(self) -> AgreementDialog | None:
        from kzt_annotator.core.intervals import rules_from_settings

        try:
            reports = agreement_reports(self.repo, rules=rules_from_settings(self.settings.qualifier_rules))
        except KztError as exc:
            self.dialogs.show_error("Agreement", str(exc))
            return None
        dialog = AgreementDialog(reports, self.dialogs.ask_save_path, self)
        dialog.show()
        return dialog

    def pick_up_outside_changes(self) -> bool:
        """Team mode (and a second window or script on one file): reload what others changed."""
        try:
            marker = self.repo.change_marker()
        except Exception:  # a network blip: try again on the next tick
            return False
        if self._marker is None or marker == self._marker:
            self._marker = marker
            return False
        schema_changed = marker[-1] != self._marker[-1]  # kinds or relation types added elsewhere
        self._marker = marker
        if schema_changed:
            self.apply_schema()
        self.refresh_articles()
        self.workspace.reload_annotations()
        self.discrepancy_panel.refresh()
        self.refresh_review()
        self.refresh_curation()
        self.statusBar().showMessage("Updated with changes made elsewhere", 4000)
        return True
