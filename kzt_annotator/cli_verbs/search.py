"""The search verb: full-text search over article text and annotation attributes."""

from __future__ import annotations

import argparse

from kzt_annotator.cli_verbs.common import open_repo, print_json


def cmd_search(args: argparse.Namespace) -> int:
    from kzt_annotator.services.search import search_corpus

    repo = open_repo(args)
    try:
        results = search_corpus(repo, " ".join(args.query), limit=args.limit)
    finally:
        repo.close()
    if args.format == "json":
        print_json(
            {
                "articles": results.articles,
                "annotations": results.annotations,
                "hits": [
                    {
                        "article": h.article_id,
                        "title": h.title,
                        "start": h.start,
                        "end": h.end,
                        "annotation": h.annotation_id,
                        "before": h.before,
                        "match": h.match,
                        "after": h.after,
                    }
                    for h in results.hits
                ],
            }
        )
        return 0
    for h in results.hits:
        where = f"#{h.article_id} {h.start}-{h.end}"
        if h.annotation_id:
            print(f"{where}  annotation {h.annotation_id[:8]}  {h.snippet}")
        elif h.end > h.start:
            print(f"{where}  {h.in_context('[', ']')}")
        else:  # the article matched by its title, not by words found in its text
            print(f"#{h.article_id}  title: {h.title}")
    shown = f" (the first {args.limit}: --limit)" if len(results.hits) >= args.limit else ""
    print(
        f"{len(results.hits)} hit(s){shown}; {results.articles} article(s) match, "
        f"{results.annotations} annotation(s) by attribute or note"
    )
    return 0


def minus_words(argv: list[str]) -> list[str]:
    """`argv` of a `search` command line with each word after the verb that starts with one minus
    (`troops -CSTO`, typed without quotes: NOT CSTO in the query language) made a query word:
    argparse would take it for an unknown option. Options (`--limit`) and their values stay."""
    out: list[str] = []
    after_verb = value_next = False
    for token in argv:
        if value_next:
            value_next = False
        elif token.startswith("--"):
            value_next = "=" not in token and token != "--"  # every option of `search` takes a value
        elif after_verb and len(token) > 1 and token.startswith("-") and token != "-h":
            token = " " + token  # argparse reads a word not starting with "-" as positional
        elif token == "search":
            after_verb = True
        out.append(token)
    return out


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "search",
        parents=[parent],
        help='full-text search: words, "phrases", prefix*, AND, OR, NOT or -word, (groups)',
    )
    p.add_argument("query", nargs="+", help='e.g. "state of emergency" OR detain*, or troops -CSTO')
    p.add_argument(
        "--limit",
        type=int,
        default=500,
        help="show at most this many hits (default 500); the counts are of all matches",
    )
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_search)
