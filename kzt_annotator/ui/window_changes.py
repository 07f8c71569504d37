"""The one path change records take through the main window.

Every record (an edit or undo from the workspace, an import, a project switch, settings, changes
made elsewhere) is merged into one pending record and handed, once the event loop is free, to each
panel's `on_changes`: the article list, the codebook dock, the discrepancy panel, the review queue
and the curation view and team dashboard while they are open. Each updates only what the record
touches and reads off the GUI thread (ui/worker.py LatestLoader), dropping stale results.
"""

from __future__ import annotations

from typing import Any

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.curation import CURATED_LAYER
from kzt_annotator.core.model import ArticleDetails, ArticleLines
from kzt_annotator.services.project import (
    annotations_by_ids,
    annotator_names,
    article_details,
    article_lines,
    article_titles,
    change_marker,
    refresh_schema,
    schema,
    variable_names,
)
from kzt_annotator.ui import colours
from kzt_annotator.ui.actions import sync_kind_actions
from kzt_annotator.ui.window_curation import curation_snapshot, team_progress
from kzt_annotator.ui.worker import LatestLoader


class ChangeActions:
    """Mixed into MainWindow; uses its repo, workspace, panels, timers and status bar."""

    # -- the article list ---------------------------------------------------------------------
    def article_rows(self, ids: list[int] | None) -> ArticleLines:
        """What the article list shows for these articles (None: all); runs on a worker thread."""
        repo, book = self.repo, self.codebook
        lines, kinds, variables = article_lines(repo, ids)
        outlets = {spelling: book.outlet(spelling) for spelling in {line.outlet for line in lines}}
        return ArticleLines(lines, kinds, variables, outlets)

    def article_tip(self, article_id: int) -> ArticleDetails | None:
        """What the article list's tooltip adds for one article (read now, on the GUI thread: one
        row by its key, when the user's pointer rests on the row)."""
        try:
            return article_details(self.repo, article_id)
        except Exception:  # a network blip (team mode): the tooltip shows title and outlet only
            return None

    def refresh_articles(self) -> None:
        """Reload the article list now, on this thread (start-up); later changes take on_changes."""
        self.article_model.set_lines(self.article_rows(None))
        self._articles_reloaded()

    def _articles_reloaded(self) -> None:
        current = self.workspace.article.id if self.workspace.article else None
        empty = self.article_model.rowCount() == 0
        self.stack.setCurrentWidget(self.welcome if empty else self.reader)
        if current is not None:
            self._select_article_row(current)

    def apply_schema(self) -> None:
        """The project's kinds changed (or another project opened): colours, count columns, tag
        actions and the editor's forms follow the schema."""
        fresh = refresh_schema(self.repo)
        colours.use_schema(fresh)
        self.article_model.set_schema(fresh)
        sync_kind_actions(self)

    # -- the one path -------------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        """Take a change record (the workspace has already updated the reader and the annotation
        table); the panels get it, merged with any others, once the event loop is free."""
        self._pending = self._pending | changes
        self.save_state.setText("All changes saved")
        self._refresh_timer.start()

    def broadcast(self, changes: Changes) -> None:
        """A change that did not come from the workspace: it updates the open article too."""
        self.workspace.on_changes(changes)
        self.on_changes(changes)

    def dispatch_changes(self) -> None:
        """Hand the pending record to every panel now (their reads then run in the background)."""
        self._refresh_timer.stop()
        changes, self._pending = self._pending, Changes()
        if not self._panels_filled:
            changes = changes | Changes(everything=True)
            self._panels_filled = True
        if changes.empty:
            return
        if changes.schema:
            self.apply_schema()
        if changes.variables or changes.everything:
            self.discrepancy_panel.set_variables(variable_names(self.repo))
        for panel in self.panels:
            panel.on_changes(changes)
        self.remember_marker()

    def flush_refresh(self) -> None:
        """Dispatch the pending record and wait until every panel shows its result (tests, benchmarks)."""
        self.dispatch_changes()
        for panel in self.panels:
            panel.settle()
        self._marker_loader.settle()

    def _pending_own_changes(self) -> bool:
        return not self._pending.empty

    def loaders(self) -> list[LatestLoader]:
        """Every background reader of the window's panels and of its workspace's rows on screen (the
        article list's model and the workspace have no parent)."""
        extra = [self.article_model.loader, self.workspace.prefetch.loader]
        found = {id(x): x for x in [*self.findChildren(LatestLoader), *extra]}
        return list(found.values())

    def reading(self) -> bool:
        """True while a panel's read runs or its result waits to be applied (benchmarks)."""
        return self._refresh_timer.isActive() or any(loader.busy for loader in self.loaders())

    def wait_for_readers(self) -> None:
        """Let every panel's read finish, applying nothing (closing: no thread outlives the window)."""
        self._refresh_timer.stop()
        for loader in self.loaders():
            loader.wait()

    # -- changes made elsewhere ---------------------------------------------------------------
    def poll_outside_changes(self) -> None:
        """The periodic check: read the project's fingerprint off the GUI thread, then compare."""
        repo = self.repo

        def read() -> tuple[Any, Any]:
            try:
                return repo, change_marker(repo)
            except Exception:  # a network blip: try again on the next tick
                return repo, None

        self._marker_loader.load(read, lambda found: self._compare_marker(*found))

    def remember_marker(self) -> None:
        """After our own changes: take the new fingerprint as seen (read off the GUI thread)."""
        repo = self.repo
        self._remembering = True
        self._marker_loader.load(
            lambda: (repo, change_marker(repo)), lambda found: self._compare_marker(*found)
        )

    def pick_up_outside_changes(self) -> bool:
        """Team mode (and a second window or script on one file): reload what others changed."""
        try:
            marker = change_marker(self.repo)
        except Exception:  # a network blip: try again on the next tick
            return False
        self._remembering = False
        return self._compare_marker(self.repo, marker)

    def _compare_marker(self, repo: Any, marker: Any) -> bool:
        if marker is None or repo is not self.repo or self._pending_own_changes():
            return False  # our own edits are being applied: their fingerprint follows
        if self._remembering:  # the fingerprint after our own changes
            self._remembering = False
            self._marker = marker
            return False
        if self._marker is None or marker == self._marker:
            self._marker = marker
            return False
        schema_changed = marker[-1] != self._marker[-1]  # kinds or relation types added elsewhere
        self._marker = marker
        self.broadcast(Changes(everything=True, schema=schema_changed))
        self.dispatch_changes()
        self.statusBar().showMessage("Updated with changes made elsewhere", 4000)
        return True


class ReviewSource:
    """What the review panel reads, through the window's current repository (on a worker)."""

    def __init__(self, window: Any) -> None:
        self.window = window

    def scope(self) -> int | None:
        window = self.window
        article = window.workspace.article
        return article.id if window.review_panel.only_article.isChecked() and article else None

    def queue(self, scope: int | None, filters: dict) -> tuple[list, dict[int, str], list[str], list[str]]:
        from kzt_annotator.services.review import review_queue

        repo = self.window.repo
        rows = review_queue(repo, article_id=scope, **filters)
        titles = article_titles(repo, {a.article_id for a in rows})  # not all 10,000 of them
        names = [name for name in annotator_names(repo) if name != CURATED_LAYER]
        kinds = [str(k) for k in schema(repo).kind_names]
        return rows, titles, names, kinds

    def annotations(self, ids: list[str]) -> tuple[list, dict[int, str]]:
        """The annotations with these ids and the titles of their articles."""
        repo = self.window.repo
        found = annotations_by_ids(repo, ids)
        return found, article_titles(repo, {a.article_id for a in found})


class CodebookFollower:
    """The codebook dock (and the cue highlighting and completions that follow the codebook):
    re-read when a record touches the codebook. The codebook is small: read on the GUI thread."""

    def __init__(self, window: Any) -> None:
        self.window = window

    def on_changes(self, record: Changes) -> None:
        if record.everything or record.codebook:
            self.window.refresh_codebook()

    def settle(self) -> None:
        pass


class CurationFollower:
    """The curation view (one article) and the team dashboard, while open: reloaded off the GUI
    thread when a record touches what they show."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.view_loader = LatestLoader(window)
        self.dashboard_loader = LatestLoader(window)

    def on_changes(self, record: Changes) -> None:
        window = self.window
        view = window.curation_view
        if view is not None:
            article_id = window._curation_article
            if record.everything or article_id in record.articles or article_id in record.removed_articles:
                repo = window.repo
                self.view_loader.load(
                    lambda: curation_snapshot(repo, article_id), window.show_curation_snapshot
                )
        if window.dashboard is not None and record.touches("annotations", "articles"):
            repo = window.repo
            self.dashboard_loader.load(lambda: team_progress(repo), window.show_team_progress)

    def settle(self) -> None:
        self.view_loader.settle()
        self.dashboard_loader.settle()
