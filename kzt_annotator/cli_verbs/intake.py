"""Verbs for bringing articles in from the web and seeing syndicated copies: import-url,
import-feed, duplicates."""

from __future__ import annotations

import argparse
import sys

from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.io.fetch import DEFAULT_TIMEOUT
from kzt_annotator.io.jsonfmt import group_json, iso
from kzt_annotator.io.limits import max_file_bytes
from kzt_annotator.services.importing import ImportReport


def cmd_duplicates(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        groups = repo.syndication_groups()
    finally:
        repo.close()
    if args.format == "json":
        print_json([group_json(g) for g in groups])
        return 0
    if not groups:
        print("no near-duplicate articles")
        return 0
    for group in groups:
        print(f"group {group.group_id}: {len(group.members)} articles, outlets: {', '.join(group.outlets)}")
        for m in group.members:
            print(f"  #{m.article_id}  {m.outlet or '(outlet unknown)'}  {iso(m.published) or ''}  {m.title}")
    return 0


def cmd_import_url(args: argparse.Namespace) -> int:
    from kzt_annotator.services.web_import import import_urls

    max_file_bytes()  # a bad $KZT_ANNOTATOR_MAX_FILE_MB is refused before anything is opened
    repo = open_repo(args)
    try:
        report = import_urls(repo, args.urls, timeout=args.timeout)
    finally:
        repo.close()
    return _report(report)


def cmd_import_feed(args: argparse.Namespace) -> int:
    from kzt_annotator.services.web_import import import_feed

    max_file_bytes()  # a bad $KZT_ANNOTATOR_MAX_FILE_MB is refused before anything is opened
    repo = open_repo(args)
    try:
        report = import_feed(repo, args.url, timeout=args.timeout)
    finally:
        repo.close()
    if report.already_seen:
        print(f"{report.already_seen} item(s) of this feed were imported before and were skipped")
    return _report(report)


def _report(report: ImportReport) -> int:
    for article in report.imported:
        print(f"imported  #{article.id}  {article.title}")
    for dup in report.duplicates:
        print(f"duplicate {dup.path} (same text as article #{dup.existing_id})")
    for failure in report.failed:
        print(f"failed    {failure.path}: {failure.reason}", file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, {len(report.failed)} failed")
    return 1 if report.failed else 0


def _timeout(value: str) -> int:
    try:
        seconds = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of seconds") from None
    if not 1 <= seconds <= 600:
        raise argparse.ArgumentTypeError("give between 1 and 600 seconds")
    return seconds


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    timeout_help = f"seconds to wait for a server to connect and for each read (default {DEFAULT_TIMEOUT})"
    p = sub.add_parser("import-url", parents=[parent], help="fetch web pages and import their articles")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--timeout", type=_timeout, default=DEFAULT_TIMEOUT, help=timeout_help)
    p.set_defaults(func=cmd_import_url)

    p = sub.add_parser("import-feed", parents=[parent], help="import the new items of an RSS or Atom feed")
    p.add_argument("url", metavar="URL")
    p.add_argument("--timeout", type=_timeout, default=DEFAULT_TIMEOUT, help=timeout_help)
    p.set_defaults(func=cmd_import_feed)

    p = sub.add_parser(
        "duplicates", parents=[parent], help="list groups of near-duplicate (syndicated) articles"
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_duplicates)
