"""Verbs for reports to colleagues: export-report (HTML), export-code-frequencies,
export-cooccurrence (CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kzt_annotator.cli_verbs.common import open_repo
from kzt_annotator.services import project_report


def _rules():
    from kzt_annotator.core.intervals import rules_from_settings
    from kzt_annotator.settings import load_settings

    return rules_from_settings(load_settings().qualifier_rules)


def cmd_export_report(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        data = project_report.export_report(
            repo, Path(args.out), adjudicated_only=args.adjudicated, rules=_rules()
        )
    finally:
        repo.close()
    print(
        f"wrote {args.out}: {len(data.articles)} article(s), {len(data.groups)} discrepancy group(s), "
        f"{len(data.stats.rows)} code(s), {len(data.quotes)} quote(s)"
    )
    return 0


def cmd_export_codes(args: argparse.Namespace) -> int:
    table = "frequencies" if args.verb == "export-code-frequencies" else f"{args.by}s"
    repo = open_repo(args)
    try:
        n = project_report.export_code_csv(repo, Path(args.out), table, adjudicated_only=args.adjudicated)
    finally:
        repo.close()
    print(f"wrote {n} code row(s) to {args.out}")
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    adjudicated = {"action": "store_true", "help": "count accepted annotations only"}
    p = sub.add_parser("export-report", parents=[parent], help="a self-contained HTML project report")
    p.add_argument("out", metavar="OUT.html")
    p.add_argument("--adjudicated", **adjudicated)
    p.set_defaults(func=cmd_export_report)
    p = sub.add_parser("export-code-frequencies", parents=[parent], help="code frequencies as CSV")
    p.add_argument("out", metavar="OUT.csv")
    p.add_argument("--adjudicated", **adjudicated)
    p.set_defaults(func=cmd_export_codes)
    p = sub.add_parser(
        "export-cooccurrence",
        parents=[parent],
        help="code co-occurrence (codes x articles or outlets) as CSV",
    )
    p.add_argument("out", metavar="OUT.csv")
    p.add_argument("--by", choices=["article", "outlet"], default="article")
    p.add_argument("--adjudicated", **adjudicated)
    p.set_defaults(func=cmd_export_codes)
