"""Corpus search over article text and annotation attributes/notes."""

from __future__ import annotations

from dataclasses import dataclass

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.store.repository import Repository

SNIPPET = 40


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    title: str
    start: int
    end: int
    snippet: str
    annotation_id: str | None = None


def search(repo: Repository, query: str, limit: int = 500) -> list[SearchHit]:
    """Case-insensitive substring search; annotation hits (by attribute or note) come first."""
    needle = query.strip().casefold()
    if not needle:
        return []
    titles = {i: title for i, (_outlet, title) in repo.article_labels().items()}
    hits: list[SearchHit] = []
    for ann in repo.annotations():
        haystack = " ".join([ann.note, *attributes_to_strings(ann.attributes).values()]).casefold()
        if needle in haystack or needle in ann.text.casefold():
            hits.append(
                SearchHit(
                    ann.article_id,
                    titles.get(ann.article_id, ""),
                    ann.start,
                    ann.end,
                    f"[{str(ann.kind)}] {ann.text}",
                    ann.id,
                )
            )
    for article_id, text in repo.texts_containing(needle):
        folded = text.casefold()
        at = folded.find(needle)
        while at >= 0 and len(hits) < limit:
            a, b = max(0, at - SNIPPET), min(len(text), at + len(needle) + SNIPPET)
            snippet = ("…" if a else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")
            hits.append(SearchHit(article_id, titles.get(article_id, ""), at, at + len(needle), snippet))
            at = folded.find(needle, at + len(needle))
    return hits[:limit]
