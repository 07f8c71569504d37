"""Verbs for bringing articles in from the web and seeing syndicated copies: import-url,
import-feed, duplicates."""

from __future__ import annotations

import argparse
import sys

from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.io.jsonfmt import group_json, iso


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


def _report(report) -> int:  # type: ignore[no-untyped-def]
    for article in report.imported:
        print(f"imported  #{article.id}  {article.title}")
    for dup in report.duplicates:
        print(f"duplicate {dup.path} (same text as article #{dup.existing_id})")
    for failure in report.failed:
        print(f"failed    {failure.path}: {failure.reason}", file=sys.stderr)
    print(f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, {len(report.failed)} failed")
    return 1 if report.failed else 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "duplicates", parents=[parent], help="list groups of near-duplicate (syndicated) articles"
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_duplicates)
