"""Start the desktop application: settings, annotator identity, project, main window."""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path

from kzt_annotator import APP_NAME, __version__


def build_window(db: str | None = None):
    """QApplication and main window for `db`, shown (used by run() and the start-up benchmark)."""
    _ensure_platform()
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.settings import default_annotator, load_settings
    from kzt_annotator.store.location import database_login
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.main_window import MainWindow
    from kzt_annotator.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    settings = load_settings()
    from kzt_annotator.ui.colours import apply_colour_settings

    apply_colour_settings(settings.colours)
    repo = open_repository(db, backup_keep=settings.backup_keep)
    # Team mode: the database login is who annotates (core.curation: nobody under another name).
    window = MainWindow(repo, settings, database_login(repo.url) or default_annotator(settings))
    window.show()
    settle_heap()
    return app, window


def settle_heap() -> None:
    """Move everything built at start-up out of the garbage collector's way.

    The interpreter's full collections walk every tracked object; after start-up that is mostly
    Qt wrappers and SQLAlchemy metadata that live until exit. Measured: opening a 10,000-annotation
    article took 110-125 ms with them in the walk, 72-88 ms without (gc.freeze, Python 3.7+).
    Frozen objects are still freed by reference counting when dropped; only a reference cycle
    among them would outlive its use.
    """
    gc.freeze()


NO_DISPLAY = "no display found: run it in a desktop session, or use the command-line verbs; see --help"


def no_display() -> bool:
    """True on Linux with no X11 or Wayland display and no platform chosen with QT_QPA_PLATFORM.

    Qt would then fall back to an invisible (offscreen) window and wait forever. Tests, the
    screenshot script, benchmarks and --smoke runs set QT_QPA_PLATFORM=offscreen themselves.
    """
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
        and not os.environ.get("QT_QPA_PLATFORM")
    )


def _ensure_platform() -> None:
    if no_display():  # build_window() for the benchmarks: offscreen is what they measure
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run(db: str | None = None, smoke: bool = False) -> int:
    """Open the main window on `db` (default project if None) and run until it closes; exit status.

    With no display (see no_display) prints NO_DISPLAY to stderr and returns 1 before reading or
    writing anything: no settings file, no project file.
    """
    if no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.core.errors import KztError
    from kzt_annotator.settings import default_annotator, load_settings, save_settings
    from kzt_annotator.store.repository import open_repository
    from kzt_annotator.ui.main_window import MainWindow
    from kzt_annotator.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    settings = load_settings()
    from kzt_annotator.ui.colours import apply_colour_settings

    apply_colour_settings(settings.colours)
    if smoke:
        db = str(Path(tempfile.mkdtemp(prefix="kzt-smoke-")) / "smoke.sqlite")
    try:
        repo = open_repository(db, backup_keep=settings.backup_keep)
    except KztError as exc:
        print(f"kzt-annotator: error: {exc}", file=sys.stderr)
        return 1
    window = MainWindow(repo, settings, default_annotator(settings))
    settings.remember_project(repo.name)
    save_settings(settings)
    window.show()
    settle_heap()
    if smoke:
        return _smoke(app, window)
    if not settings.annotator and not os.environ.get("KZT_ANNOTATOR_USER"):
        window.switch_annotator()  # first start: ask who is annotating
    return app.exec()


def _smoke(app, window) -> int:
    """Open the window, import one sample article, exit 0 if it arrived (packaging check)."""
    from kzt_annotator.ui.resources import sample_articles_dir

    sample = sorted(sample_articles_dir().glob("*.txt"))[0]
    job = window.start_import([sample])
    job.finished.connect(lambda _report: app.quit())
    job.failed.connect(lambda _message: app.exit(1))
    app.exec()
    ok = window.repo.count_articles() == 1 and window.workspace.article is not None
    print("smoke: ok" if ok else "smoke: FAILED")
    window.close()
    return 0 if ok else 1
