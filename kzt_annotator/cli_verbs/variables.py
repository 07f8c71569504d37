"""Verbs on document variables and whole articles: variable add/list/delete, delete-article."""

from __future__ import annotations

import argparse

from kzt_annotator.cli_format import table
from kzt_annotator.cli_verbs.common import open_repo, print_json
from kzt_annotator.services import metadata
from kzt_annotator.services.project import article_summary, variables
from kzt_annotator.settings import load_settings


def cmd_variable_add(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        variable, _changes = metadata.add_variable(
            repo, args.name, args.type, metadata.split_values(args.values)
        )
    finally:
        repo.close()
    allowed = f" in {{{', '.join(variable.values)}}}" if variable.values else ""
    print(f"added variable {variable.name} ({variable.type.value}{allowed}); CSV column {variable.column}")
    return 0


def cmd_variable_list(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        found = variables(repo)
    finally:
        repo.close()
    if args.format == "json":
        print_json([{"name": v.name, "type": v.type.value, "values": list(v.values)} for v in found])
        return 0
    print(
        table(
            ["name", "type", "values", "csv column"],
            [(v.name, v.type.value, ", ".join(v.values), v.column) for v in found],
        )
    )
    return 0


def cmd_variable_delete(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        changes = repo.delete_variable(args.name.strip().lower())
    finally:
        repo.close()
    print(f"deleted variable {args.name} and its values on {len(changes.articles)} article(s)")
    return 0


def cmd_delete_article(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        article = repo.resolve_article(args.article)
        counts = article_summary(repo, article.id).counts
        metadata.delete_articles(repo, [article.id], backup_keep=load_settings().backup_keep)
    finally:
        repo.close()
    n = sum(counts.values())
    print(
        f"deleted article #{article.id} “{article.title}” and its {n} annotation(s); a backup was made first"
    )
    return 0


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    top = sub.add_parser("variable", parents=[parent], help="document variables: add, list, delete")
    verbs = top.add_subparsers(dest="variable_verb", metavar="ACTION", required=True)
    p = verbs.add_parser("add", parents=[parent], help="define a variable")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, metavar="text|number|date|boolean|category")
    p.add_argument("--values", metavar="a,b", help="a category's allowed values")
    p.set_defaults(func=cmd_variable_add)
    p = verbs.add_parser("list", parents=[parent], help="list the variables")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.set_defaults(func=cmd_variable_list)
    p = verbs.add_parser("delete", parents=[parent], help="delete a variable and its values")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_variable_delete)

    p = sub.add_parser(
        "delete-article", parents=[parent], help="delete an article with its annotations (after a backup)"
    )
    p.add_argument("article", metavar="ARTICLE")
    p.set_defaults(func=cmd_delete_article)
