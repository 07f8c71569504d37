"""Factiva exports (TXT, RTF, HTML): articles that each end with a "Document <id>" line.

One article in Factiva's article format (the header block is the lines up to the first blank one):

    <headline>
    <section>                         (optional)
    By Dana Omar                      (optional)
    512 words
    7 January 2022
    08:15 GMT                         (optional)
    <source name>                     the outlet
    <source code>                     LBA
    English
    Copyright 2022 ...

    <body paragraphs>

    Document LBA0000020220107ei170008d

The stored text runs from the headline to the document id line. Header lines below the headline
are "export header" boilerplate (the copyright line "copyright"), the id line "export footer".
RTF is turned into text with striprtf and HTML into the same line shape first (see `from_rtf`,
`from_html`); the stored text is then that text.
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

DOCUMENT_LINE = re.compile(r"^[ \t]*Document [A-Za-z0-9]{10,}[ \t]*$", re.MULTILINE)
_WORDS = re.compile(r"^[ \t]*[\d,]+ words[ \t]*$", re.MULTILINE)
_TIME = re.compile(r"^\d{1,2}:\d{2}(\s*(GMT|UTC|[AP]M|[A-Z]{2,4}))?$")
_SOURCE_CODE = re.compile(r"^[A-Z0-9]{2,10}$")
_PAGE = re.compile(r"^(Page|Pg\.?)\s*\w+$", re.IGNORECASE)


def looks_like(text: str) -> bool:
    """A document id line and a word-count line: Factiva's article format."""
    if "Document " not in text or " words" not in text:  # what both lines need; a fast test
        return False
    return DOCUMENT_LINE.search(text) is not None and _WORDS.search(text) is not None


def split(text: str, export_file: str) -> list[NewArticle]:
    """Every article of a Factiva text (already decoded, newlines normalised)."""
    articles: list[NewArticle] = []
    begin = 0
    for found in DOCUMENT_LINE.finditer(text):
        chunk_start = begin + (len(text[begin:]) - len(text[begin:].lstrip()))
        begin = found.end()
        article = _article(text[chunk_start : found.end()], export_file, len(articles) + 1)
        if article is not None:
            articles.append(article)
    return articles


def _article(chunk: str, export_file: str, position: int) -> NewArticle | None:
    lines = list(lines_of(chunk))
    header_end = next((i for i, line in enumerate(lines) if not line.text), len(lines))
    if header_end < 2 or header_end == len(lines):
        return None
    title = lines[0].text
    ranges: list[TextRange] = [content_range(lines[-1], chunk, EXPORT_FOOTER)]
    author = outlet = section = language = None
    published = None
    length = None
    for line in lines[1:header_end]:
        value = line.text
        reason = EXPORT_HEADER
        if is_copyright(value):
            reason = COPYRIGHT
        elif value.startswith("By ") and author is None:
            author = value[3:].strip()
        elif length is None and (words := parse_length(value)) is not None:
            length = words
        elif published is None and (day := parse_date(value)) is not None:
            published = day
        elif _TIME.match(value) or _PAGE.match(value):
            pass
        elif language is None and (code := language_code(value)) is not None:
            language = code
        elif published is not None and outlet is None:
            outlet = value
        elif published is None and section is None and not _SOURCE_CODE.match(value):
            section = value
        ranges.append(content_range(line, chunk, reason))
    body = "\n".join(line.text for line in lines[header_end:-1]).strip()
    if not body:
        return None
    return NewArticle(
        text=chunk,
        title=title,
        source_file=export_file,
        outlet=outlet,
        author=author,
        published=published,
        language=language or infer_metadata(chunk).language,
        boilerplate=merge_ranges(ranges),
        section=section,
        length_words=length,
        export_file=export_file,
        export_index=position,
    )


def from_rtf(markup: str) -> str:
    """Plain text of an RTF document (striprtf), newlines normalised."""
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(markup, errors="ignore").replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(markup: str) -> bool:
    return 'class="article' in markup and DOCUMENT_LINE.search(re.sub(r"<[^>]+>", "\n", markup)) is not None


def from_html(markup: str) -> str:
    """Factiva's HTML as text: per article the header divs one per line, then a blank line, each
    paragraph as a block, and the document id line; articles separated by a blank line."""
    import lxml.html

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    root = lxml.html.fromstring(markup.encode("utf-8"), parser=parser)
    parts: list[str] = []
    for container in root.xpath('//div[contains(concat(" ", normalize-space(@class), " "), " article ")]'):
        header: list[str] = []
        paragraphs: list[str] = []
        for element in container:
            value = " ".join(element.text_content().split())
            if not value:
                continue
            if element.tag == "p" or paragraphs:
                paragraphs.append(value)
            else:
                header.append(value)
        if header and paragraphs:
            parts.append("\n".join(header) + "\n\n" + "\n\n".join(paragraphs))
    return "\n\n".join(parts)
