"""QUndoCommand wrapping a core command: the core does the work, Qt keeps the history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.commands import Command, HistoryStore
from kzt_annotator.core.errors import KztError


class CoreUndoCommand(QUndoCommand):
    def __init__(
        self,
        command: Command,
        store: HistoryStore,
        on_changes: Callable[[Changes], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(command.label)
        self.command = command
        self._store = store
        self._on_changes = on_changes
        self._on_error = on_error
        self.failed = False
        self._ran = False

    def redo(self) -> None:  # QUndoStack.push runs this once: the command's first run
        first, self._ran = not self._ran, True
        self._run(lambda: (self._store.do if first else self._store.redo)(self.command))

    def undo(self) -> None:
        self._run(lambda: self._store.undo(self.command))

    def _run(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except KztError as exc:
            # Nothing was written (each step is one transaction); drop this entry from history.
            self.failed = True
            self.setObsolete(True)
            self._on_error(str(exc))
            return
        self._on_changes(changes)
