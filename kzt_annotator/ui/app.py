"""Start the desktop application: settings, annotator identity, project, main window."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from kzt_annotator import APP_NAME, __version__


def build_window(db: str | None = None):
    """QApplication and the start window for `db`, shown (used by the benchmarks).

    The start window (ui/startup.py) paints at once; the project opens and the main window is
    built once the event loop is free after that paint. `start.finish()` builds it now and
    returns the main window."""
    _ensure_platform()
    app = _application()
    start = _start_window(db, _reraise)
    start.show()
    return app, start


def _reraise(exc: BaseException) -> None:
    raise exc


def _application():  # noqa: ANN202 - QApplication, imported here
    from PySide6.QtWidgets import QApplication

    from kzt_annotator.ui.startup import read_sources_uncached

    read_sources_uncached()  # before the other imports: see its docstring
    from kzt_annotator.ui.resources import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def _start_window(db: str | None, on_error, after=None):  # noqa: ANN001, ANN202
    """The start window for `db`; once painted it opens the project with the user's settings and
    builds the main window (then calls `after(window, settings)`). The project's name comes from
    the path alone: nothing heavy is imported before the first paint."""
    from kzt_annotator.config_location import config_dir
    from kzt_annotator.store.location import describe, resolve_db_url
    from kzt_annotator.ui.startup import StartWindow

    opened: dict = {}

    def open_main():  # noqa: ANN202
        window, opened["settings"] = _main_window(db)
        return window

    then = None if after is None else (lambda window: after(window, opened["settings"]))
    return StartWindow(describe(resolve_db_url(db)), open_main, on_error, config_dir() / "window.ini", then)


def _main_window(db: str | None):  # noqa: ANN202 - (MainWindow, Settings)
    """Open the project at `db` with the user's settings and show the main window on it."""
    from kzt_annotator.services.project import login, open_project
    from kzt_annotator.settings import default_annotator, load_settings
    from kzt_annotator.ui.colours import apply_colour_settings
    from kzt_annotator.ui.main_window import MainWindow

    settings = load_settings()
    apply_colour_settings(settings.colours)
    repo = open_project(db, backup_keep=settings.backup_keep)
    # Team mode: the database login is who annotates (core.curation: nobody under another name).
    window = MainWindow(repo, settings, login(repo) or default_annotator(settings))
    window.show()
    settle_heap()
    return window, settings


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
    writing anything: no settings file, no project file. The start window paints first; a
    project that cannot be opened is then reported on stderr and in a message box (one line,
    what happened and what to do), with exit status 1 once the box is closed.
    """
    if no_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    from kzt_annotator.core.errors import KztError

    app = _application()
    if smoke:
        import tempfile

        db = str(Path(tempfile.mkdtemp(prefix="kzt-smoke-")) / "smoke.sqlite")
    status = {"code": 0}
    starts: list = []  # the start windows (a second one after restoring a damaged project)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, KztError):  # one clear line, as the command-line verbs give it
            message = str(exc)
            print(f"kzt-annotator: error: {message}", file=sys.stderr)
            status["code"] = 1
            if not smoke and _damaged(exc):  # a desktop user never typed --db: say it in the GUI's words
                restored = _restore_at_start(exc)
                if restored:
                    status["code"] = 0
                    starts.append(_start_window(db, failed, opened))
                    starts[-1].show()
                    return
                if restored is False:  # the user saw the box and quit (or was told why it failed)
                    app.exit(status["code"])
                    return
                message = _damaged_text(exc)
        else:  # a bug: the whole traceback, and the status the verbs use for one
            import traceback

            traceback.print_exception(exc)
            message = f"an unexpected error stopped the start ({type(exc).__name__}: {exc})"
            status["code"] = 70
        if not smoke:  # a desktop user sees no terminal: say it on screen too
            show_start_error(message)
        app.exit(status["code"])

    def opened(window, settings) -> None:  # noqa: ANN001
        from kzt_annotator.services.project import project_name
        from kzt_annotator.settings import save_settings

        settings.remember_project(project_name(window.repo))
        save_settings(settings)
        if smoke:
            _smoke(app, window, status)
        elif not settings.annotator and not os.environ.get("KZT_ANNOTATOR_USER"):
            window.switch_annotator()  # first start: ask who is annotating

    starts.append(_start_window(db, failed, opened))
    starts[-1].show()
    code = app.exec()
    return status["code"] or code


def _damaged(exc: BaseException) -> bool:
    from kzt_annotator.services.project import DamagedProject

    return isinstance(exc, DamagedProject)


def _damaged_text(exc) -> str:  # noqa: ANN001 - a DamagedProject
    from kzt_annotator.services.project import damaged_project_text

    return damaged_project_text(exc, at_start=True)


def _restore_at_start(exc) -> bool | None:  # noqa: ANN001 - a DamagedProject
    """Offer to restore the damaged project's newest backup in the start's error box; True once
    restored (the start is then tried again), False when the user quits or the restore fails
    (said in a box), None when it has no backups (nothing was asked)."""
    from PySide6.QtWidgets import QMessageBox

    from kzt_annotator.core.errors import KztError
    from kzt_annotator.services.project import damaged_file_backups, restore_damaged

    found = damaged_file_backups(exc)
    if not found:
        return None
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "The project could not be opened.")
    box.setInformativeText(_damaged_text(exc))
    box.setAccessibleName("Start failed")
    restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        restore_damaged(exc, found[0])
    except KztError as error:
        show_start_error(str(error))
        return False
    print(f"kzt-annotator: restored {exc.path} from {found[0].path}", file=sys.stderr)
    return True


def show_start_error(message: str) -> None:
    """The one line of a failed start in a message box (returns once it is closed)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "The project could not be opened.")
    box.setInformativeText(message)
    box.setAccessibleName("Start failed")
    box.exec()


def _smoke(app, window, status: dict) -> None:  # noqa: ANN001
    """Import one sample article, then quit: exit 0 if it arrived (packaging check)."""
    from kzt_annotator.ui.resources import sample_articles_dir

    sample = sorted(sample_articles_dir().glob("*.txt"))[0]
    job = window.start_import([sample])

    def done(_report) -> None:  # noqa: ANN001
        from kzt_annotator.services.project import count_articles

        ok = count_articles(window.repo) == 1 and window.workspace.article is not None
        print("smoke: ok" if ok else "smoke: FAILED")
        status["code"] = 0 if ok else 1
        window.close()
        app.exit(status["code"])

    def broke(_message) -> None:  # noqa: ANN001
        print("smoke: FAILED")
        status["code"] = 1
        window.close()
        app.exit(1)

    job.finished.connect(done)
    job.failed.connect(broke)
