"""Main-window actions for curation: the curation view of the open article, finishing an article,
and the team dashboard. Services do the work; the views only present.

The curation service, the two views and the agreement code are imported when first used: most
sessions open neither view, and the main window's start need not carry them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_annotator.core.errors import KztError

if TYPE_CHECKING:
    from kzt_annotator.ui.curation_view import CurationView
    from kzt_annotator.ui.team_dashboard import TeamDashboard


class CurationActions:
    """Mixed into MainWindow; uses its repo, workspace (undo stack), dialogs and settings."""

    curation_view: CurationView | None = None
    dashboard: TeamDashboard | None = None

    def open_curation(self) -> CurationView | None:
        from kzt_annotator.services import curation
        from kzt_annotator.ui.curation_view import CurationView

        article = self.workspace.article
        if article is None:
            self.dialogs.show_error("Curation", "Open an article first.")
            return None
        try:
            curator = curation.check_curator(self.repo, self.workspace.annotator)
            units = curation.curation_units(self.repo, article.id)
            if not units:
                raise KztError(f"article {article.id} has no annotations to curate")
            self.on_changes(curation.start_curation(self.repo, article.id, curator))
        except KztError as exc:
            self.dialogs.show_error("Curation", str(exc))
            return None
        if self.curation_view is not None:
            self.curation_view.close()
        view = CurationView(article.title, self)
        view.take.connect(self._curation_take)
        view.autoMerge.connect(self._curation_auto_merge)
        view.markCurated.connect(self._curation_done)
        view.finished.connect(lambda _code: setattr(self, "curation_view", None))
        self.curation_view = view
        self._curation_article = article.id
        if view.auto_merge.isChecked():
            self._curation_auto_merge()
        self.refresh_curation()
        view.show()
        view.view.setFocus()
        return view

    def refresh_curation(self) -> None:
        """Redraw the curation view and the dashboard now (after an action in the view itself;
        change records reach them off the GUI thread through window_changes.CurationFollower)."""
        if self.curation_view is not None:
            self.show_curation_snapshot(curation_snapshot(self.repo, self._curation_article))
        if self.dashboard is not None:
            self.show_team_progress(team_progress(self.repo))

    def show_curation_snapshot(self, snapshot) -> None:  # noqa: ANN001 - (article id, units, names, state)
        article_id, units, names, state = snapshot
        if self.curation_view is not None and article_id == self._curation_article:
            self.curation_view.set_units(units, names, state)

    def show_team_progress(self, progress) -> None:  # noqa: ANN001 - (people, rows, agreement or None)
        if self.dashboard is not None:
            self.dashboard.set_progress(*progress)

    def _curation_push(self, make) -> None:  # noqa: ANN001 - a function of (units, curator)
        from kzt_annotator.services import curation

        try:
            curator = curation.check_curator(self.repo, self.workspace.annotator)
            command = make(curation.curation_units(self.repo, self._curation_article), curator)
        except KztError as exc:
            self.dialogs.show_error("Curation", str(exc))
            return
        if command is not None:
            self.workspace.push(command)
        self.refresh_curation()
        if self.curation_view is not None:  # keyboard alone: the next key goes to the units again
            self.curation_view.activateWindow()
            self.curation_view.view.setFocus()

    def _curation_take(self, numbers: list[int], who: str) -> None:
        from kzt_annotator.services import curation

        self._curation_push(
            lambda units, curator: curation.take_command(
                [u for u in units if u.number in numbers], who, curator
            )
        )

    def _curation_auto_merge(self) -> None:
        from kzt_annotator.services import curation

        self._curation_push(curation.auto_merge_command)

    def _curation_done(self) -> None:
        from kzt_annotator.services import curation

        units = curation.curation_units(self.repo, self._curation_article)
        left = curation.undecided(units)
        if left and not self.dialogs.ask_yes_no(
            "Mark the article curated",
            f"{len(left)} of {len(units)} units are still undecided (unit{'s' if len(left) > 1 else ''} "
            f"{', '.join(map(str, left[:10]))}{', …' if len(left) > 10 else ''}); they stay out of the "
            "curated layer. Mark the article curated anyway?",
        ):
            return
        self.on_changes(curation.mark_curated(self.repo, self._curation_article, self.workspace.annotator))
        self.refresh_curation()

    def finish_article(self) -> None:
        from kzt_annotator.services import curation

        article = self.workspace.article
        if article is None:
            self.dialogs.show_error("Finish", "Open an article first.")
            return
        try:
            self.on_changes(curation.finish(self.repo, article.id, self.workspace.annotator))
        except KztError as exc:
            self.dialogs.show_error("Finish", str(exc))
            return
        self.statusBar().showMessage(
            f"Article {article.id} marked finished for {self.workspace.annotator}", 4000
        )
        self.refresh_curation()

    # -- the team dashboard ------------------------------------------------------------------------
    def open_dashboard(self) -> TeamDashboard:
        from kzt_annotator.ui.team_dashboard import TeamDashboard

        if self.dashboard is None:
            self.dashboard = TeamDashboard(self.dialogs.ask_save_path, self)
            self.dashboard.finished.connect(lambda _code: setattr(self, "dashboard", None))
        self.show_team_progress(team_progress(self.repo))
        self.dashboard.show()
        return self.dashboard


def curation_snapshot(repo, article_id: int):  # noqa: ANN001, ANN201
    """What the curation view shows: (article id, units, annotator names, curation state)."""
    from kzt_annotator.services import curation

    units = curation.curation_units(repo, article_id)
    names = units[0].annotators if units else ()
    state = curation.curation_state(repo, article_id)
    return article_id, units, names, state


def team_progress(repo):  # noqa: ANN001, ANN201
    """What the dashboard shows: (people, rows, the agreement report or None)."""
    from kzt_annotator.services import curation
    from kzt_annotator.services.review import agreement_report

    people, rows = curation.team_progress(repo)
    try:
        overall = agreement_report(repo)
    except KztError:
        overall = None  # fewer than two annotators so far
    return people, rows, overall
