"""`kzt-annotator <verb>`: headless work from the shell. With no verb, the GUI opens."""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys
from collections.abc import Sequence

from sqlalchemy.exc import SQLAlchemyError

from kzt_annotator import __version__
from kzt_annotator.cli_verbs import (
    annotations,
    articles,
    codebook,
    curation,
    exchange,
    figures,
    intake,
    maintenance,
    review,
    schema,
    variables,
)
from kzt_annotator.cli_verbs import qda as qda_verbs
from kzt_annotator.cli_verbs import reports as report_verbs
from kzt_annotator.core.errors import KztError


def build_parser() -> argparse.ArgumentParser:
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

    parser = argparse.ArgumentParser(
        prog="kzt-annotator",
        description="Annotate news articles and compare how outlets report the same events. "
        "With no verb the desktop application opens.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None, help=db_help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    articles.register(sub, common)
    intake.register(sub, common)
    annotations.register(sub, common, writer)
    figures.register(sub, common)
    exchange.register(sub, common)
    maintenance.register(sub, common)
    review.register(sub, common)
    curation.register(sub, common, writer)
    qda_verbs.register(sub, common)
    report_verbs.register(sub, common)
    schema.register(sub, common, writer)
    codebook.register(sub, common)
    variables.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # import workers in a frozen (PyInstaller) build
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        # Qt is loaded only for the GUI; the verbs never import it.
        gui = importlib.import_module("kzt_annotator.ui.app")
        return int(gui.run(db=args.db, smoke=args.smoke))
    try:
        return int(args.func(args))
    except KztError as exc:
        print(f"kzt-annotator: error: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        print(f"kzt-annotator: database error: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("kzt-annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for a user; say what happened
        print(
            f"kzt-annotator: unexpected error ({type(exc).__name__}: {exc}); "
            "please report it with the command you ran",
            file=sys.stderr,
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
