"""The Nexis Uni DOCX export: a cover list of titles, then one block per article.

Paragraphs of one article (each a Word paragraph):

    <title>
    <outlet>
    <date line>                       January 7, 2022 Friday
    Copyright 2022 ...                (optional, anywhere in the header)
    Section: WORLD; Pg. 4
    Length: 523 words
    Byline: Dana Omar
    Body
    <body paragraphs>
    Load-Date: January 8, 2022        (optional)
    End of Document

The stored text of an article is its paragraphs from the title to "End of Document", joined by a
blank line (as every DOCX article is stored). Outlet, date, labelled lines and "Body" are
"export header" boilerplate, "Load-Date" and "End of Document" "export footer", the copyright line
"copyright". The cover page belongs to no article.
"""

from __future__ import annotations

import re

from kzt_annotator.core.model import NewArticle, TextRange
from kzt_annotator.io.export_common import (
    COPYRIGHT,
    EXPORT_FOOTER,
    EXPORT_HEADER,
    is_copyright,
    language_code,
    merge_ranges,
    parse_date,
    parse_length,
)
from kzt_annotator.io.metadata import infer_metadata

END = "End of Document"
_LABEL = re.compile(
    r"^(Section|Length|Byline|Dateline|Highlight|Load-Date|Language|Publication-Type)"
    r":\s*(.*)$",
    re.IGNORECASE,
)
_FOOTER_LABELS = {"load-date", "language", "publication-type"}


def looks_like(paragraphs: list[str]) -> bool:
    """True when the document has "End of Document" paragraphs preceded by a "Body" paragraph."""
    return END in paragraphs and "Body" in paragraphs


def split(paragraphs: list[str], export_file: str) -> list[NewArticle]:
    """Articles from the stripped, non-empty paragraphs of the document, in order."""
    articles: list[NewArticle] = []
    begin = 0
    for index, text in enumerate(paragraphs):
        if text != END:
            continue
        block = paragraphs[begin : index + 1]
        begin = index + 1
        article = _article(block, export_file, len(articles) + 1)
        if article is not None:
            articles.append(article)
    return articles


def _article(block: list[str], export_file: str, position: int) -> NewArticle | None:
    if "Body" not in block:
        return None
    body_at = block.index("Body")
    # The date line is the last paragraph before "Body" that reads as a date and is not labelled;
    # the outlet is just above it and the title just above that. Anything earlier is cover page.
    date_at = next(
        (i for i in range(body_at - 1, -1, -1) if not _LABEL.match(block[i]) and parse_date(block[i])),
        None,
    )
    if date_at is None or date_at < 2:
        return None
    block = block[date_at - 2 :]
    body_at -= date_at - 2
    ranges: list[TextRange] = []
    meta: dict[str, str] = {}
    offsets: list[int] = []
    position_in_text = 0
    for text in block:
        offsets.append(position_in_text)
        position_in_text += len(text) + 2
    stored = "\n\n".join(block)

    def mark(i: int, reason: str) -> None:
        ranges.append(TextRange(offsets[i], offsets[i] + len(block[i]), reason))

    mark(1, EXPORT_HEADER)
    mark(2, EXPORT_HEADER)
    for i in range(3, len(block)):
        text = block[i]
        label = _LABEL.match(text)
        if is_copyright(text) and (i < body_at or i > len(block) - 4):
            mark(i, COPYRIGHT)
        elif i < body_at and label:
            mark(i, EXPORT_HEADER)
            meta.setdefault(label.group(1).lower(), label.group(2).strip())
        elif i == body_at:
            mark(i, EXPORT_HEADER)
        elif i > body_at and label and label.group(1).lower() in _FOOTER_LABELS:
            mark(i, EXPORT_FOOTER)
            meta.setdefault(label.group(1).lower(), label.group(2).strip())
        elif text == END:
            mark(i, EXPORT_FOOTER)
    return NewArticle(
        text=stored,
        title=block[0],
        source_file=export_file,
        outlet=block[1],
        author=meta.get("byline") or None,
        published=parse_date(block[2]),
        language=language_code(meta.get("language", "")) or infer_metadata(stored).language,
        boilerplate=merge_ranges(ranges),
        section=meta.get("section") or None,
        length_words=parse_length(meta.get("length", "")),
        export_file=export_file,
        export_index=position,
    )
