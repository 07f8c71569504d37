"""`codebook` verbs: list, add, edit, rename, move, merge, split, delete, import, export."""

from __future__ import annotations

import argparse
from pathlib import Path

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.codebook import make_entry, parse_kind
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import CodebookEntry
from kzt_annotator.services import codebook as service
from kzt_annotator.settings import load_settings


def entry_json(entry: CodebookEntry, depth: int = 0) -> dict:
    return {
        "kind": entry.kind.value,
        "key": entry.key,
        "label": entry.label,
        "parent": entry.parent,
        "aliases": list(entry.aliases),
        "colour": entry.colour,
        "description": entry.description,
        "depth": depth,
    }


def cmd_list(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind) if args.kind else None
    repo = open_repo(args)
    try:
        rows = service.load(repo).tree(kind)
    finally:
        repo.close()
    if args.format == "json":
        print_json([entry_json(r.entry, r.depth) for r in rows])
        return 0
    print(
        table(
            ["kind", "key", "label", "aliases", "colour", "description"],
            [
                (
                    r.entry.kind.value,
                    "  " * r.depth + r.entry.key,
                    r.entry.label,
                    "; ".join(r.entry.aliases),
                    r.entry.colour,
                    r.entry.description,
                )
                for r in rows
            ],
        )
    )
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    entry = make_entry(
        parse_kind(args.kind),
        args.key,
        args.label,
        colour=args.colour,
        description=args.description or "",
        parent=args.parent,
        aliases=service.parse_aliases(args.alias),
    )
    repo = open_repo(args)
    try:
        service.add_entry(repo, entry)
    finally:
        repo.close()
    under = f" under {entry.parent!r}" if entry.parent else ""
    print(f"added {entry.kind.value} {entry.key!r}{under}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    if all(getattr(args, n) is None for n in ("label", "colour", "description", "alias")):
        raise InvalidInput("nothing to change: give --label, --colour, --description or --alias")
    repo = open_repo(args)
    try:
        before = service.require_entry(repo, kind, args.key)
        after = make_entry(
            kind,
            before.key,
            before.label if args.label is None else args.label,
            colour=before.colour if args.colour is None else args.colour,
            description=before.description if args.description is None else args.description,
            parent=before.parent,
            aliases=before.aliases if args.alias is None else service.parse_aliases(args.alias),
        )
        changes = service.update_entry(repo, after)
    finally:
        repo.close()
    print(f"updated {kind.value} {after.key!r}" + _rewritten(changes))
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    repo = open_repo(args)
    try:
        changes = service.rename_entry(repo, kind, args.key, args.new_key)
    finally:
        repo.close()
    print(f"renamed {kind.value} {args.key!r} to {args.new_key!r}" + _rewritten(changes))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    if (args.parent is None) == (not args.top):
        raise InvalidInput("give either --parent KEY or --top")
    repo = open_repo(args)
    try:
        service.move_entry(repo, kind, args.key, None if args.top else args.parent)
    finally:
        repo.close()
    print(
        f"moved {kind.value} {args.key!r} " + ("to the top level" if args.top else f"under {args.parent!r}")
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    repo = open_repo(args)
    try:
        changes = service.merge_entries(repo, kind, args.keys, args.into)
    finally:
        repo.close()
    print(f"merged {', '.join(args.keys)} into {kind.value} {args.into!r}" + _rewritten(changes))
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    repo = open_repo(args)
    try:
        new = make_entry(kind, args.new_key, args.label, parent=args.parent or args.key)
        ids = [repo.resolve_annotation_id(ref) for ref in args.annotation]  # prefixes as elsewhere
        changes = service.split_entry(repo, kind, args.key, new, ids)
    finally:
        repo.close()
    print(f"split {kind.value} {args.key!r}: new entry {new.key!r}" + _rewritten(changes))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind)
    repo = open_repo(args)
    try:
        service.delete_entry(repo, kind, args.key)
    finally:
        repo.close()
    print(f"deleted {kind.value} {args.key!r} (annotations keep their text)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        result = service.import_codebook(repo, Path(args.file), backup_keep=load_settings().backup_keep)
    finally:
        repo.close()
    print(result.summary)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    kind = parse_kind(args.kind) if args.kind else None
    repo = open_repo(args)
    try:
        count = service.export_codebook(repo, Path(args.file), kind)
    finally:
        repo.close()
    print(f"wrote {count} entries to {args.file}")
    return 0


def _rewritten(changes) -> str:  # noqa: ANN001
    n = len(changes.annotations)
    outlets = len(changes.articles) if not n else 0
    if n:
        return f"; {n} annotation(s) updated"
    return f"; {outlets} article(s) updated" if outlets else ""


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    top = sub.add_parser("codebook", parents=[parent], help="the codebook: list, add, rename, ...")
    verbs = top.add_subparsers(dest="codebook_verb", metavar="ACTION", required=True)
    kind_help = "quantity, speaker, claim_key, outlet or category"

    p = verbs.add_parser("list", parents=[parent], help="list entries as a tree")
    p.add_argument("--kind", help=kind_help)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_list)

    p = verbs.add_parser("add", parents=[parent], help="add an entry")
    p.add_argument("kind", metavar="KIND", help=kind_help)
    p.add_argument("key", metavar="KEY")
    p.add_argument("--label")
    p.add_argument("--parent", metavar="KEY")
    p.add_argument("--alias", action="append", metavar="A", help="a variant spelling (repeat it)")
    p.add_argument("--colour", "--color", dest="colour", metavar="#RRGGBB")
    p.add_argument("--description")
    p.set_defaults(func=cmd_add)

    p = verbs.add_parser("edit", parents=[parent], help="change label, colour, description or aliases")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--label")
    p.add_argument("--alias", action="append", metavar="A", help="replaces the aliases (repeat it)")
    p.add_argument("--colour", "--color", dest="colour", metavar="#RRGGBB")
    p.add_argument("--description")
    p.set_defaults(func=cmd_edit)

    p = verbs.add_parser("rename", parents=[parent], help="give an entry a new key (annotations follow)")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("key", metavar="KEY")
    p.add_argument("new_key", metavar="NEW_KEY")
    p.set_defaults(func=cmd_rename)

    p = verbs.add_parser("move", parents=[parent], help="put an entry under another one")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("key", metavar="KEY")
    p.add_argument("--parent", metavar="KEY")
    p.add_argument("--top", action="store_true", help="make it a top-level entry")
    p.set_defaults(func=cmd_move)

    p = verbs.add_parser("merge", parents=[parent], help="merge entries into one (annotations follow)")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("keys", metavar="KEY", nargs="+")
    p.add_argument("--into", required=True, metavar="KEY")
    p.set_defaults(func=cmd_merge)

    p = verbs.add_parser("split", parents=[parent], help="move some annotations to a new entry")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("key", metavar="KEY")
    p.add_argument("new_key", metavar="NEW_KEY")
    p.add_argument("--annotation", action="append", required=True, metavar="ID")
    p.add_argument("--label")
    p.add_argument("--parent", metavar="KEY", help="default: the entry being split")
    p.set_defaults(func=cmd_split)

    p = verbs.add_parser("delete", parents=[parent], help="delete an entry (children move up)")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("key", metavar="KEY")
    p.set_defaults(func=cmd_delete)

    p = verbs.add_parser("import", parents=[parent], help="add entries from a file (.csv)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_import)

    p = verbs.add_parser("export", parents=[parent], help="write the codebook to a file (.csv)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--kind", help=kind_help)
    p.set_defaults(func=cmd_export)
