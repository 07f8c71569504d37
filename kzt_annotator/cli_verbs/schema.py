"""Verbs on the annotation schema and relations: schema list|add-kind|add-relation, relate,
relations, unrelate."""

from __future__ import annotations

import argparse

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import annotator_name, open_repo, print_json
from kzt_annotator.services import relations as relation_service
from kzt_annotator.services import schema_admin
from kzt_annotator.services.project import schema


def cmd_schema_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        data = schema_admin.schema_json(schema(repo))
    finally:
        repo.close()
    if args.format == "json":
        print_json(data)
        return 0
    rows = []
    for kind in data["kinds"]:
        fields = ", ".join(
            f["name"]
            + ":"
            + f["type"]
            + (f"={','.join(f['values'])}" if f["values"] else "")
            + (f"={f['codebook']}" if f["type"] == "codebook" else "")
            for f in kind["fields"]
        )
        rows.append(("kind", kind["name"], kind["hotkey"], kind["colour"], fields))
    for rel in data["relation_types"]:
        ends = f"{'/'.join(rel['from']) or 'any'} -> {'/'.join(rel['to']) or 'any'}"
        rows.append(("relation", rel["name"], "", "", ends))
    print(table(["what", "name", "key", "colour", "fields / kinds"], rows))
    return 0


def cmd_add_kind(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        spec, _changes = schema_admin.add_kind(
            repo,
            args.name,
            args.field or [],
            label=args.label or "",
            colour=args.colour or "",
            hotkey=args.key or "",
        )
    finally:
        repo.close()
    print(f"added kind {spec.name} (key {spec.hotkey or 'none'}): {', '.join(spec.field_names)}")
    return 0


def cmd_add_relation(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        rel, _changes = schema_admin.add_relation_type(
            repo, args.name, args.source or [], args.target or [], label=args.label or ""
        )
    finally:
        repo.close()
    print(
        f"added relation type {rel.name}: "
        f"{'/'.join(rel.sources) or 'any'} -> {'/'.join(rel.targets) or 'any'}"
    )
    return 0


def cmd_relate(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        relation, _changes = relation_service.relate(
            repo, args.source, args.target, args.type, annotator_name(args)
        )
    finally:
        repo.close()
    if args.format == "json":
        print_json(relation_service.relation_json(relation))
    else:
        print(f"{relation.id}  {relation.source_id} {relation.type} {relation.target_id}")
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article_id = repo.resolve_article(args.article).id if args.article else None
        found = repo.relations(article_id=article_id)
    finally:
        repo.close()
    if args.format == "json":
        print_json([relation_service.relation_json(r) for r in found])
        return 0
    rows = [(r.id[:8], r.type, r.source_id[:8], r.target_id[:8], r.annotator) for r in found]
    print(table(["id", "type", "source", "target", "annotator"], rows))
    return 0


def cmd_unrelate(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        relation, _changes = relation_service.unrelate(repo, args.relation)
    finally:
        repo.close()
    print(f"removed relation {relation.id} ({relation.type})")
    return 0


def register(
    sub: argparse._SubParsersAction, parent: argparse.ArgumentParser, writer: argparse.ArgumentParser
) -> None:
    p = sub.add_parser("schema", help="the project's annotation kinds and relation types")
    schema_sub = p.add_subparsers(dest="schema_verb", metavar="ACTION", required=True)
    q = schema_sub.add_parser("list", parents=[parent], help="kinds with their fields, and relation types")
    q.add_argument("--format", choices=["table", "json"], default="table")
    q.set_defaults(func=cmd_schema_list)
    q = schema_sub.add_parser("add-kind", parents=[parent], help="add an annotation kind with typed fields")
    q.add_argument("name", help="the kind's name (lower-case letters, digits, _)")
    q.add_argument(
        "--field",
        action="append",
        metavar="NAME:TYPE[=v1,v2,...]",
        help="a field; TYPE is text, number, date, boolean, category (=its values) "
        "or codebook (=its codebook kind)",
    )
    q.add_argument("--label")
    q.add_argument("--colour", metavar="#RRGGBB")
    q.add_argument("--key", metavar="DIGIT", help="the tagging key (default: the next free digit from 4)")
    q.set_defaults(func=cmd_add_kind)
    q = schema_sub.add_parser("add-relation", parents=[parent], help="add a relation type")
    q.add_argument("name")
    q.add_argument(
        "--from", dest="source", action="append", metavar="KIND", help="allowed source kind(s); default any"
    )
    q.add_argument(
        "--to", dest="target", action="append", metavar="KIND", help="allowed target kind(s); default any"
    )
    q.add_argument("--label")
    q.set_defaults(func=cmd_add_relation)

    p = sub.add_parser("relate", parents=[parent, writer], help="relate two annotations")
    p.add_argument("source", metavar="SOURCE_ID")
    p.add_argument("target", metavar="TARGET_ID")
    p.add_argument(
        "--type", required=True, help="supports, source_of, same_event, contradicts or a project type"
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_relate)
    p = sub.add_parser("relations", parents=[parent], help="list relations")
    p.add_argument("--article")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_relations)
    p = sub.add_parser("unrelate", parents=[parent], help="remove one relation")
    p.add_argument("relation", metavar="RELATION_ID")
    p.set_defaults(func=cmd_unrelate)
