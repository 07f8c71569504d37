"""Suggestions for an article: proposed figures and attributions not yet tagged or dismissed."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from kzt_annotator.core.codebook import REFERENCE_FIELDS, Codebook
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Article, CodebookKind
from kzt_annotator.core.suggest import Suggestion, suggest_attributions, suggest_figures
from kzt_annotator.store.repository import AnnotationFilter, Repository

FINDERS = {Kind.FIGURE: suggest_figures, Kind.ATTRIBUTION: suggest_attributions}


def find_suggestions(
    article: Article, kinds: tuple[Kind, ...] = (Kind.FIGURE, Kind.ATTRIBUTION)
) -> dict[Kind, list[Suggestion]]:
    """Everything the finders propose in the article's text, per kind, before any filtering (pure:
    no query, so it can run while the article's annotations are still being read)."""
    return {
        kind: suggest_figures(article.text, article.language)
        if kind is Kind.FIGURE
        else FINDERS[kind](article.text)
        for kind in kinds
    }


def suggestions_for(
    repo: Repository,
    article: Article,
    kinds: tuple[Kind, ...] = (Kind.FIGURE, Kind.ATTRIBUTION),
    spans: Iterable[tuple[int, int, Kind]] | None = None,
    found: dict[Kind, list[Suggestion]] | None = None,
) -> list[Suggestion]:
    """Suggestions outside boilerplate, not overlapping an annotation of the same kind, not dismissed.

    `spans`: the article's annotations as (start, end, kind), when the caller has them already;
    `found`: what `find_suggestions(article, kinds)` returned, when the caller has it already.
    """
    if found is None:
        found = find_suggestions(article, kinds)
    return SuggestionFilter(repo, article, kinds, spans).keep(found)


class SuggestionFilter:
    """What `suggestions_for` leaves out, read and sorted before the finders are done: built
    while a worker process still searches a long article, it then only filters (a few ms)."""

    def __init__(
        self,
        repo: Repository,
        article: Article,
        kinds: tuple[Kind, ...] = (Kind.FIGURE, Kind.ATTRIBUTION),
        spans: Iterable[tuple[int, int, Kind]] | None = None,
    ) -> None:
        if spans is None:
            spans = [
                (a.start, a.end, a.kind) for a in repo.annotations(AnnotationFilter(article_id=article.id))
            ]
        spans = list(spans)
        self.kinds = kinds
        self.boilerplate = article.boilerplate
        self.dismissed = repo.dismissed_suggestions(article.id)
        self.taken: dict[Kind, list[tuple[int, int]]] = {}
        self.longest: dict[Kind, int] = {}
        for kind in kinds:
            taken = self.taken[kind] = sorted((a, b) for a, b, k in spans if k is kind)
            self.longest[kind] = max((b - a for a, b in taken), default=0)
        self.starts = {kind: [a for a, _ in taken] for kind, taken in self.taken.items()}
        self.book = Codebook(repo.codebook())

    def keep(self, found: dict[Kind, list[Suggestion]]) -> list[Suggestion]:
        """The suggestions of `found` to show, in text order, named as the codebook names them."""
        out: list[Suggestion] = []
        for kind in self.kinds:
            taken, starts, longest = self.taken[kind], self.starts[kind], self.longest[kind]
            for s in found[kind]:
                if (str(kind), s.start, s.end) in self.dismissed:
                    continue
                if any(r.start <= s.start < r.end for r in self.boilerplate):
                    continue
                lo, hi = bisect_left(starts, s.start - longest), bisect_left(starts, s.end)
                if any(b > s.start for _a, b in taken[lo:hi]):
                    continue  # overlaps an annotation of the same kind
                out.append(s)
        if len(self.book):
            out = [with_codebook_names(self.book, s) for s in out]
        return sorted(out, key=lambda s: (s.start, s.end))


def with_codebook_names(book: Codebook, suggestion: Suggestion) -> Suggestion:
    """Proposed values named as the codebook names them: a speaker by its entry's label (also when
    written with more or fewer words than an alias: "Kassym-Jomart Tokayev" or "Tokayev" for the
    entry with alias "Tokayev"; the written form stays in the quoted span), a quantity by its
    entry's key ("security_deaths" -> "deaths.security_forces" via an alias)."""
    changes = {}
    for kind, fields in REFERENCE_FIELDS.items():
        for ann_kind, name in fields:
            if ann_kind is not suggestion.kind:
                continue
            value = getattr(suggestion.attributes, name, None)
            if not isinstance(value, str):
                continue
            speaker = kind is CodebookKind.SPEAKER
            entry = book.resolve_name(kind, value) if speaker else book.resolve(kind, value)
            if entry is not None:
                changes[name] = entry.display if kind is CodebookKind.SPEAKER else entry.key
    if not changes:
        return suggestion
    return replace(suggestion, attributes=replace(suggestion.attributes, **changes))


def dismiss(repo: Repository, article_id: int, suggestion: Suggestion, annotator: str) -> None:
    repo.dismiss_suggestion(article_id, str(suggestion.kind), suggestion.start, suggestion.end, annotator)
