"""File and folder choosers that never open the files they list.

Qt's file dialog guesses each listed file's type (for its icon and its Type column) and, where
the name is not enough, reads the file's first bytes. Opening and closing a file drops every
POSIX lock this process holds on it (sqlite.org/howtocorrupt.html, section 2.2). When the
dialog listed the open project's folder, it read the project file and its `-wal`/`-shm`
journal, which dropped the project's SQLite locks. The next program that opened the project
(a CLI call, a script) then took itself for the last reader and removed the write-ahead log
under us, and every later edit went into the removed file and was lost while the window said
"All changes saved".

So every chooser here is Qt's own (not the platform's, which would list the folder in this
process with its own sniffing), and its icon provider decides icons and types from the name
alone. tests/ui/test_file_dialogs.py checks that a project stays whole.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIcons(QFileIconProvider):
    """A folder or file icon and a type named by the suffix: no file is opened or read."""

    def __init__(self) -> None:
        super().__init__()
        self._folder = super().icon(QFileIconProvider.IconType.Folder)
        self._file = super().icon(QFileIconProvider.IconType.File)

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            return self._folder if what.isDir() else self._file
        return super().icon(what)  # type: ignore[call-overload]

    def type(self, info: QFileInfo) -> str:  # noqa: A003 - Qt's name
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


class Choose(Enum):
    """What a chooser returns."""

    OPEN = "one existing file"
    OPEN_MANY = "existing files"
    SAVE = "a file name to write (asks before replacing a file)"
    FOLDER = "an existing folder"


_ICONS: NameOnlyIcons | None = None


def file_dialog(
    parent: QWidget | None, title: str, what: Choose, *, start: str = "", file_filter: str = ""
) -> QFileDialog:
    """A chooser set up for `what`, not yet shown. `start`: a folder, or for SAVE a suggested
    file name (relative to the current folder, as with QFileDialog's static functions)."""
    global _ICONS
    if _ICONS is None:  # one provider for the application's life (the dialogs only borrow it)
        _ICONS = NameOnlyIcons()
    dialog = QFileDialog(parent, title, "" if what is Choose.SAVE else start, file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_ICONS)
    if what is Choose.SAVE:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if start:
            dialog.selectFile(start)
    elif what is Choose.FOLDER:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    else:
        many = what is Choose.OPEN_MANY
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many else QFileDialog.FileMode.ExistingFile)
    return dialog


def choose(
    parent: QWidget | None, title: str, what: Choose, *, start: str = "", file_filter: str = ""
) -> list[Path]:
    """Ask, modally; the chosen paths (one, or several for OPEN_MANY), or [] when cancelled."""
    dialog = file_dialog(parent, title, what, start=start, file_filter=file_filter)
    try:
        if not dialog.exec():
            return []
        return [Path(name) for name in dialog.selectedFiles() if name]
    finally:
        dialog.deleteLater()


def choose_one(
    parent: QWidget | None, title: str, what: Choose, *, start: str = "", file_filter: str = ""
) -> Path | None:
    """As `choose`, for one path: the chosen path or None."""
    chosen = choose(parent, title, what, start=start, file_filter=file_filter)
    return chosen[0] if chosen else None
