"""Verbs that look after a project: backups, restore, replace-text, rebuild-figure-index,
rebuild-search-index."""

from __future__ import annotations

import argparse
from pathlib import Path

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.errors import KztError
from kzt_annotator.io.jsonfmt import annotation_json
from kzt_annotator.services.project import count_articles, project_name
from kzt_annotator.store.backup import list_backups, restore_backup
from kzt_annotator.store.location import resolve_db_url, sqlite_path


def _db_file(args: argparse.Namespace) -> Path:
    path = sqlite_path(resolve_db_url(args.db))
    if path is None:
        raise KztError("backups are for SQLite projects; back up a PostgreSQL server with pg_dump")
    return path


def cmd_backups(args: argparse.Namespace) -> int:
    path = _db_file(args)
    found = list_backups(path)
    if not found:
        print(f"no backups of {path} yet")
        return 0
    print(
        table(
            ["created (UTC)", "reason", "size", "file"],
            [
                (b.created.strftime("%Y-%m-%d %H:%M:%S"), b.reason, f"{b.size / 1024:.0f} KiB", b.path)
                for b in found
            ],
            max_width=200,
        )
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _db_file(args)
    backup = Path(args.backup)
    if not backup.exists():
        candidates = [b.path for b in list_backups(path) if b.path.name == args.backup]
        if candidates:
            backup = candidates[0]
    safety = restore_backup(path, backup)
    print(
        f"restored {path} from {backup}" + (f"; the replaced version was saved as {safety}" if safety else "")
    )
    return 0


def cmd_replace_text(args: argparse.Namespace) -> int:
    from kzt_annotator.services.revision import replace_text

    repo = open_repo(args)
    try:
        result = replace_text(repo, args.article, Path(args.file))
    finally:
        repo.close()
    print(
        f"article #{result.article_id}: {result.moved} annotation(s) re-anchored, "
        f"{result.unchanged} unchanged, "
        f"{len(result.orphaned)} orphaned"
    )
    for annotation in result.orphaned:
        print(f"orphaned  {annotation.id}  {str(annotation.kind)} “{annotation.text}”")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Create an empty project at --db (or check and upgrade the one there)."""
    repo = open_repo(args)
    try:
        articles = count_articles(repo)
    finally:
        repo.close()
    print(f"project {project_name(repo)}: {articles} article(s)")
    return 0


def cmd_orphans(args: argparse.Namespace) -> int:
    """List orphaned annotations; --place ID --start S --end E puts one back, --delete ID removes it."""
    from kzt_annotator.services import annotating, revision

    repo = open_repo(args)
    try:
        if args.place:
            if args.start is None or args.end is None:
                raise KztError("--place needs --start and --end: the span of the article to put it on")
            placed = revision.place_orphan(repo, args.place, args.start, args.end)
            print(f"placed    {placed.id}  {placed.kind.value} {placed.start}-{placed.end} “{placed.text}”")
            return 0
        if args.delete:
            target = repo.annotation(repo.resolve_annotation_id(args.delete))
            if not target.orphaned:
                raise KztError(f"annotation {target.id[:8]} is not an orphan; use delete-annotation")
            gone = annotating.delete(repo, target.id)
            print(f"deleted   {gone.id}  {gone.kind.value} “{gone.text}”")
            return 0
        article_id = repo.resolve_article(args.article).id if args.article else None
        found = revision.orphans(repo, article_id)
    finally:
        repo.close()
    if args.format == "json":
        print_json([annotation_json(a) for a in found])
        return 0
    rows = [(a.id[:8], a.article_id, a.kind.value, a.start, a.end, a.text, a.annotator) for a in found]
    print(table(["id", "article", "kind", "old start", "old end", "quote", "annotator"], rows))
    return 0


def cmd_rebuild_figure_index(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        repo.rebuild_figure_index()
        groups = len({row[0] for row in repo.figure_summary()})
    finally:
        repo.close()
    print(f"figure index rebuilt from the annotations: {groups} quantity key(s)")
    return 0


def cmd_rebuild_search_index(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        repo.rebuild_search_index()
    finally:
        repo.close()
    print("search index rebuilt from the articles and annotations")
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backups", parents=[parent], help="list the project's automatic backups")
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser(
        "restore", parents=[parent], help="restore a backup (the current file is backed up first)"
    )
    p.add_argument("backup", help="a backup file (path or name from `backups`)")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "replace-text", parents=[parent], help="swap in a revised article text, re-anchoring annotations"
    )
    p.add_argument("article")
    p.add_argument("file")
    p.set_defaults(func=cmd_replace_text)
    p = sub.add_parser("init", parents=[parent], help="create an empty project at --db (or check one)")
    p.set_defaults(func=cmd_init)
    p = sub.add_parser(
        "orphans",
        parents=[parent],
        help="annotations whose passage a revision removed: list, place or delete",
    )
    p.add_argument("--article", help="only this article")
    p.add_argument("--place", metavar="ANNOTATION_ID", help="put this orphan on --start/--end again")
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p.add_argument("--delete", metavar="ANNOTATION_ID", help="delete this orphan")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_orphans)
    p = sub.add_parser(
        "rebuild-figure-index",
        parents=[parent],
        help="refill the discrepancy panel's figure index from the annotations (a repair)",
    )
    p.set_defaults(func=cmd_rebuild_figure_index)
    p = sub.add_parser(
        "rebuild-search-index",
        parents=[parent],
        help="refill the full-text search index from the articles and annotations (a repair)",
    )
    p.set_defaults(func=cmd_rebuild_search_index)
