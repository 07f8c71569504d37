"""The classic LexisNexis text export: articles separated by "N of M DOCUMENTS" lines.

Shape of one article (indentation varies, blank lines between the parts):

    1 of 10 DOCUMENTS
    <outlet>
    <date line>            January 7, 2022 Friday
    <title>
    BYLINE: ... / SECTION: ... / LENGTH: 523 words
    <body paragraphs>
    LOAD-DATE: ... / LANGUAGE: ENGLISH / PUBLICATION-TYPE: ...
    Copyright 2022 ...

An article's stored text runs from its separator line to the last non-blank line before the next
one. The separator, outlet, date and the labelled lines are boilerplate ("export header" before the
body, "export footer" after it), the copyright line is "copyright".
"""

from __future__ import annotations

import re

from kzt_annotator.core.model import NewArticle, TextRange
from kzt_annotator.io.export_common import (
    COPYRIGHT,
    EXPORT_FOOTER,
    EXPORT_HEADER,
    content_range,
    is_copyright,
    language_code,
    lines_of,
    merge_ranges,
    parse_date,
    parse_length,
)
from kzt_annotator.io.metadata import infer_metadata

SEPARATOR = re.compile(r"^[ \t]*(\d+) of (\d+) DOCUMENTS?[ \t]*$", re.MULTILINE)
_LABEL = re.compile(r"^([A-Z][A-Z-]{2,}):\s*(.*)$")
_HEAD_LABELS = {"BYLINE", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "EDITION"}
_TRAILER_LABELS = {"LOAD-DATE", "LANGUAGE", "PUBLICATION-TYPE", "DOCUMENT-TYPE", "GRAPHIC", "URL", "NOTES"}


def looks_like(text: str) -> bool:
    """True when the text has at least one "N of M DOCUMENTS" separator line."""
    return "DOCUMENT" in text and SEPARATOR.search(text) is not None  # substring test first: fast


def split(text: str, export_file: str) -> list[NewArticle]:
    """Every article of the export (text already decoded, newlines normalised)."""
    starts = [m.start() for m in SEPARATOR.finditer(text)]
    articles = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunk = text[start:end].rstrip()
        article = _article(chunk, export_file, index + 1)
        if article is not None:
            articles.append(article)
    return articles


def _article(chunk: str, export_file: str, position: int) -> NewArticle | None:
    lines = [line for line in lines_of(chunk) if line.text]
    if len(lines) < 2:
        return None
    ranges: list[TextRange] = [content_range(lines[0], chunk, EXPORT_HEADER)]
    meta: dict[str, str] = {}
    outlet = title = None
    published = None
    body_started = False
    for line in lines[1:]:
        label = _LABEL.match(line.text)
        name = label.group(1) if label else ""
        if is_copyright(line.text):
            ranges.append(content_range(line, chunk, COPYRIGHT))
        elif label and name in _HEAD_LABELS and not body_started:
            ranges.append(content_range(line, chunk, EXPORT_HEADER))
            meta.setdefault(name, label.group(2).strip())
        elif label and name in _TRAILER_LABELS:
            ranges.append(content_range(line, chunk, EXPORT_FOOTER))
            meta.setdefault(name, label.group(2).strip())
        elif outlet is None:
            outlet = line.text
            ranges.append(content_range(line, chunk, EXPORT_HEADER))
        elif published is None and title is None and (found := parse_date(line.text)) is not None:
            published = found
            ranges.append(content_range(line, chunk, EXPORT_HEADER))
        elif title is None:
            title = line.text
        else:
            body_started = True
    body = _body_text(chunk, ranges, title)
    if not body and title is None:
        return None
    inferred = infer_metadata(chunk)
    return NewArticle(
        text=chunk,
        title=title or outlet or f"{export_file} #{position}",
        source_file=export_file,
        outlet=outlet,
        author=meta.get("BYLINE") or None,
        published=published,
        language=language_code(meta.get("LANGUAGE", "")) or inferred.language,
        boilerplate=merge_ranges(ranges),
        section=meta.get("SECTION") or None,
        length_words=parse_length(meta.get("LENGTH", "")),
        export_file=export_file,
        export_index=position,
    )


def _body_text(chunk: str, ranges: list[TextRange], title: str | None) -> str:
    """What is left once boilerplate and the title are taken out (only to tell empty articles)."""
    keep = list(chunk)
    for r in ranges:
        keep[r.start : r.end] = [" "] * (r.end - r.start)
    rest = "".join(keep)
    if title:
        rest = rest.replace(title, "", 1)
    return rest.strip()
