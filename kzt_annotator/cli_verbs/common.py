"""Helpers shared by CLI verbs: opening the project, output, attribute arguments."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kzt_annotator.core.errors import InvalidInput

if TYPE_CHECKING:  # the database code loads when a verb opens the project, not with this module
    from kzt_annotator.store.repository import Repository


# Verbs that may make a new, empty project file when --db names one that does not exist yet:
# `init` (explicitly) and the verbs that import (`codebook import` too). Every other verb
# refuses a missing project, so a mistyped --db never silently starts afresh.
def creates_project(verb: str | None, action: str | None = None) -> bool:
    if verb == "codebook":
        return action == "import"
    return verb is not None and (verb == "init" or verb.startswith("import"))


# Verbs that only read the project (and exports): they take no on-open backup (a copy of the
# whole file for a read that changes nothing); the next verb that writes takes it. A migration
# on opening still backs up first.
READING_VERBS = frozenset(
    {
        "articles",
        "show",
        "annotations",
        "suggest",
        "discrepancies",
        "claims",
        "agreement",
        "curation-status",
        "export-csv",
        "export-jsonld",
        "export-brat",
        "export-bundle",
        "export-html",
        "export-qdpx",
        "export-report",
        "export-code-frequencies",
        "export-cooccurrence",
        "duplicates",
        "search",
        "relations",
    }
)


def warn(message: str) -> None:
    print(f"kzt-annotator: warning: {message}", file=sys.stderr)


def open_repo(args: argparse.Namespace) -> Repository:
    from kzt_annotator.cli import start_done
    from kzt_annotator.store.repository import open_repository  # SQLAlchemy: when a verb needs it

    verb = getattr(args, "verb", None)
    repo = open_repository(
        args.db,
        create=creates_project(verb, getattr(args, "codebook_verb", None)),
        backup_on_open=verb not in READING_VERBS,
    )
    start_done()  # the collector runs again, without the start's objects (see cli.py)
    return repo


def annotator_name(args: argparse.Namespace) -> str:
    """--annotator, else the database login in team mode (PostgreSQL), else the default name."""
    explicit = (getattr(args, "annotator", None) or "").strip()
    if explicit:
        return explicit
    from kzt_annotator.settings import default_annotator  # the settings file: only when needed
    from kzt_annotator.store.location import database_login, resolve_db_url

    return database_login(resolve_db_url(getattr(args, "db", None))) or default_annotator().strip()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")


def parse_attr_args(pairs: list[str] | None) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(f"--attr {pair!r}: write it as NAME=VALUE (for example value=2500)")
        values[name.strip()] = value
    return values


STATUS_HELP = (
    "review status; `curated` selects annotators' annotations taken into the curated layer "
    "(the curated layer itself is --annotator curated)"
)


def status_choices() -> list[str]:
    """The review statuses `--status` accepts: proposed, accepted, rejected, curated (core.kinds)."""
    from kzt_annotator.core.kinds import Status

    return [s.value for s in Status]


def check_filter(repo: Repository, kind: str | None, annotator: str | None) -> None:
    """Refuse (InvalidInput, one line) a --kind the schema lacks or an --annotator the project has
    never seen, so a typo is not an empty listing or an empty export that looks like success.
    The curated layer's name (`curated`) is an annotator here like any other."""
    if kind:
        repo.schema().kind(kind)  # names the kinds
    if annotator:
        names = [a.name for a in repo.annotators()]
        if annotator not in names:
            known = ", ".join(names) if names else "none yet"
            raise InvalidInput(f"no annotations by {annotator!r} (annotators: {known}); check --annotator")
