"""`kzt-annotator <verb>`: headless work from the shell. With no verb, the GUI opens."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from kzt_annotator import __version__, cli_client
from kzt_annotator.core.errors import KztError
from kzt_annotator.io.errors import describe_os_error


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a bad command line as one line and exit 1 (not a usage block, 2)."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        raise SystemExit(1)


# The modules that register verbs, in help order. A verb's module is imported only when that verb
# runs (a start-up of a fraction of a second, not the whole application's imports).
VERB_MODULES = (
    "articles",
    "intake",
    "annotations",
    "figures",
    "exchange",
    "maintenance",
    "review",
    "curation",
    "qda",
    "reports",
    "schema",
    "codebook",
    "variables",
    "search",
)
# verb -> its module. A verb missing here still works (then every module is loaded);
# tests/cli/test_cli_start.py checks that the table is complete.
VERBS = {
    "import": "articles", "articles": "articles", "show": "articles", "set-meta": "articles",
    "duplicates": "intake", "import-url": "intake", "import-feed": "intake",
    "annotate": "annotations", "annotations": "annotations", "delete-annotation": "annotations",
    "suggest": "figures", "discrepancies": "figures", "claims": "figures", "merge-keys": "figures",
    "claim-keys": "figures", "tag-all": "figures",
    "export-csv": "exchange", "export-jsonld": "exchange", "export-brat": "exchange",
    "export-bundle": "exchange", "export-html": "exchange", "import-annotations": "exchange",
    "backups": "maintenance", "restore": "maintenance", "replace-text": "maintenance",
    "rebuild-figure-index": "maintenance", "rebuild-search-index": "maintenance",
    "init": "maintenance", "orphans": "maintenance",
    "review": "review", "agreement": "review",
    "role": "curation", "finish": "curation", "curate": "curation", "curation-status": "curation",
    "export-qdpx": "qda", "import-qdpx": "qda",
    "export-report": "reports", "export-code-frequencies": "reports", "export-cooccurrence": "reports",
    "schema": "schema", "relate": "schema", "relations": "schema", "unrelate": "schema",
    "codebook": "codebook",
    "variable": "variables", "delete-article": "variables",
    "search": "search",
}  # fmt: skip


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every verb, or only the verbs of the module `only` (see VERB_MODULES)."""
    db_help = "project file or database URL (default: $KZT_ANNOTATOR_DB, else the user data dir)"
    # --db works before or after the verb; SUPPRESS keeps a subparser from resetting it to None.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL", default=argparse.SUPPRESS, help=db_help)
    writer = argparse.ArgumentParser(add_help=False)
    writer.add_argument(
        "--annotator",
        metavar="NAME",
        help="who is annotating (default: $KZT_ANNOTATOR_USER, then the settings)",
    )

    parser = OneLineParser(
        prog="kzt-annotator",
        description="Annotate news articles and compare how outlets report the same events. "
        "With no verb the desktop application opens.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for name in [only] if only else VERB_MODULES:
        module = importlib.import_module(f"kzt_annotator.cli_verbs.{name}")
        wants_writer = module.register.__code__.co_argcount > 2
        module.register(sub, common, writer) if wants_writer else module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: a verb runs in the warm server when one runs (cli_client.py), else here,
    and then starts one for the next verbs. Exit status 0, 1 for bad input, 70 for a bug."""
    if getattr(sys, "frozen", False):  # import workers in a frozen (PyInstaller) build
        import multiprocessing  # not on every start: it costs a verb ~40 ms

        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    served = _verb_of(argv) is not None and "--smoke" not in argv and cli_client.usable()
    if served:
        try:
            code = cli_client.run_served(argv)
        except KeyboardInterrupt:  # Ctrl-C before the server had the verb: nothing ran
            print("kzt-annotator: interrupted", file=sys.stderr)
            return 130
        if code is not None:
            return code
    _hold_collector()
    try:
        code = run(argv)
    finally:
        _release_collector()
    if served:
        cli_client.trace("direct")
        cli_client.start_server()
    return code


def run(argv: list[str]) -> int:
    """Parse `argv` and run its verb in this process (with no verb, the GUI opens)."""
    verb = _verb_of(argv)
    if verb == "search":  # `search troops -CSTO`: the -word is the query's, not an option
        from kzt_annotator.cli_verbs.search import minus_words

        argv = minus_words(argv)
    parser = build_parser(VERBS.get(verb or ""))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a bad command line (1, one line)
        return exc.code if isinstance(exc.code, int) else 1
    if args.verb is None:
        _release_collector()  # the window manages the collector itself (ui/app.py, settle_heap)
        # Qt is loaded only for the GUI; the verbs never import it.
        gui = importlib.import_module("kzt_annotator.ui.app")
        return int(gui.run(db=args.db, smoke=args.smoke))
    try:
        code = int(args.func(args))
        _flush_output()
        return code
    except KztError as exc:
        print(f"kzt-annotator: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kzt-annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        _drop_output()
        return 0
    except UnicodeEncodeError as exc:  # a character the output's encoding (not UTF-8) cannot write
        if exc.encoding.replace("_", "-").lower() in {"utf-8", "utf8"}:
            return _unexpected(exc)  # not the output's encoding: a real bug
        print(
            f"kzt-annotator: error: the output's encoding ({exc.encoding}) cannot write "
            f"{exc.object[exc.start : exc.end]!r}; set PYTHONIOENCODING=utf-8 "
            "(or a UTF-8 locale) and run it again",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:  # the disk, the file system or a path the user gave
        _drop_output()
        print(f"kzt-annotator: error: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for a user; say what happened
        if _is_database_error(exc):
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            advice = (
                "; the project file is damaged: restore a backup (`kzt-annotator backups`, then `restore`)"
                if "malformed" in reason or "not a database" in reason
                else ""
            )
            print(f"kzt-annotator: database error: {reason}{advice}", file=sys.stderr)
            return 1
        return _unexpected(exc)


# -- the garbage collector while a verb starts ---------------------------------------------------
# A verb's start loads SQLAlchemy, its ORM and the models: about 100,000 objects the collector
# tracks, nearly all of which live until the process ends. While they load, Python's cyclic
# collector walks them again and again (`articles`: 146 young, 13 middle and one full collection,
# which freed about 700 objects between them), and at exit it walks everything once more. So the
# collector is off from the verb's start until its project is open (`start_done`); what start-up
# built is then moved out of its reach (gc.freeze: such objects are still freed by reference
# counting when dropped, only a reference cycle among them outlives its use) and it runs as usual
# for the verb's own work; at exit nothing is walked. Whole process of `articles`, medians of 21:
# 0.36 s with the collector as Python runs it, 0.29 s with only the exit's walk skipped, 0.25 s
# with both (a bare Python start: 0.02 s).
# Only in a process that has not loaded the database code yet (a verb run from the shell, not a
# test or a script calling main() again), and never for the GUI (ui/app.py freezes its own start).
_held = False


def _hold_collector() -> None:
    global _held
    if gc.isenabled() and "sqlalchemy" not in sys.modules:
        gc.disable()
        _held = True


def _release_collector() -> None:
    """Turn the collector back on if the verb never opened a project (nothing is frozen)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def start_done() -> None:
    """The verb's project is open: its start is over (see above). Nothing when not held."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
        atexit.register(gc.freeze)  # at exit: what the verb built is not walked either


def _unexpected(exc: BaseException) -> int:
    """A real bug: one line asking for a report, exit 70 (never a traceback)."""
    print(
        f"kzt-annotator: unexpected error ({type(exc).__name__}: {exc}); "
        "please report it with the command you ran",
        file=sys.stderr,
    )
    return 70


def _flush_output() -> None:
    """Write out what the verb printed now, so that a full disk is reported as one line and exit 1
    (a closed pipe: nothing, exit 0) instead of being lost or left to the interpreter's flush at
    exit (a traceback-like message and exit 120). Raises BrokenPipeError or OSError."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, "the standard output") from exc


def _drop_output() -> None:
    """After output failed: point descriptor 1 at /dev/null (what it still holds is dropped), so
    the interpreter's flush at exit does not fail again. Nothing happens when it can be written."""
    try:
        if sys.stdout is None:
            return
        sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _verb_of(argv: list[str]) -> str | None:
    """The verb in `argv`: the first word that is neither an option nor the value of --db."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--db":
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def _is_database_error(exc: Exception) -> bool:
    """A SQLAlchemyError, told apart without importing SQLAlchemy for verbs that never use it."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.SQLAlchemyError)


if __name__ == "__main__":
    raise SystemExit(main())
