"""PDF articles through pdfminer.six: text in reading order, pages kept, margins marked.

The stored text is built here (a PDF has no plain text to keep): each text box pdfminer's layout
analysis finds is one paragraph, its lines joined by a space, a word broken by a hyphen at a line
end joined again ("govern-" + "ment" -> "government", only when the next line starts in lower
case; "Almaty-" + "Bishkek" keeps its hyphen); paragraphs are separated by a blank line, pages
too. Lines in the top or bottom tenth of a page that are a page number ("7", "Page 7", "7 of 12",
"- 7 -") are marked "page number"; lines there that repeat on two or more pages (digits ignored)
are marked "running header". Each page's characters are recorded as a `PageRange`; together they
cover the text.

Refused, with a message that says so: password-protected PDFs, PDFs without a text layer
(scanned pages), files that are not readable PDFs.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from kzt_annotator.core.model import NewArticle, PageRange, TextRange
from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.metadata import infer_metadata

MARGIN = 0.10  # share of the page height at the top and bottom where headers and numbers sit
PAGE_NUMBER = "page number"
RUNNING_HEADER = "running header"
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|стр\.?)\s*)?\d{1,4}(?:\s*(?:of|/|из)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)
_BROKEN_WORD = re.compile(r"[^\W\d_][-\u00ad]$")


@dataclass(frozen=True, slots=True)
class _Box:
    page: int
    text: str  # lines joined, hyphenation undone
    in_margin: bool
    key: str  # digits replaced, for spotting repeated headers


def looks_like(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def read_pdf(data: bytes, name: str, stem: str) -> NewArticle:
    """The article in a PDF file's bytes; raises FileRefused (see the module docstring)."""
    boxes, pages = _boxes(data)
    if not any(box.text.strip() for box in boxes):
        raise FileRefused(
            f"this PDF has no text layer ({pages} page{'s' * (pages != 1)} of images, probably scanned); "
            "run OCR on it first (for example with ocrmypdf) and import the result"
        )
    repeated = _repeated_margin_keys(boxes)
    parts: list[str] = []
    boilerplate: list[TextRange] = []
    page_ranges: list[PageRange] = []
    position = 0
    current_page = None
    page_start = 0
    for box in boxes:
        if not box.text:
            continue
        if parts:
            parts.append("\n\n")
            position += 2
        if box.page != current_page:
            if current_page is not None:
                page_ranges.append(PageRange(page_start, position, current_page))
            current_page, page_start = box.page, position
        if box.in_margin and _PAGE_NUMBER.match(box.text):
            boilerplate.append(TextRange(position, position + len(box.text), PAGE_NUMBER))
        elif box.in_margin and box.key in repeated:
            boilerplate.append(TextRange(position, position + len(box.text), RUNNING_HEADER))
        parts.append(box.text)
        position += len(box.text)
    if current_page is not None:
        page_ranges.append(PageRange(page_start, position, current_page))
    text = "".join(parts)
    info_title, info_author = _info(data)
    meta = infer_metadata(text)
    first_body = next(
        (
            text[r.start : r.end]
            for r in _paragraphs(text)
            if not any(b.start == r.start for b in boilerplate)
        ),
        None,
    )
    return NewArticle(
        text=text,
        title=(info_title or first_body or meta.title or stem).strip()[:300],
        source_file=name,
        outlet=meta.outlet,
        author=info_author or meta.author,
        language=meta.language,
        boilerplate=tuple(boilerplate),
        source_bytes=data,
        source_media_type="application/pdf",
        pages=tuple(page_ranges),
    )


def _boxes(data: bytes) -> tuple[list[_Box], int]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    boxes: list[_Box] = []
    count = 0
    try:
        for page in extract_pages(io.BytesIO(data), password="", laparams=LAParams()):
            count += 1
            height = page.height or 1.0
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                lines = [line.get_text().strip() for line in element]
                joined = _join_lines([line for line in lines if line])
                in_margin = element.y1 >= height * (1 - MARGIN) or element.y0 <= height * MARGIN
                boxes.append(_Box(count, joined, in_margin and len(lines) <= 2, re.sub(r"\d+", "#", joined)))
    except PDFPasswordIncorrect:
        raise FileRefused(
            "this PDF is password-protected; open it with its password, save an unprotected copy "
            "and import that"
        ) from None
    except PDFEncryptionError as exc:
        raise FileRefused(f"this PDF is encrypted in a way that cannot be read ({exc})") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise FileRefused(f"this PDF could not be read ({type(exc).__name__}: {exc})") from None
    return boxes, count


def _join_lines(lines: list[str]) -> str:
    """One paragraph from its lines: a space between lines, a line-end hyphenation undone."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif _BROKEN_WORD.search(out) and line[:1].islower():
            out = out[:-1] + line  # "govern-" + "ment": a word broken at the line end
        elif _BROKEN_WORD.search(out) and out[-1] == "-":
            out = out + line  # "Almaty-" + "Bishkek": a compound, its hyphen kept
        else:
            out = out + " " + line
    return out


def _repeated_margin_keys(boxes: list[_Box]) -> set[str]:
    pages_of: Counter[str] = Counter()
    for key in {(box.key, box.page) for box in boxes if box.in_margin and box.text}:
        pages_of[key[0]] += 1
    return {key for key, n in pages_of.items() if n >= 2}


def _paragraphs(text: str) -> list[TextRange]:
    out, start = [], 0
    for piece in text.split("\n\n"):
        out.append(TextRange(start, start + len(piece)))
        start += len(piece) + 2
    return out


def _info(data: bytes) -> tuple[str | None, str | None]:
    """Title and author from the document information dictionary, when set."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        info = document.info[0] if document.info else {}
    except Exception:  # the text was read already; missing metadata is no reason to refuse
        return None, None

    def value(key: str) -> str | None:
        raw = info.get(key)
        if hasattr(raw, "resolve"):
            raw = raw.resolve()
        if isinstance(raw, bytes):
            raw = decode_text(raw)
        if not isinstance(raw, str) or raw.strip().lower() in {"", "untitled", "anonymous", "unknown"}:
            return None
        return raw.strip()

    return value("Title"), value("Author")
