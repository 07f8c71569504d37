"""Code frequencies and co-occurrence (codes x articles, codes x outlets), as in QDA tools.

A *code* is what an annotation is coded with: its kind (`claim`) and, when set, its key under the
kind (`claim: russia_sent_troops`, `attribution: Interior Ministry`, `figure: troops`), the same
codes the REFI-QDA export writes. Counts are annotations; `articles`/`outlets` count distinct ones.
An article without an outlet counts under "unknown outlet", never under its title.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.model import Annotation

KEY_FIELD = {"claim": "claim_key", "attribution": "speaker", "figure": "quantity"}
UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True, slots=True)
class CodeRow:
    code: str
    kind: str
    annotations: int
    articles: int
    outlets: int
    annotation_ids: tuple[str, ...]  # in article and text order: the quotes to link to


@dataclass(slots=True)
class CodeStats:
    rows: list[CodeRow] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)  # article ids, in order
    outlets: list[str] = field(default_factory=list)
    by_article: dict[tuple[str, int], int] = field(default_factory=dict)  # (code, article id) -> count
    by_outlet: dict[tuple[str, str], int] = field(default_factory=dict)  # (code, outlet) -> count


def codes_of(annotation: Annotation) -> list[str]:
    """The codes an annotation carries: its kind, and `kind: key` when its key is set."""
    kind = str(annotation.kind)
    codes = [kind]
    field_name = KEY_FIELD.get(kind)
    if field_name:
        key = attributes_to_strings(annotation.attributes).get(field_name, "").strip()
        if key:
            codes.append(f"{kind}: {key}")
    return codes


def code_stats(annotations: Iterable[Annotation], outlets: dict[int, str | None]) -> CodeStats:
    """Frequencies and co-occurrence over `annotations`; `outlets` maps article id -> outlet."""
    ids: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    by_article: Counter[tuple[str, int]] = Counter()
    by_outlet: Counter[tuple[str, str]] = Counter()
    articles_of: dict[str, set[int]] = defaultdict(set)
    outlets_of: dict[str, set[str]] = defaultdict(set)
    seen_articles: set[int] = set()
    for ann in annotations:
        if ann.orphaned:
            continue
        outlet = (outlets.get(ann.article_id) or "").strip() or UNKNOWN_OUTLET
        seen_articles.add(ann.article_id)
        for code in codes_of(ann):
            kinds[code] = str(ann.kind)
            ids[code].append((ann.article_id, ann.start, ann.id))
            by_article[(code, ann.article_id)] += 1
            by_outlet[(code, outlet)] += 1
            articles_of[code].add(ann.article_id)
            outlets_of[code].add(outlet)
    rows = [
        CodeRow(
            code,
            kinds[code],
            len(ids[code]),
            len(articles_of[code]),
            len(outlets_of[code]),
            tuple(i for _, _, i in sorted(ids[code])),
        )
        for code in ids
    ]
    rows.sort(key=lambda r: (r.kind, r.code != r.kind, -r.annotations, r.code))
    return CodeStats(
        rows=rows,
        articles=sorted(seen_articles),
        outlets=sorted({o for _, o in by_outlet}),
        by_article=dict(by_article),
        by_outlet=dict(by_outlet),
    )


FREQUENCY_COLUMNS = ("code", "kind", "annotations", "articles", "outlets")


def frequency_rows(stats: CodeStats) -> list[list[str | int]]:
    return [[r.code, r.kind, r.annotations, r.articles, r.outlets] for r in stats.rows]


def cooccurrence_rows(
    stats: CodeStats, by: str, labels: dict[int, str] | None = None
) -> tuple[list[str], list[list[str | int]]]:
    """(header, rows) of the codes x articles (`by="article"`) or codes x outlets matrix.

    Article columns are labelled `labels[id]` (default `article N`)."""
    if by == "article":
        header = ["code"] + [(labels or {}).get(a, f"article {a}") for a in stats.articles]
        rows = [[r.code] + [stats.by_article.get((r.code, a), 0) for a in stats.articles] for r in stats.rows]
    elif by == "outlet":
        header = ["code"] + list(stats.outlets)
        rows = [[r.code] + [stats.by_outlet.get((r.code, o), 0) for o in stats.outlets] for r in stats.rows]
    else:
        raise ValueError(f"by must be 'article' or 'outlet', not {by!r}")
    return header, rows
