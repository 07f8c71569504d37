"""How views name articles and codebook values: outlets through the codebook, never a title.

`article_labels` gives, per article, the outlet as every view shows it (the codebook entry's label
for any spelling of it, else the stored name, else "unknown outlet") and the title. Views use the
first for the outlet and the second only where they show a title as a title.
"""

from __future__ import annotations

from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.store.repository import Repository


def article_labels(repo: Repository, book: Codebook | None = None) -> dict[int, tuple[str, str]]:
    """article id -> (outlet as views name it, title)."""
    book = book if book is not None else Codebook(repo.codebook(CodebookKind.OUTLET))
    shown: dict[str | None, str] = {}  # each outlet spelling looked up once, not once per article
    labels = {}
    for i, (outlet, title) in repo.article_labels().items():
        name = shown.get(outlet)
        if name is None:
            name = shown[outlet] = book.outlet(outlet)
        labels[i] = (name, title)
    return labels
