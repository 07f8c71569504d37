"""Main-window actions on whole articles: the metadata editor and deleting articles (both undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.codebook_commands import AddEntry
from kzt_annotator.core.errors import KztError
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.services import metadata
from kzt_annotator.services.project import article_summary, variables
from kzt_annotator.ui.article_list import ARTICLE_ID_ROLE

if TYPE_CHECKING:
    from kzt_annotator.ui.metadata_editor import MetadataEditor


class MetadataActions:
    """Mixed into MainWindow; uses its repo, article view, codebook, workspace and dialogs."""

    def selected_article_ids(self) -> list[int]:
        """The articles selected in the list (in list order), else the open one."""
        rows = sorted({i.row() for i in self.article_view.selectionModel().selectedRows()})
        ids = [int(self.article_proxy.index(r, 0).data(ARTICLE_ID_ROLE)) for r in rows]
        if not ids and self.workspace.article is not None:
            ids = [self.workspace.article.id]
        return ids

    def open_metadata_editor(self) -> MetadataEditor | None:
        from kzt_annotator.ui.metadata_editor import MetadataEditor  # loaded when first opened

        ids = self.selected_article_ids()
        if not ids:
            self.statusBar().showMessage("Select one or more articles first.", 6000)
            return None
        summaries = [article_summary(self.repo, i) for i in ids]
        editor = MetadataEditor(
            summaries,
            self.codebook.entries(CodebookKind.OUTLET),
            variables(self.repo),
            self,
            inferred=metadata.inferred_fields(self.repo, ids),
        )
        editor.saveRequested.connect(lambda fields, values: self.apply_metadata(editor, ids, fields, values))
        editor.show()
        self.metadata_editor = editor
        return editor

    def apply_metadata(
        self, editor: MetadataEditor | None, ids: list[int], fields: dict, values: dict
    ) -> bool:
        """Check and save; a new outlet also becomes a codebook outlet. One undo step."""
        outlet = (fields.get("outlet") or "").strip()
        adds_outlet = bool(outlet) and self.codebook.resolve(CodebookKind.OUTLET, outlet) is None
        try:
            command = metadata.metadata_command(self.repo, ids, fields, values)
            entry = make_entry(CodebookKind.OUTLET, outlet) if adds_outlet else None
        except KztError as exc:
            if editor is not None:
                editor.show_error(str(exc))
            else:
                self.dialogs.show_error("Article metadata", str(exc))
            return False
        stack = self.workspace.undo_stack
        stack.beginMacro(command.label)
        try:
            if entry is not None:
                self.workspace.push(AddEntry(entry))
            self.workspace.push(command)
        finally:
            stack.endMacro()
        if editor is not None:
            editor.accept()
        return True

    def delete_selected_articles(self) -> bool:
        """Delete the selected articles (after asking, after a backup); Undo brings them back."""
        ids = self.selected_article_ids()
        if not ids:
            return False
        n = len(ids)
        question = (
            f"Delete {n} article{'s' if n > 1 else ''} with all their annotations? "
            "A backup is made first, and Edit → Undo brings them back in this session."
        )
        if self.dialogs.ask_choice("Delete articles", question, ["Delete", "Keep"]) != 0:
            return False
        try:
            command = metadata.delete_command(self.repo, ids, self.settings.backup_keep)
        except KztError as exc:
            self.dialogs.show_error("Delete articles", str(exc))
            return False
        self.workspace.push(command)
        return True
