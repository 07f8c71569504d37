"""Controller for the editor's assist bar: claim-key proposals and tag-all, through the services.

`claim-keys` and `tag-all` of the CLI, reachable while tagging: the proposals come from
services.claim_assist.propose_claim_keys; tag-all builds the annotations with
services.claim_assist.occurrence_annotations and pushes them as one undo step, with the values
in the editor, leaving out the span being tagged (saving the editor tags that one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kzt_annotator.core.commands import CreateAnnotation
from kzt_annotator.core.errors import KztError
from kzt_annotator.services.claim_assist import occurrence_annotations, propose_claim_keys

if TYPE_CHECKING:
    from kzt_annotator.ui.workspace import Workspace


class ClaimActions(QObject):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.ws = workspace
        workspace.editor.assist.claimKeysRequested.connect(self.propose_keys)
        workspace.editor.assist.tagAllRequested.connect(self.tag_all)

    def _span(self) -> tuple[int, int, str] | None:
        """(start, end, text) of the span in the editor: being tagged, or being edited."""
        ws = self.ws
        if ws.article is None:
            return None
        if ws.pending is not None:
            _kind, start, end = ws.pending
            return start, end, ws.article.text[start:end]
        if ws.editing is not None:
            return ws.editing.start, ws.editing.end, ws.editing.text
        return None

    def propose_keys(self) -> None:
        span = self._span()
        if span is None:
            return
        found = propose_claim_keys(self.ws.repo, span[2])
        self.ws.editor.assist.show_claim_keys([(p.claim_key, p.score, p.example) for p in found])

    def tag_all(self, corpus: bool) -> int:
        """Tag every other occurrence of the span's words with the editor's values; how many."""
        ws, span = self.ws, self._span()
        if span is None or ws.article is None or ws.editor.kind is None:
            return 0
        start, end, phrase = span
        values = {k: v for k, v in ws.editor.values().items() if v.strip()}
        try:
            created = occurrence_annotations(
                ws.repo,
                phrase,
                str(ws.editor.kind),
                ws.annotator,
                values,
                None if corpus else ws.article.id,
                skip=(ws.article.id, start, end),
            )
        except KztError as exc:
            ws.error.emit(str(exc))
            return 0
        if created:
            ws.undo_stack.beginMacro(f"Tag all “{phrase[:30]}”")
            try:
                for annotation in created:
                    ws.push(CreateAnnotation(annotation))
            finally:
                ws.undo_stack.endMacro()
        where = "every article" if corpus else "this article"
        ws.message.emit(f"{len(created)} more {ws.editor.kind}(s) for “{phrase}” in {where}")
        return len(created)
