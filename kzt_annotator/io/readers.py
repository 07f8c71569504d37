"""Read one file into a NewArticle: .txt/.md, .html/.htm (trafilatura), .docx (python-docx)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kzt_annotator.core.model import NewArticle, normalise_newlines
from kzt_annotator.io.decode import decode_text, sniff_binary
from kzt_annotator.io.docx_safety import check_docx
from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.limits import max_file_bytes
from kzt_annotator.io.metadata import infer_metadata

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES
_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def read_article(path: Path) -> NewArticle:
    """Parse `path`; raises FileRefused with a reason a user can act on."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror})") from None
    limit = max_file_bytes()
    if size > limit:
        raise FileRefused(
            f"the file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit for one "
            "article; split it, or raise KZT_ANNOTATOR_MAX_FILE_MB"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror})") from None
    if suffix in DOCX_SUFFIXES:
        return _from_docx(path, data)
    if suffix in HTML_SUFFIXES:
        return _from_html(path, data)
    if suffix in TEXT_SUFFIXES:
        return _from_text(path, data, markdown=suffix in {".md", ".markdown"})
    what = sniff_binary(data)
    if what:
        raise FileRefused(f"this is {what}, not a text article")
    raise FileRefused(
        f"unsupported file type {suffix or '(no extension)'}; import .txt, .md, .html or .docx files"
    )


def _from_text(path: Path, data: bytes, *, markdown: bool) -> NewArticle:
    text, _encoding = decode_text(data)
    text = normalise_newlines(text)
    if not text.strip():
        raise FileRefused("the file has no text")
    meta = infer_metadata(text)
    title = meta.title
    if markdown:
        heading = _MD_HEADING.search(text)
        if heading:
            title = heading.group(1)
    return NewArticle(
        text=text,
        title=title or path.stem,
        source_file=path.name,
        outlet=meta.outlet,
        author=meta.author,
        language=meta.language,
        boilerplate=meta.boilerplate,
    )


def _from_html(path: Path, data: bytes) -> NewArticle:
    import trafilatura  # heavy import; only when an HTML file is imported

    markup, _encoding = decode_text(data)
    try:
        doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml raise many types on hostile markup
        raise FileRefused(f"the article text could not be extracted from this HTML ({exc})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise FileRefused("no article text was found in this HTML page")
    text = normalise_newlines(body).replace("\n", "\n\n")
    meta = infer_metadata(text)
    lang = _HTML_LANG.search(data[:4096])
    return NewArticle(
        text=text,
        title=(doc.title or meta.title or path.stem).strip(),
        source_file=path.name,
        outlet=doc.sitename or meta.outlet,
        author=doc.author or meta.author,
        published=_iso_date(doc.date),
        url=doc.url,
        language=(lang.group(1).decode().lower() if lang else None) or meta.language,
        boilerplate=meta.boilerplate,
        source_bytes=data,
        source_media_type="text/html",
    )


def _from_docx(path: Path, data: bytes) -> NewArticle:
    check_docx(data)
    import io

    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise FileRefused(f"this .docx could not be read ({type(exc).__name__}: {exc})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs]
    text = normalise_newlines("\n\n".join(p for p in paragraphs if p))
    if not text.strip():
        raise FileRefused("this .docx contains no text")
    meta = infer_metadata(text)
    props = document.core_properties
    heading = next(
        (
            p.text.strip()
            for p in document.paragraphs
            if p.text.strip() and p.style is not None and p.style.name in ("Title", "Heading 1")
        ),
        None,
    )
    return NewArticle(
        text=text,
        title=(props.title or heading or meta.title or path.stem).strip(),
        source_file=path.name,
        outlet=meta.outlet,
        author=meta.author or (props.author or None),
        language=(props.language or "").split("-")[0].lower() or meta.language,
        boilerplate=meta.boilerplate,
        source_bytes=data,
        source_media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
