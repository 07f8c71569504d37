"""Verbs for reviewing: review, agreement."""

from __future__ import annotations

import argparse

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services.review import agreement_report, review
from kzt_annotator.settings import default_annotator


def cmd_review(args: argparse.Namespace) -> int:
    status = Status.ACCEPTED if args.accept else Status.REJECTED
    repo = open_repo(args)
    try:
        saved = review(repo, args.annotation, status, args.reviewer or default_annotator(), args.note or "")
    finally:
        repo.close()
    print(
        f"{saved.status.value}: {saved.kind.value} “{saved.text}” by {saved.annotator} "
        f"(reviewer {saved.reviewer})"
    )
    return 0


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def report_json(report) -> dict:
    return {
        "scope": report.scope,
        "annotators": report.annotators,
        "units": report.units,
        "alpha_kind": report.alpha_kind,
        "alpha_value_interval": report.alpha_value_interval,
        "alpha_attributes": report.alpha_attributes,
        "pairs": [
            {
                "first": p.first,
                "second": p.second,
                "f1_exact": p.f1_exact,
                "f1_overlap": p.f1_overlap,
                "cohen_kappa": p.cohen_kappa,
                "matched": p.matched,
                "matched_value_differs": p.value_differs,
                "missed_by_first": p.missed_by_first,
                "missed_by_second": p.missed_by_second,
            }
            for p in report.pairs
        ],
    }


def cmd_agreement(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article_id = repo.resolve_article(args.article).id if args.article else None
        overall = agreement_report(repo, args.annotators, article_id)
        reports = [overall] + [
            agreement_report(repo, overall.annotators, article_id, kind.value) for kind in Kind
        ]
    finally:
        repo.close()
    if args.format == "json":
        print_json([report_json(r) for r in reports])
        return 0
    rows = []
    for r in reports:
        for p in r.pairs:
            rows.append(
                (
                    r.scope,
                    f"{p.first} / {p.second}",
                    _num(p.f1_exact),
                    _num(p.f1_overlap),
                    _num(p.cohen_kappa),
                    p.matched,
                    p.value_differs,
                    p.missed_by_first,
                    p.missed_by_second,
                    _num(r.alpha_kind),
                    _num(r.alpha_value_interval),
                )
            )
    print(
        table(
            [
                "scope",
                "annotators",
                "F1 exact",
                "F1 overlap",
                "kappa",
                "matched",
                "value differs",
                "missed by 1st",
                "missed by 2nd",
                "alpha kind",
                "alpha value",
            ],
            rows,
        )
    )
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
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_agreement)
