"""Corpus search over article text and annotation attributes, through the full-text index.

The query language (phrases, prefixes, AND/OR/NOT, parentheses) is core/search_query.py. Results
are keyword-in-context hits: annotation hits (an attribute value or note matched) first, then each
occurrence of a search term in the matching articles' text, with the words around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.search_query import parse
from kzt_annotator.store.repository import Repository

SNIPPET = 40  # characters of context on each side
ARTICLES_READ = 200  # matching articles whose text is scanned for occurrences


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    title: str
    start: int
    end: int
    snippet: str
    annotation_id: str | None = None
    before: str = ""  # keyword in context: the text before the match, the match, the text after
    match: str = ""
    after: str = ""
    spaced_before: bool = True  # whether the text has white space between `before` and the match
    spaced_after: bool = True  # … and between the match and `after` ("Tokayev," has none)

    def in_context(self, left: str = "", right: str = "") -> str:
        """before, the match between `left` and `right`, after, spaced as in the text:
        "…troops sent by [Tokayev], who said…" (no space before the comma)."""
        head = self.before + (" " if self.before and self.spaced_before else "")
        tail = (" " if self.after and self.spaced_after else "") + self.after
        return f"{head}{left}{self.match}{right}{tail}"


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    articles: int = 0  # articles whose text or title matches
    annotations: int = 0  # annotations whose attributes or note match (all, whatever the limit)


def search(repo: Repository, query: str, limit: int = 500) -> list[SearchHit]:
    """The hits of `query` (see search_corpus); an empty query finds nothing."""
    if not query.strip():
        return []
    return search_corpus(repo, query, limit).hits


def search_corpus(repo: Repository, query: str, limit: int = 500) -> SearchResults:
    """Search; raises InvalidInput (one line) for a malformed query or a negative `limit`.

    `limit` bounds the hits listed; the counts of matching articles and annotations do not
    depend on it."""
    if limit < 0:
        raise InvalidInput(f"the limit {limit} is negative; give 0 or more hits to show")
    parsed = parse(query)
    titles = {}
    hits: list[SearchHit] = []
    annotations = repo.search_annotations(parsed, limit)
    if annotations:  # the titles of these articles only, not of all (90 ms for 10,000 on PostgreSQL)
        titles = repo.article_titles({row[1] for row in annotations})
    for ident, article_id, kind, start, end, text in annotations:
        flat = " ".join(text.split())
        hits.append(
            SearchHit(
                article_id, titles.get(article_id, ""), start, end, f"[{kind}] {flat}", ident, match=flat
            )
        )
    total, articles = repo.search_articles(parsed, ARTICLES_READ)
    for article_id, title, text in articles:
        found = False
        for start, end in parsed.occurrences(text):
            if len(hits) >= limit:
                break
            found = True
            a, b = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
            before = ("…" if a else "") + " ".join(text[a:start].split())
            after = " ".join(text[end:b].split()) + ("…" if b < len(text) else "")
            hit = SearchHit(
                article_id,
                title,
                start,
                end,
                "",
                before=before,
                match=text[start:end],
                after=after,
                spaced_before=start > 0 and text[start - 1].isspace(),
                spaced_after=end < len(text) and text[end].isspace(),
            )
            hits.append(replace(hit, snippet=hit.in_context()))
        if not found and len(hits) < limit:  # the title matched, or the words are far apart
            hits.append(SearchHit(article_id, title, 0, 0, title, match=title))
        if len(hits) >= limit:
            break
    matching = len(annotations) if len(annotations) < limit else repo.count_annotation_matches(parsed)
    return SearchResults(hits[:limit], total, matching)
