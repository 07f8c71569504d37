"""Verbs for exchange: export-csv, export-jsonld, export-brat, export-bundle, export-html,
import-annotations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kzt_annotator.cli_verbs.common import STATUS_HELP, check_filter, open_repo, status_choices
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.variables import parse_assignment
from kzt_annotator.services import exporting


def variable_filter(repo, pairs: list[str] | None) -> tuple[tuple[str, str], ...]:  # noqa: ANN001
    """`--var ownership=state` -> (('ownership', 'state'),), values checked like `set-meta`'s."""
    if not pairs:
        return ()
    from kzt_annotator.services.metadata import parse_variables

    checked = parse_variables(repo, dict(parse_assignment(p) for p in pairs))
    return tuple((name, value or "") for name, value in checked.items())


def _filter(args: argparse.Namespace, repo) -> exporting.ExportFilter:
    article_id = repo.resolve_article(args.article).id if getattr(args, "article", None) else None
    check_filter(repo, getattr(args, "kind", None), getattr(args, "annotator", None))
    return exporting.ExportFilter(
        article_id,
        getattr(args, "kind", None),
        getattr(args, "annotator", None),
        getattr(args, "status", None),
        getattr(args, "outlet", None),
        variable_filter(repo, getattr(args, "var", None)),
    )


def cmd_export(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        flt = _filter(args, repo)
        out = Path(args.out)
        relations = 0
        if args.verb == "export-csv":
            n = exporting.export_csv(repo, out, flt, bom=args.bom, raw=args.raw)
        elif args.verb == "export-jsonld":
            n, relations = exporting.export_jsonld_counted(repo, out, flt)
        elif args.verb == "export-brat":
            n = exporting.export_brat(repo, out, flt)
        else:
            n = exporting.export_bundle(repo, out, flt)
        # filters that select nothing are named; an unfiltered export of an empty project is plain
        empty = exporting.empty_reason(repo, flt) if n == 0 and flt != exporting.ExportFilter() else ""
    finally:
        repo.close()
    links = f" and {relations} relation(s) (as linking annotations)" if relations else ""
    print(f"wrote {n} annotation(s){links} to {out}")
    if empty:  # exit 0 (the file is what was asked for), but an empty file should not look like success
        print(f"warning: {out} has no annotations: {empty}", file=sys.stderr)
    return 0


def cmd_export_html(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        path = exporting.export_html(repo, args.article, Path(args.out))
    finally:
        repo.close()
    print(f"wrote {path}")
    return 0


def _type_map(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    from kzt_annotator.io.brat import DEFAULT_TYPE_MAP

    mapping = dict(DEFAULT_TYPE_MAP)
    for pair in pairs:
        name, _, kind = pair.partition("=")
        if not name.strip() or not kind.strip():
            raise InvalidInput(f"--brat-type {pair!r}: write TYPE=KIND, e.g. Quote=attribution")
        mapping[name.strip().lower()] = kind.strip()
    return mapping


def cmd_import_annotations(args: argparse.Namespace) -> int:
    # the readers (and their decoding libraries) load only for this verb, not for every export
    from kzt_annotator.services.annotation_import import ImportRefused, import_annotations

    repo = open_repo(args)
    try:
        report = import_annotations(
            repo,
            Path(args.file),
            annotator=args.annotator,
            partial=args.partial,
            type_map=_type_map(args.brat_type),
        )
    except ImportRefused as exc:
        for where, why in exc.report.refused:
            print(f"refused   {where}: {why}", file=sys.stderr)
        print(
            f"kzt-annotator: error: {exc.report.summary()}; nothing was imported "
            "(fix the file, or use --partial to import the rest)",
            file=sys.stderr,
        )
        return 1
    finally:
        repo.close()
    for where, why in report.refused:
        print(f"refused   {where}: {why}", file=sys.stderr)
    for ident, side in report.conflicts:
        print(f"conflict  {ident}: {side}")
    print(report.summary())
    return 1 if report.refused else 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--article", help="only this article (id or sha256 prefix)")
        p.add_argument("--kind", help="claim, attribution, figure or a kind the project defines")
        p.add_argument("--annotator", help="only this annotator's (`curated`: the curated layer)")
        p.add_argument("--status", choices=status_choices(), help=STATUS_HELP)
        p.add_argument("--outlet")
        p.add_argument(
            "--var", action="append", metavar="NAME=VALUE", help="only articles with this variable value"
        )

    p = sub.add_parser("export-csv", parents=[parent], help="export annotations to CSV")
    p.add_argument("out", metavar="OUT.csv")
    filters(p)
    p.add_argument("--bom", action="store_true", help="start with a UTF-8 BOM (for Excel)")
    p.add_argument("--raw", action="store_true", help="do not neutralise formula-like cells")
    p.set_defaults(func=cmd_export)
    for verb, metavar, text in (
        ("export-jsonld", "OUT.jsonld", "W3C Web Annotation JSON-LD"),
        ("export-brat", "OUT_DIR", "brat standoff (.txt + .ann)"),
        ("export-bundle", "OUT.json", "a bundle of articles and annotations"),
    ):
        p = sub.add_parser(verb, parents=[parent], help=f"export {text}")
        p.add_argument("out", metavar=metavar)
        filters(p)
        p.set_defaults(func=cmd_export)
    p = sub.add_parser("export-html", parents=[parent], help="an HTML report of one article")
    p.add_argument("article")
    p.add_argument("out", metavar="OUT.html")
    p.set_defaults(func=cmd_export_html)
    p = sub.add_parser(
        "import-annotations", parents=[parent], help="import annotations (CSV, bundle, JSON-LD, brat)"
    )
    p.add_argument("file", metavar="FILE_OR_DIR")
    p.add_argument("--annotator", help="record every imported annotation under this name")
    p.add_argument(
        "--partial", action="store_true", help="import what can be placed even if some records are refused"
    )
    p.add_argument(
        "--brat-type", action="append", metavar="TYPE=KIND", help="map a brat entity type to a kind"
    )
    p.set_defaults(func=cmd_import_annotations)
