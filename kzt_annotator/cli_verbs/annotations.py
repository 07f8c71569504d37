"""Verbs on annotations: annotate, annotations, delete-annotation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import (
    STATUS_HELP,
    annotator_name,
    check_filter,
    open_repo,
    parse_attr_args,
    print_json,
    status_choices,
)
from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.discrepancy import normalise_key
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.io.jsonfmt import annotation_json
from kzt_annotator.services import annotating
from kzt_annotator.store.repository import AnnotationFilter


def cmd_annotate(args: argparse.Namespace) -> int:
    if args.from_file is not None:
        return _annotate_from_file(args)
    missing = [f for f, v in (("ARTICLE", args.article), ("--kind", args.kind), ("--start", args.start),
                              ("--end", args.end)) if v is None]  # fmt: skip
    if missing:
        raise InvalidInput(
            f"annotate needs {', '.join(missing)} (or --from-file FILE for many spans at once)"
        )
    from kzt_annotator.services.figures import known_quantity_keys, similar_quantity_key

    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
        attrs = parse_attr_args(args.attr)
        similar = None
        if attrs.get("quantity", "").strip():
            # Stored as typed (in key form); a similar existing key is only mentioned, as in the editor.
            similar = similar_quantity_key(attrs["quantity"], known_quantity_keys(repo))
            attrs["quantity"] = normalise_key(attrs["quantity"])
        annotation = annotating.new_annotation(
            article,
            args.kind,
            args.start,
            args.end,
            annotator_name(args),
            attrs,
            note=args.note or "",
            linked_ids=tuple(args.link or ()),
            schema=repo.schema(),
        )
        saved = annotating.annotate(repo, annotation)
        schema = repo.schema()
    finally:
        repo.close()
    if similar:
        print(
            f"note: quantity “{attrs['quantity']}” is kept as typed; a similar key exists: “{similar}” "
            f"(`merge-keys` joins keys that mean the same)",
            file=sys.stderr,
        )
    if args.format == "json":
        print_json(annotation_json(saved, schema))
    else:
        print(f"{saved.id}  {str(saved.kind)} {saved.start}-{saved.end} “{saved.text}”")
    return 0


def _annotate_from_file(args: argparse.Namespace) -> int:
    """Every row of a CSV or JSONL file in one process and one transaction (all or nothing)."""
    from kzt_annotator.io.annotation_rows import read_rows
    from kzt_annotator.services.annotating_batch import annotate_rows

    path = Path(args.from_file)
    rows = read_rows(path)
    repo = open_repo(args)
    try:
        result = annotate_rows(repo, rows, annotator_name(args), source=f"{path.name} row")
        schema = repo.schema()
    finally:
        repo.close()
    there = f", {result.already_there} already there (skipped)" if result.already_there else ""
    if args.format == "json":
        print_json([annotation_json(a, schema) for a in result.saved])
        if there:  # the JSON lists what was added; the count of skipped rows goes beside it
            print(f"note: {result.already_there} row(s) already there (skipped)", file=sys.stderr)
    else:
        print(f"{len(result.saved)} annotation(s) added from {path.name}{there}")
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article_id = repo.resolve_article(args.article).id if args.article else None
        schema = repo.schema()
        check_filter(repo, args.kind, args.annotator)
        found = repo.annotations(
            AnnotationFilter(
                article_id=article_id, kind=args.kind, annotator=args.annotator, status=args.status
            )
        )
    finally:
        repo.close()
    if args.format == "json":
        print_json([annotation_json(a, schema) for a in found])
        return 0
    rows = []
    for a in found:
        attrs = ", ".join(f"{k}={v}" for k, v in attributes_to_strings(a.attributes, schema).items() if v)
        rows.append(
            (
                a.id[:8],
                a.article_id,
                str(a.kind),
                a.start,
                a.end,
                a.text,
                attrs,
                a.annotator,
                a.status.value + (" (orphaned)" if a.orphaned else ""),
            )
        )
    print(table(["id", "article", "kind", "start", "end", "text", "attributes", "annotator", "status"], rows))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        gone = annotating.delete(repo, args.annotation, annotator_name(args))
    finally:
        repo.close()
    print(f"deleted {gone.id} ({str(gone.kind)} “{gone.text}”)")
    return 0


def register(
    sub: argparse._SubParsersAction, parent: argparse.ArgumentParser, writer: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("annotate", parents=[parent, writer], help="tag a span of an article")
    p.add_argument("article", nargs="?", help="article id or sha256 prefix")
    p.add_argument("--kind", help="claim, attribution, figure or a kind the project defines")
    p.add_argument("--start", type=int, help="start offset (Python str index)")
    p.add_argument("--end", type=int, help="end offset (exclusive)")
    p.add_argument(
        "--from-file",
        metavar="FILE",
        help="tag every row of a CSV or JSONL file (article, kind, start, end, attributes…) in one "
        "transaction: all rows or, if one is wrong, none",
    )
    p.add_argument("--attr", action="append", metavar="NAME=VALUE", help="an attribute; repeatable")
    p.add_argument("--note")
    p.add_argument(
        "--link",
        action="append",
        metavar="ANNOTATION_ID",
        help="link to another annotation (an attribution to the claim it supports)",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser("annotations", parents=[parent], help="list annotations")
    p.add_argument("--article")
    p.add_argument("--kind", help="claim, attribution, figure or a kind the project defines")
    p.add_argument("--annotator", help="only this annotator's (`curated`: the curated layer)")
    p.add_argument("--status", choices=status_choices(), help=STATUS_HELP)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("delete-annotation", parents=[parent, writer], help="delete one of your annotations")
    p.add_argument("annotation", help="annotation id")
    p.set_defaults(func=cmd_delete)
