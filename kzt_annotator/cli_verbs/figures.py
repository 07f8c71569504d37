"""Verbs on figures and claims: suggest, discrepancies, claims, merge-keys."""

from __future__ import annotations

import argparse
import csv
import sys

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.core.attributes import format_number
from kzt_annotator.core.discrepancy import Report, report_date
from kzt_annotator.core.intervals import rules_from_settings
from kzt_annotator.core.kinds import Kind
from kzt_annotator.io.figures_json import claims_json, group_json, report_json, suggestion_json
from kzt_annotator.services.figures import (
    claims_matrix,
    discrepancies,
    merge_quantity_keys,
    orphaned_reports,
)
from kzt_annotator.services.suggestions import suggestions_for
from kzt_annotator.settings import load_settings


def cmd_suggest(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        articles = (
            [repo.resolve_article(args.article)]
            if args.article
            else [repo.article(s.id) for s in repo.article_summaries()]
        )
        found = [(a.id, s) for a in articles for s in suggestions_for(repo, a, (Kind(args.kind),))]
        texts = {a.id: a.text for a in articles}
    finally:
        repo.close()
    if args.format == "json":
        print_json([suggestion_json(article_id, s, texts[article_id]) for article_id, s in found])
        return 0
    rows = []
    for article_id, s in found:
        attrs = suggestion_json(article_id, s)
        detail = ", ".join(
            f"{k}={attrs[k] if not isinstance(attrs[k], float) else format_number(attrs[k])}"
            for k in ("quantity", "value", "qualifier", "unit", "speaker", "figure_source")
            if attrs.get(k) not in (None, "")
        )
        rows.append((article_id, s.start, s.end, s.text, detail))
    print(table(["article", "start", "end", "text", "proposed"], rows))
    return 0


def cmd_discrepancies(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    rules = rules_from_settings(load_settings().qualifier_rules)
    try:
        orphans = orphaned_reports(repo, adjudicated_only=args.adjudicated, rules=rules)
        if args.orphaned:
            return _print_orphans(orphans, args.format)
        groups = discrepancies(
            repo,
            by_date=args.by_date,
            adjudicated_only=args.adjudicated,
            rules=rules,
            every_annotator=args.every_annotator,
            by_variable=args.by_variable,
        )
    finally:
        repo.close()
    if orphans:
        print(
            f"{len(orphans)} orphaned figure(s) not counted (their text was revised away); "
            "`discrepancies --orphaned` lists them",
            file=sys.stderr,
        )
    if args.format == "json":
        print_json([group_json(g) for g in groups])
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        [
            "quantity",
            "as_of",
            "group_relation",
            "article_id",
            "outlet",
            "annotation_id",
            "start",
            "end",
            "text",
            "value",
            "qualifier",
            "interval_low",
            "interval_high",
            "figure_source",
            "measure",
            "parent",
            "date",
            "date_from",
            *(["variable_value"] if args.by_variable else []),
        ]
    )
    for g in groups:
        for r in g.reports:
            low, high = r.interval.as_list()
            writer.writerow(
                [
                    g.quantity,
                    g.as_of or "",
                    g.relation.label,
                    r.article_id,
                    r.outlet,
                    r.annotation_id,
                    r.start,
                    r.end,
                    r.text,
                    format_number(r.value),
                    r.qualifier.value if r.qualifier else "",
                    format_number(low),
                    format_number(high),
                    r.figure_source or "",
                    g.measure,
                    g.parent or "",
                    *_date_cells(r),
                    *([r.variable_value or ""] if args.by_variable else []),
                ]
            )
    return 0


def _print_orphans(orphans: list[Report], fmt: str) -> int:
    """The orphaned figures, apart from every group: JSON reports, or CSV rows."""
    if fmt == "json":
        print_json([{**report_json(r), "quantity": r.quantity} for r in orphans])
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["quantity", "article_id", "outlet", "annotation_id", "start", "end", "text", "value"])
    for r in orphans:
        writer.writerow(
            [
                r.quantity,
                r.article_id,
                r.outlet,
                r.annotation_id,
                r.start,
                r.end,
                r.text,
                format_number(r.value),
            ]
        )
    return 0


def _date_cells(report: Report) -> tuple[str, str]:
    """(date, where it comes from): as_of, else the article's date, else empty."""
    day, origin = report_date(report)
    return (day.isoformat() if day else "", origin)


