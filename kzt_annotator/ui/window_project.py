"""Main-window actions on the project as a whole: new/open/switch, backups, revised texts,
preferences, annotator identity."""

from __future__ import annotations

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.errors import KztError
from kzt_annotator.services.project import (
    DamagedProject,
    MissingProject,
    annotation,
    backups,
    close_project,
    damaged_file_backups,
    damaged_project_text,
    is_open_here,
    missing_project_text,
    open_project,
    project_location,
    project_name,
    restore,
    restore_damaged,
)
from kzt_annotator.settings import Settings, save_settings


class ProjectActions:
    """Mixed into MainWindow; uses its repo, workspace, dialogs and settings."""

    # -- project ----------------------------------------------------------------------------
    def new_project(self) -> None:
        path = self.dialogs.ask_new_project()
        if path:
            self.switch_project(str(path))

    def open_project(self) -> None:
        path = self.dialogs.ask_open_project()
        if path:
            self.switch_project(str(path), create=False)

    def switch_project(self, path_or_url: str, create: bool = True) -> bool:
        """Open `path_or_url` in this window instead. `create=False` (File → Open, Open recent):
        a file that is not there is said so, not made anew as an empty project."""
        if is_open_here(self.repo, path_or_url):  # never a second handle on the open file
            self.statusBar().showMessage("That project is already open.", 5000)
            return True
        try:
            repo = open_project(path_or_url, create=create)
        except MissingProject as exc:
            self.dialogs.show_error("Cannot open project", missing_project_text(exc))
            return False
        except DamagedProject as exc:
            if not self._restore_damaged(exc):
                return False
            return self.switch_project(path_or_url, create=create)
        except KztError as exc:
            self.dialogs.show_error("Cannot open project", str(exc))
            return False
        old = self.repo
        self.repo = repo
        self.workspace.set_repository(repo)
        self.discrepancy_panel.repo = repo
        self.workspace.open_article(None)
        self.wait_for_readers()  # reads of the old project finish before it closes
        close_project(old)
        self.settings.remember_project(project_name(repo))
        save_settings(self.settings)
        self.broadcast(Changes(everything=True, schema=True))
        self.dispatch_changes()
        self._update_title()
        from kzt_annotator.ui.actions import rebuild_recent_menu

        rebuild_recent_menu(self)
        return True

    def _restore_damaged(self, error: DamagedProject) -> bool:
        """Say what is wrong with the damaged project file (in the GUI's words, not --db's) and
        offer its backups; True once one is restored (the file can then be opened again)."""
        text = damaged_project_text(error)
        found = damaged_file_backups(error)
        if not found:
            self.dialogs.show_error("Cannot open project", text)
            return False
        labels = [f"{b.created:%Y-%m-%d %H:%M:%S} UTC - {b.reason} ({b.size // 1024} KiB)" for b in found]
        choice = self.dialogs.ask_choice("Project damaged", f"{text}\n\nRestore it from:", labels)
        if choice is None:
            return False
        try:
            restore_damaged(error, found[choice], keep=self.settings.backup_keep)
        except KztError as exc:
            self.dialogs.show_error("Restore from backup", str(exc))
            return False
        return True

    def restore_from_backup(self) -> bool:
        """Pick a backup, restore it (the current file is backed up first) and reopen."""
        found = backups(self.repo)
        if not found:
            self.dialogs.show_error("Restore from backup", "This project has no backups yet.")
            return False
        labels = [f"{b.created:%Y-%m-%d %H:%M:%S} UTC - {b.reason} ({b.size // 1024} KiB)" for b in found]
        choice = self.dialogs.ask_choice("Restore from backup", "Replace the project with:", labels)
        if choice is None:
            return False
        name = project_location(self.repo)
        self.workspace.open_article(None)
        close_project(self.repo)
        try:
            restore(self.repo, found[choice], keep=self.settings.backup_keep)
        except KztError as exc:
            self.dialogs.show_error("Restore from backup", str(exc))
        return self.switch_project(name)

    def replace_article_text(self) -> None:
        """Swap in a revised text for the open article; annotations follow their quotes."""
        from kzt_annotator.services.revision import replace_text

        article = self.workspace.article
        paths = self.dialogs.ask_article_files() if article else []
        if not article or not paths:
            return
        try:
            result = replace_text(self.repo, str(article.id), paths[0])
        except KztError as exc:
            self.dialogs.show_error("Replace text", str(exc))
            return
        self.workspace.undo_stack.clear()  # offsets in older undo steps refer to the old text
        self.workspace.open_article(article.id)
        self.on_changes(Changes(articles=frozenset({article.id}), other=frozenset({"articles"})))
        lines = [
            f"{result.moved} annotation(s) moved, {result.unchanged} unchanged, "
            f"{len(result.orphaned)} orphaned."
        ]
        lines += [f"• orphaned {str(a.kind)}: “{a.text[:60]}”" for a in result.orphaned[:20]]
        if result.orphaned:
            lines.append("File → Orphaned annotations… lists them to place again or delete.")
        self.dialogs.show_info("Article text replaced", "\n".join(lines))

    # -- orphans ----------------------------------------------------------------------------
    def show_orphans(self):
        """The list of orphaned annotations; placing and deleting go through the undo stack."""
        from kzt_annotator.services.revision import orphans
        from kzt_annotator.ui.orphans_dialog import OrphansDialog

        dialog = OrphansDialog(orphans(self.repo), self)
        dialog.openRequested.connect(self.open_article)
        dialog.placeRequested.connect(lambda ident: self._place_orphan(dialog, ident))
        dialog.deleteRequested.connect(lambda ident: self._delete_orphan(dialog, ident))
        dialog.show()
        return dialog

    def _place_orphan(self, dialog, ident: str) -> None:
        from kzt_annotator.services.revision import orphans, place_orphan_command

        target = next((a for a in dialog.orphans if a.id == ident), None)
        article = self.workspace.article
        start, end = self.workspace.reader.selection_span()
        if target is None or article is None or article.id != target.article_id or start >= end:
            self.dialogs.show_error(
                "Place orphan", "Open the orphan's article, select the text it belongs to, then place it."
            )
            return
        try:
            self.workspace.push(place_orphan_command(self.repo, ident, start, end))
        except KztError as exc:
            self.dialogs.show_error("Place orphan", str(exc))
        dialog.set_orphans(orphans(self.repo))

    def _delete_orphan(self, dialog, ident: str) -> None:
        from kzt_annotator.core.commands import DeleteAnnotation
        from kzt_annotator.services.revision import orphans

        try:
            self.workspace.push(DeleteAnnotation(annotation(self.repo, ident)))
        except KztError as exc:
            self.dialogs.show_error("Delete orphan", str(exc))
        dialog.set_orphans(orphans(self.repo))

    def open_preferences(self) -> bool:
        settings = self.dialogs.ask_preferences(self.settings)
        if settings is None:
            return False
        self.apply_settings(settings)
        return True

    def apply_settings(self, settings: Settings) -> None:
        """Store and apply new preferences at once."""
        from kzt_annotator.core.intervals import rules_from_settings
        from kzt_annotator.ui.colours import apply_colour_settings

        named_before = self.settings.annotator
        self.settings.__dict__.update(settings.__dict__)
        save_settings(self.settings)
        # Only a changed name switches who annotates: a session started as someone else
        # ($KZT_ANNOTATOR_USER, --annotator) stays theirs when other preferences are saved.
        if self.settings.annotator and self.settings.annotator != named_before:
            self.workspace.annotator = self.settings.annotator
            self._show_annotator()
        self.workspace.snap = self.settings.snap_to_words
        apply_colour_settings(self.settings.colours)
        highlighter = self.reader.highlighter
        highlighter.enabled_cues = {k for k, on in self.settings.cues.items() if on}
        for kind, on in self.settings.cues.items():
            action = self.actions_by_name.get(f"cue_{kind}")
            if action is not None and action.isChecked() != on:
                action.blockSignals(True)
                action.setChecked(on)
                action.blockSignals(False)
        highlighter.set_colour_by(self.settings.colour_by)
        self.discrepancy_panel.rules = rules_from_settings(self.settings.qualifier_rules)
        self.broadcast(Changes(other=frozenset({"settings"})))

    def switch_annotator(self) -> None:
        name = self.dialogs.ask_annotator(self.workspace.annotator)
        if name:
            self.workspace.annotator = name
            self.settings.annotator = name
            save_settings(self.settings)
            self._show_annotator()
