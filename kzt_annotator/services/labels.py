"""How views name articles and codebook values: outlets through the codebook, never a title.

`article_labels` gives, per article, the outlet as every view shows it (the codebook entry's label
for any spelling of it, else the stored name, else "unknown outlet") and the title. Views use the
first for the outlet and the second only where they show a title as a title; `discrepancy_labels`
adds to a copy of a syndicated story the other outlets that ran it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.model import UNKNOWN_OUTLET, CodebookKind
from kzt_annotator.store.repository import Repository


def article_labels(
    repo: Repository, book: Codebook | None = None, ids: Collection[int] | None = None
) -> dict[int, tuple[str, str]]:
    """article id -> (outlet as views name it, title), of every article or of these `ids`."""
    book = book if book is not None else Codebook(repo.codebook(CodebookKind.OUTLET))
    shown: dict[str | None, str] = {}  # each outlet spelling looked up once, not once per article
    labels = {}
    for i, (outlet, title) in repo.article_labels(ids).items():
        name = shown.get(outlet)
        if name is None:
            name = shown[outlet] = book.outlet(outlet)
        labels[i] = (name, title)
    return labels


def figure_articles(repo: Repository) -> set[int]:
    """Ids of the articles with a figure: the ones the discrepancy panel names."""
    return repo.figure_article_ids()


def discrepancy_labels(
    repo: Repository,
    book: Codebook | None = None,
    sources: Mapping[int, int] | None = None,
    ids: Collection[int] | None = None,
) -> dict[int, tuple[str, str]]:
    """Article id -> (outlet, title) for the discrepancy panel; a syndicated copy's outlet names
    the other outlets that ran the same story ("Caspian Herald (same story as: The Daily Steppe)"),
    and is left as it is when they are all this outlet (it would only repeat its name). Outlets
    are named through the codebook, "unknown outlet" where there is none: never a title. `book`
    and `sources` (repo.syndication_sources()): read already. `ids`: only these articles (those
    with figures, see figure_articles), not every article of the project."""
    members: dict[int, list[int]] = {}
    for article_id, group in (repo.syndication_sources() if sources is None else sources).items():
        members.setdefault(group, []).append(article_id)
    wanted: set[int] | None = None
    if ids is not None:  # with the other copies of their stories, whose outlets a label names
        wanted = set(ids)
        for group_ids in members.values():
            if not wanted.isdisjoint(group_ids):
                wanted.update(group_ids)
    plain = article_labels(repo, book, wanted)
    labels = dict(plain)
    for group_ids in members.values():
        if wanted is not None and wanted.isdisjoint(group_ids):
            continue
        for article_id in group_ids:
            outlet, title = plain.get(article_id, (UNKNOWN_OUTLET, ""))
            others = sorted({plain[o][0] for o in group_ids if o != article_id and o in plain} - {outlet})
            if others:
                labels[article_id] = (f"{outlet} (same story as: {', '.join(others)})", title)
    return labels
