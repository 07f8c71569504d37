"""Verbs on articles: import, articles, show, set-meta."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.io.limits import max_file_bytes


def cmd_import(args: argparse.Namespace) -> int:
    from kzt_annotator.services.import_files import collect_files
    from kzt_annotator.services.import_leftovers import nothing_to_import, scan_folders
    from kzt_annotator.services.import_workers import start_early

    max_file_bytes()  # a bad $KZT_ANNOTATOR_MAX_FILE_MB is refused before anything is opened
    scan = scan_folders(Path(p) for p in args.paths)  # names only: unsupported files are never opened
    refusal = nothing_to_import([Path(p) for p in args.paths], scan)
    if refusal:
        raise InvalidInput(refusal)
    # A large import's worker processes start loading now, while this process imports the
    # database code and opens the project (about 1 s each, side by side on two cores).
    start_early(len(collect_files(Path(p) for p in args.paths)[0]))
    from kzt_annotator.services.importing import import_paths  # readers and their libraries: import only

    repo = open_repo(args)
    try:
        report = import_paths(repo, args.paths)
    finally:
        repo.close()
    for article in report.imported:
        print(f"imported  #{article.id}  {article.title}")
    for dup in report.duplicates:
        print(f"duplicate {dup.path} (same text as article #{dup.existing_id})")
    for failure in report.failed:
        print(f"failed    {failure.path}: {failure.reason}", file=sys.stderr)
    for note in report.warnings:
        print(f"warning   {note.path}: {note.reason}", file=sys.stderr)
    for left_out in report.skipped:
        print(f"skipped   {left_out.path}: {left_out.reason}", file=sys.stderr)
    summary = (
        f"{len(report.imported)} imported, {len(report.duplicates)} duplicate, {len(report.failed)} failed"
    )
    summary += f", {len(report.skipped)} skipped" if report.skipped else ""
    print(summary + (f"; {scan.left_out()}" if scan.unsupported else ""))
    return 1 if report.failed else 0


def cmd_articles(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        from kzt_annotator.services.project import article_summaries  # with the database code

        summaries = article_summaries(repo)
    finally:
        repo.close()
    if args.format != "table":
        from kzt_annotator.io.jsonfmt import summary_json  # the JSON and CSV forms only
    if args.format == "json":
        print_json([summary_json(s) for s in summaries])
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        cols = [
            "id",
            "title",
            "outlet",
            "author",
            "published",
            "url",
            "sha256",
            "source_file",
            "chars",
            "claim",
            "attribution",
            "figure",
        ]
        writer.writerow(cols)
        for s in summaries:
            data = summary_json(s)
            writer.writerow([data[c] if c in data else s.counts.get(c, 0) for c in cols])
    else:
        rows = [
            (
                s.id,
                s.title,
                s.outlet or "",
                s.published or "",
                s.chars,
                s.counts.get("claim", 0),
                s.counts.get("attribution", 0),
                s.counts.get("figure", 0),
                s.sha256[:10],
            )
            for s in summaries
        ]
        print(
            table(["id", "title", "outlet", "date", "chars", "claims", "attrib", "figures", "sha256"], rows)
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
    finally:
        repo.close()
    if args.format == "json":
        from kzt_annotator.io.jsonfmt import article_json

        print_json(article_json(article))
        return 0
    print(f"# {article.title}")
    for label, value in (
        ("id", article.id),
        ("outlet", article.outlet),
        ("author", article.author),
        ("published", article.published),
        ("url", article.url),
        ("language", article.language),
        ("section", article.section),
        ("length", f"{article.length_words} words" if article.length_words else None),
        ("sha256", article.sha256),
        ("source", article.source_file),
        ("export", f"{article.export_file} #{article.export_index}" if article.export_file else None),
        ("fetched", article.fetched_at.isoformat(timespec="seconds") if article.fetched_at else None),
        ("pages", f"{article.pages[0].page}-{article.pages[-1].page}" if article.pages else None),
        ("syndicated", f"group {article.syndication_group}" if article.syndication_group else None),
    ):
        if value:
            print(f"{label}: {value}")
    print()
    print(article.text)
    return 0


def cmd_set_meta(args: argparse.Namespace) -> int:
    from kzt_annotator.core.variables import parse_assignment

    fields = {name: getattr(args, name) for name in ("title", "outlet", "author", "url", "language", "memo")}
    fields = {name: value for name, value in fields.items() if value is not None}
    if args.date is not None:
        fields["published"] = args.date
    assignments = dict(parse_assignment(pair) for pair in args.var or [])
    if not fields and not assignments:
        raise InvalidInput(
            "nothing to change: give --title, --outlet, --author, --date, --url, --language, --memo or --var"
        )
    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
        from kzt_annotator.services.metadata import edit_metadata

        edit_metadata(repo, [article.id], fields, assignments)
    finally:
        repo.close()
    shown = {**fields, **assignments}
    print(f"updated article #{article.id}: " + ", ".join(f"{k}={v}" for k, v in shown.items()))
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[parent], help="import article files or folders")
    p.add_argument(
        "paths",
        nargs="+",
        help="files (.txt .md .html .docx .rtf .pdf; LexisNexis, Nexis Uni and Factiva exports) or folders",
    )
    p.add_argument("--annotator", metavar="NAME", help="who is importing (accepted by every write verb)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("articles", parents=[parent], help="list articles")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_articles)

    p = sub.add_parser("show", parents=[parent], help="show one article")
    p.add_argument("article", help="article id or sha256 prefix")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("set-meta", parents=[parent], help="edit an article's metadata")
    p.add_argument("article")
    for name in ("title", "outlet", "author", "url", "language", "memo"):
        p.add_argument(f"--{name}")
    p.add_argument("--date", help="publication date, YYYY-MM-DD ('' clears it)")
    p.add_argument(
        "--var", action="append", metavar="NAME=VALUE", help="a document variable's value ('' clears it)"
    )
    p.set_defaults(func=cmd_set_meta)
