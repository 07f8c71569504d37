"""The window as it first appears: painted before the project opens, replaced by the main window.

Qt alone starts in about 0.3 s; importing SQLAlchemy, opening the project and building the panels
take several times that. So start-up paints this shell first (the main window's title, size and
place, "Opening …"), and only once it is on screen and the event loop is free opens the project
and builds the main window (ui/main_window.py), which takes its place at the same geometry.

This module imports nothing but Qt and the settings file's location: no SQLAlchemy, no services,
no panels (tests/ui/test_startup.py checks it in a fresh process).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from kzt_annotator import APP_NAME

# () -> the main window, built and shown; raises for a project that cannot be opened
Opener = Callable[[], Any]
# the exception -> None: tell the user (the shell has closed itself)
OnError = Callable[[BaseException], None]


class _Notice(QLabel):
    """The shell's centre; its first paint starts the real work."""

    def __init__(self, text: str, on_first_paint: Callable[[], None]) -> None:
        # Centred by the style sheet: the first touch of the `Qt` namespace in Python builds its
        # hundred-odd enum classes, a tenth of a bare Qt start.
        super().__init__(text)
        self.setStyleSheet("qproperty-alignment: AlignCenter;")
        self._on_first_paint: Callable[[], None] | None = on_first_paint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._on_first_paint is not None:
            callback, self._on_first_paint = self._on_first_paint, None
            callback()


class StartWindow(QMainWindow):
    """Shown at once; after its first paint builds the main window with `opener` (on the GUI
    thread, once the event loop is free) and closes itself, then calls `then(main window)`: a
    dialog it opens (who is annotating, on a first start) comes over the main window alone, not
    over the shell left behind it. `finish()` builds it now (scripts, benchmarks). Closing the
    shell before that cancels the start: nothing is opened."""

    def __init__(
        self,
        project: str,
        opener: Opener,
        on_error: OnError,
        window_ini: Path,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(f"{project} — {APP_NAME}")
        self.resize(1280, 800)  # the main window's default size (ui/main_window.py)
        geometry = QSettings(str(window_ini), QSettings.Format.IniFormat).value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.setCentralWidget(_Notice(f"Opening {project}…", self._first_paint))
        self.statusBar().showMessage("Opening the project…")
        self._opener: Opener | None = opener
        self._on_error = on_error
        self._then = then  # runs with the main window once the shell is gone (a first-start question)
        self.main: Any = None  # the main window once built

    def _first_paint(self) -> None:
        # Posted after the paint: the shell reaches the screen before the heavy imports start.
        QTimer.singleShot(0, self._open_quietly)

    def _open_quietly(self) -> None:
        try:
            self.finish()
        except Exception as exc:  # the project could not be opened: say so, do not hang
            self.hide()
            self._on_error(exc)

    def finish(self) -> Any:
        """Build and show the main window now if not yet done; the main window (None once the
        shell was closed before it was built). Raises what the opener raises."""
        if self._opener is None:
            return self.main
        opener, self._opener = self._opener, None
        self.main = opener()
        self.hide()
        # Give back the shell's window and the image it was painted into (a window-sized pixel
        # buffer, 2-4 MB) before the main window paints its own: the shell is not shown again.
        self.destroy()
        if self._then is not None:
            then, self._then = self._then, None
            then(self.main)
        return self.main

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Closed before the project opened (or by the benchmark after the first paint): the
        start is cancelled. Closed after: closes the main window too."""
        if self._opener is not None:
            self._opener = None
            self.statusBar().showMessage("Cancelled")
        elif self.main is not None and self.main.isVisible():
            self.main.close()
        super().closeEvent(event)


def read_sources_uncached() -> None:
    """Keep PySide6's import hook from caching the source of every module imported after it.

    PySide6 replaces `__import__`; for each module imported after it, it reads the whole source
    with `inspect.getsource` (through linecache, which keeps it) to see whether the module mentions
    PySide6, and so whether its `__feature__` switches apply. For the 600 modules the main window
    needs that left about 9.5 MB of source text in linecache and 23 MB more resident memory
    (measured with a 10,000-article project). The same check here reads the file's bytes once
    and keeps nothing. A PySide6 without that check (a later release) is left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return
    feature._mod_uses_pyside = mentions_pyside


def mentions_pyside(module: ModuleType) -> bool:
    """True if `module`'s source file mentions PySide6; False with no readable .py source (as
    `inspect.getsource` failing gives in PySide6's own check)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as handle:
            return b"PySide6" in handle.read()
    except OSError:
        return False
