"""Verbs for team curation: role, finish, curate, curation-status."""

from __future__ import annotations

import argparse

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import annotator_name, open_repo, print_json
from kzt_annotator.core.curation import MAJORITY, CurationUnit
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.services import curation


def cmd_role(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        curation.set_role(repo, args.name, args.role)
    finally:
        repo.close()
    print(f"{args.name.strip()} is now a{'n' if args.role == 'annotator' else ''} {args.role}")
    return 0


def cmd_finish(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
        who = annotator_name(args)
        curation.finish(repo, article.id, who, reopen=args.reopen)
    finally:
        repo.close()
    print(f"article {article.id}: {'in progress again' if args.reopen else 'finished'} for {who}")
    return 0


def _unit_line(unit: CurationUnit) -> list[str]:
    differences = "; ".join(
        f"{d.field}: " + " | ".join(f"{n}={v or '∅'}" for n, v in d.values.items()) for d in unit.differences
    )
    state = "curated" if unit.curated else ("agreed" if unit.agreed else "open")
    text = " ".join(next(iter(unit.versions.values())).text.split())[:50]
    return [str(unit.number), unit.kind, state, ", ".join(unit.versions), text, differences]


def _refuse_undecided(article_id: int, units: list[CurationUnit], left: list[int]) -> None:
    """InvalidInput (before anything is written) when `--done` would close the article with units
    nobody decided: they would silently stay out of the curated layer."""
    if not left:
        return
    shown = ", ".join(map(str, left[:10])) + (", …" if len(left) > 10 else "")
    raise InvalidInput(
        f"article {article_id} is not marked curated: {len(left)} of {len(units)} units are still "
        f"undecided (unit{'s' if len(left) > 1 else ''} {shown}); decide them with "
        f"`curate {article_id} --unit N --take NAME|majority`, or add --allow-undecided to close it "
        "without them"
    )


def cmd_curate(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
        curator = curation.check_curator(repo, annotator_name(args))
        units = curation.curation_units(repo, article.id, args.from_ or None)
        if not units:
            raise InvalidInput(f"article {article.id} has no annotations to curate")
        wanted = set(args.unit or ())
        chosen = [u for u in units if u.number in wanted]
        missing = wanted - {u.number for u in chosen}
        if missing:
            raise InvalidInput(f"no unit {min(missing)} in article {article.id} (it has 1-{len(units)})")
        if args.done and not args.allow_undecided:
            _refuse_undecided(article.id, units, curation.undecided(units, wanted, args.auto_merge))
        curation.start_curation(repo, article.id, curator)
        merged = 0
        if args.auto_merge:
            command = curation.auto_merge_command(units, curator)
            if command is not None:
                command.do(repo)
                merged = len(command.copies)
        if args.auto_merge:  # an agreed unit was just merged: its versions are all alike
            chosen = [u for u in chosen if not u.agreed]
        if chosen:
            curation.take_command(chosen, args.take, curator).do(repo)
        if args.done:
            curation.mark_curated(repo, article.id, curator)
        units = curation.curation_units(repo, article.id, args.from_ or None)
    finally:
        repo.close()
    if args.format == "json":
        print_json(
            {
                "article_id": article.id,
                "merged_automatically": merged,
                "units": [
                    {
                        "unit": u.number,
                        "kind": u.kind,
                        "state": "curated" if u.curated else ("agreed" if u.agreed else "open"),
                        "annotators": list(u.versions),
                        "curated_annotation_id": u.curated.id if u.curated else None,
                        "differences": [{"field": d.field, "values": d.values} for d in u.differences],
                    }
                    for u in units
                ],
            }
        )
        return 0
    if merged:
        print(f"merged {merged} units on which all annotators agree")
    print(
        table(["unit", "kind", "state", "tagged by", "text", "differences"], [_unit_line(u) for u in units])
    )
    left = sum(1 for u in units if u.curated is None)
    print(f"{left} of {len(units)} units still to decide: curate {article.id} --unit N --take NAME|majority")
    return 0


def cmd_curation_status(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        people, rows = curation.team_progress(repo)
    finally:
        repo.close()
    if args.format == "json":
        print_json(
            {
                "annotators": people,
                "articles": [
                    {
                        "article_id": r.article_id,
                        "title": r.title,
                        "outlet": r.outlet or None,
                        "states": r.states,
                        "counts": r.counts,
                        "ready": r.ready,
                        "curation": r.curation,
                        "curator": r.curator,
                        "curated_annotations": r.curated_count,
                    }
                    for r in rows
                ],
            }
        )
        return 0
    headers = ["article", "title", *people, "ready", "curation"]
    print(
        table(
            headers,
            [
                [
                    r.article_id,
                    r.title[:40],
                    *(f"{r.states[p]} ({r.counts[p]})" for p in people),
                    "yes" if r.ready else "no",
                    r.curation,
                ]
                for r in rows
            ],
        )
    )
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser, writer) -> None:
    p = sub.add_parser("role", parents=[parent], help="give an annotator a role (annotator or curator)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("role", choices=["annotator", "curator"])
    p.set_defaults(func=cmd_role)
    p = sub.add_parser("finish", parents=[parent, writer], help="mark your work on an article finished")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--reopen", action="store_true", help="back to in progress")
    p.set_defaults(func=cmd_finish)
    p = sub.add_parser("curate", parents=[parent, writer], help="curate an article into the curated layer")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--auto-merge", action="store_true", help="take every unit all annotators agree on")
    p.add_argument(
        "--from",
        dest="from_",
        action="append",
        metavar="ANNOTATOR",
        help="curate only these annotators' layers (repeat)",
    )
    p.add_argument("--unit", action="append", type=int, metavar="N", help="a unit to decide (repeat)")
    p.add_argument(
        "--take",
        default=MAJORITY,
        metavar="NAME|majority",
        help="whose version of --unit to take (default: majority)",
    )
    p.add_argument(
        "--done",
        action="store_true",
        help="mark the article curated (refused while units are undecided, unless --allow-undecided)",
    )
    p.add_argument(
        "--allow-undecided",
        action="store_true",
        help="with --done: close the article even though some units are undecided (they stay out)",
    )
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_curate)
    p = sub.add_parser("curation-status", parents=[parent], help="articles x annotators: states and counts")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_curation_status)
