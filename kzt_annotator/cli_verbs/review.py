"""Verbs for reviewing: review, agreement."""

from __future__ import annotations

import argparse
import csv
import sys

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.kinds import Status
from kzt_annotator.services.review import agreement_reports, review
from kzt_annotator.settings import default_annotator


def cmd_review(args: argparse.Namespace) -> int:
    status = Status.ACCEPTED if args.accept else Status.REJECTED
    repo = open_repo(args)
    try:
        saved = review(repo, args.annotation, status, args.reviewer or default_annotator(), args.note or "")
    finally:
        repo.close()
    print(
        f"{saved.status.value}: {str(saved.kind)} “{saved.text}” by {saved.annotator} "
        f"(reviewer {saved.reviewer})"
    )
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from kzt_annotator.core.agreement_table import (
        ATTRIBUTE_COLUMNS,
        PAIR_COLUMNS,
        attribute_rows,
        pair_rows,
        report_json,
    )
    from kzt_annotator.core.intervals import rules_from_settings
    from kzt_annotator.settings import load_settings

    repo = open_repo(args)
    try:
        article_id = repo.resolve_article(args.article).id if args.article else None
        rules = rules_from_settings(load_settings().qualifier_rules)
        reports = agreement_reports(repo, args.annotators, article_id, rules)
    finally:
        repo.close()
    if args.format == "json":
        print_json([report_json(r) for r in reports])
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(PAIR_COLUMNS)
        writer.writerows(pair_rows(reports))
        writer.writerow([])
        writer.writerow(ATTRIBUTE_COLUMNS)
        writer.writerows(attribute_rows(reports))
        return 0
    print(table(PAIR_COLUMNS, pair_rows(reports)))
    attributes = attribute_rows(reports)
    if attributes:
        print()
        print(table(ATTRIBUTE_COLUMNS, attributes))
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("review", parents=[parent], help="accept or reject an annotation")
    p.add_argument("annotation", metavar="ANNOTATION_ID")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--accept", action="store_true")
    decision.add_argument("--reject", action="store_true")
    p.add_argument("--note")
    p.add_argument("--reviewer")
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("agreement", parents=[parent], help="inter-annotator agreement")
    p.add_argument("--annotators", nargs="+", metavar="NAME")
    p.add_argument("--article")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_agreement)