def cmd_claims(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        matrix = claims_matrix(repo, adjudicated_only=args.adjudicated)
    finally:
        repo.close()
    if args.format == "json":
        print_json(claims_json(matrix))
        return 0
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        ["claim_key", "stances_differ", "article_id", "outlet", "stances", "claimants", "annotation_ids"]
    )
    outlets = dict(matrix.articles)
    for (article_id, key), cell in sorted(matrix.cells.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        writer.writerow(
            [
                key,
                "true" if key in matrix.disputed_keys else "false",
                article_id,
                outlets.get(article_id, ""),
                ";".join(cell.stances),
                ";".join(cell.claimants),
                ";".join(cell.annotation_ids),
            ]
        )
    return 0


def cmd_merge_keys(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        changes = merge_quantity_keys(repo, args.sources, args.into)
    finally:
        repo.close()
    print(f"{len(changes.annotations)} figure(s) now count {args.into!r}")
    return 0


def cmd_claim_keys(args: argparse.Namespace) -> int:
    from kzt_annotator.services.claim_assist import propose_claim_keys

    repo = open_repo(args)
    try:
        found = propose_claim_keys(repo, args.text, args.limit)
    finally:
        repo.close()
    if args.format == "json":
        print_json([{"claim_key": p.claim_key, "score": p.score, "example": p.example} for p in found])
    else:
        print(
            table(["claim_key", "score", "closest claim"], [(p.claim_key, p.score, p.example) for p in found])
        )
    return 0


def cmd_tag_all(args: argparse.Namespace) -> int:
    from kzt_annotator.cli_verbs.common import annotator_name, parse_attr_args
    from kzt_annotator.services.claim_assist import tag_occurrences

    repo = open_repo(args)
    try:
        article_id = repo.resolve_article(args.article).id if args.article else None
        created, _changes = tag_occurrences(
            repo, args.phrase, Kind(args.kind), annotator_name(args), parse_attr_args(args.attr), article_id
        )
    finally:
        repo.close()
    where = f"article {args.article}" if args.article else "the corpus"
    print(f"{len(created)} new {args.kind}(s) for “{args.phrase}” in {where}")
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("suggest", parents=[parent], help="propose figures or attributions")
    p.add_argument("--article")
    p.add_argument("--kind", choices=["figure", "attribution"], required=True)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("discrepancies", parents=[parent], help="the same quantity across outlets")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--by-date", action="store_true", help="also group by the as_of date")
    p.add_argument(
        "--by-variable", metavar="NAME", help="also group by a document variable (state vs private media)"
    )
    p.add_argument("--adjudicated", action="store_true", help="only accepted annotations")
    p.add_argument(
        "--every-annotator",
        action="store_true",
        help="a row per annotator's report (default: one row per article, with the spread)",
    )
    p.add_argument(
        "--orphaned",
        action="store_true",
        help="list the orphaned figures (their text was revised away), which never count",
    )
    p.set_defaults(func=cmd_discrepancies)

    p = sub.add_parser("claims", parents=[parent], help="claims by claim key across articles")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--adjudicated", action="store_true", help="only accepted annotations")
    p.set_defaults(func=cmd_claims)

    p = sub.add_parser("merge-keys", parents=[parent], help="merge quantity keys into one")
    p.add_argument("--annotator", metavar="NAME", help="who makes the change (every write verb takes it)")
    p.add_argument("sources", nargs="+", help="quantity keys to merge")
    p.add_argument("--into", required=True, help="the key they become")
    p.set_defaults(func=cmd_merge_keys)

    p = sub.add_parser("claim-keys", parents=[parent], help="claim keys of the claims most like a text")
    p.add_argument("text", help="the claim's words")
    p.add_argument("--limit", type=int, default=3)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_claim_keys)

    p = sub.add_parser("tag-all", parents=[parent], help="tag every occurrence of a phrase")
    p.add_argument("phrase")
    p.add_argument("--kind", choices=[k.value for k in Kind], required=True)
    p.add_argument("--article", help="only this article (default: the whole corpus)")
    p.add_argument("--attr", action="append", metavar="NAME=VALUE", help="attribute of every new annotation")
    p.add_argument("--annotator")
    p.set_defaults(func=cmd_tag_all)
