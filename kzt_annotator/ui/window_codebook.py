"""Main-window controller for the codebook dock: form requests become undoable service commands."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.codebook import Codebook, make_entry
from kzt_annotator.core.codebook_commands import CodebookCommand
from kzt_annotator.core.errors import KztError
from kzt_annotator.services import codebook as service
from kzt_annotator.ui.codebook_panel import CodebookPanel


def file_filter() -> str:
    """The file dialogs' filter: every codebook file type (their readers load with it)."""
    from kzt_annotator.services.codebook_files import FORMATS, PLANNED

    return "Codebooks (" + " ".join(f"*{s}" for s in {**FORMATS, **PLANNED}) + ");;All files (*)"


class CodebookActions:
    """Mixed into MainWindow; uses its repo, workspace (undo stack), dialogs and docks."""

    def build_codebook_dock(self) -> None:
        self.codebook_panel = CodebookPanel()
        panel = self.codebook_panel
        panel.addRequested.connect(self.codebook_add)
        panel.saveRequested.connect(self.codebook_save)
        panel.deleteRequested.connect(self.codebook_delete)
        panel.mergeRequested.connect(self.codebook_merge)
        panel.splitRequested.connect(self.codebook_split)
        panel.importRequested.connect(self.codebook_import)
        panel.exportRequested.connect(self.codebook_export)
        self.codebook_dock = self._dock("Codebook", panel, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.codebook = Codebook([])

    def refresh_codebook(self) -> None:
        """Re-read the codebook; the dock, cue highlighting and completions follow it."""
        self.codebook = service.load(self.repo)
        self.codebook_panel.set_rows(self.codebook.tree())
        self.workspace.set_codebook(self.codebook)

    # -- requests from the dock -------------------------------------------------------------
    def _run(self, build) -> bool:  # noqa: ANN001 - a function building one command
        """Build (and check) a command, then push it; a refusal is shown and nothing changes."""
        try:
            command: CodebookCommand = build()
        except KztError as exc:
            self.codebook_panel.show_status(str(exc))
            self.dialogs.show_error("Codebook", str(exc))
            return False
        self.workspace.push(command)
        self.codebook_panel.show_status(command.label)
        return True

    def codebook_add(self) -> bool:
        v = self.codebook_panel.form_values()

        def build() -> CodebookCommand:
            entry = make_entry(
                v["kind"],
                v["key"],
                v["label"],
                colour=v["colour"],
                description=v["description"],
                parent=v["parent"],
                aliases=v["aliases"],
            )
            return service.add_command(self.repo, entry)

        done = self._run(build)
        if done:
            self.codebook_panel.select_after_refresh(v["kind"], make_entry(v["kind"], v["key"]).key)
        return done

    def codebook_save(self) -> bool:
        """Apply the form to the selected entry: rename, move and edit, as one undo step."""
        before = self.codebook_panel.selected_entry()
        if before is None:
            self.codebook_panel.show_status("Select an entry first (or use Add as new).")
            return False
        v = self.codebook_panel.form_values()
        stack = self.workspace.undo_stack
        stack.beginMacro(f"Edit {before.kind.value} “{before.key}”")
        try:
            key = before.key
            try:
                new_key = make_entry(before.kind, v["key"]).key
            except KztError as exc:
                self.dialogs.show_error("Codebook", str(exc))
                return False
            if new_key != key:
                if not self._run(lambda: service.rename_command(self.repo, before.kind, key, new_key)):
                    return False
                key = new_key
            if v["parent"] != before.parent:
                if not self._run(lambda: service.move_command(self.repo, before.kind, key, v["parent"])):
                    return False
            after = (v["label"], v["colour"].upper(), v["description"].strip(), tuple(v["aliases"]))
            if after != (before.label, before.colour, before.description, before.aliases):

                def build() -> CodebookCommand:
                    entry = make_entry(
                        before.kind,
                        key,
                        v["label"],
                        colour=v["colour"],
                        description=v["description"],
                        parent=v["parent"],
                        aliases=v["aliases"],
                    )
                    return service.update_command(self.repo, entry)

                if not self._run(build):
                    return False
        finally:
            stack.endMacro()
        self.codebook_panel.select_after_refresh(before.kind, key)
        return True

    def codebook_merge(self, target: str) -> bool:
        entry = self.codebook_panel.selected_entry()
        if entry is None or not target:
            self.codebook_panel.show_status("Select an entry and type the key to merge it into.")
            return False
        return self._run(lambda: service.merge_command(self.repo, entry.kind, [entry.key], target))

    def codebook_split(self, new_key: str) -> bool:
        """Move the open article's uses of the selected entry to a new child entry."""
        entry = self.codebook_panel.selected_entry()
        article = self.workspace.article
        if entry is None or not new_key or article is None:
            self.codebook_panel.show_status("Open an article, select an entry and type the new key.")
            return False

        def build() -> CodebookCommand:
            new = make_entry(entry.kind, new_key, parent=entry.key)
            chosen = service.article_uses(self.repo, entry, article.id)
            return service.split_command(self.repo, entry.kind, entry.key, new, chosen)

        return self._run(build)

    def codebook_delete(self) -> bool:
        entry = self.codebook_panel.selected_entry()
        if entry is None:
            return False
        return self._run(lambda: service.delete_command(self.repo, entry.kind, entry.key))

    def codebook_import(self) -> bool:
        path = self.dialogs.ask_open_file("Import a codebook", file_filter())
        if path is None:
            return False
        summary: list[str] = []

        def build() -> CodebookCommand:
            command, result = service.import_command(self.repo, path, backup_keep=self.settings.backup_keep)
            summary.append(f"{path.name}: {result.summary}")
            return command

        if not self._run(build):
            return False
        self.codebook_panel.show_status(summary[0])
        return True

    def codebook_export(self) -> bool:
        path = self.dialogs.ask_save_path("Export the codebook", "codebook.csv", file_filter())
        if path is None:
            return False
        try:
            count = service.export_codebook(self.repo, path)
        except KztError as exc:
            self.dialogs.show_error("Export the codebook", str(exc))
            return False
        self.codebook_panel.show_status(f"Wrote {count} entries to {path.name}")
        return True
