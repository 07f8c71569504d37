"""Read one file into its articles: .txt/.md, .html/.htm (trafilatura), .docx (python-docx), .pdf
(pdfminer.six), .rtf (striprtf), and the multi-article exports of news databases (LexisNexis text,
Nexis Uni DOCX, Factiva TXT/RTF/HTML), recognised from the content, not the name."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kzt_annotator.core.model import NewArticle, TextRange, normalise_newlines
from kzt_annotator.io import factiva, lexisnexis, nexis_uni, pdf
from kzt_annotator.io.decode import decode_text, sniff_binary
from kzt_annotator.io.docx_safety import check_docx
from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.limits import max_file_bytes, megabytes
from kzt_annotator.io.metadata import infer_metadata, split_site_title

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
RTF_SUFFIXES = {".rtf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES | RTF_SUFFIXES
_NO_SPLIT = (
    "this looks like a {what} export but no article could be split from it; "
    "export the full text of the articles again"
)
_MD_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def read_article(path: Path) -> NewArticle:
    """The one article in `path`; a multi-article export is refused here (see read_articles)."""
    articles = read_articles(path)
    if len(articles) != 1:
        raise FileRefused(f"this file holds {len(articles)} articles; give a file with one article")
    return articles[0]


def read_articles(path: Path) -> list[NewArticle]:
    """Parse `path` into its articles (one, or several for a news-database export); raises
    FileRefused with a reason a user can act on, also when an export splits into no article."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror})") from None
    limit = max_file_bytes()
    if size > limit:
        raise FileRefused(
            f"the file is {megabytes(size)} MB, over the {megabytes(limit)} MB limit for one "
            "file; split it, or raise KZT_ANNOTATOR_MAX_FILE_MB"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused(f"cannot read the file ({exc.strerror})") from None
    if pdf.looks_like(data):
        return [pdf.read_pdf(data, path.name, path.stem)]
    if suffix in PDF_SUFFIXES:
        raise FileRefused("this file is named .pdf but is not a PDF (it does not start with %PDF-)")
    if suffix in DOCX_SUFFIXES:
        return _from_docx(path, data)
    if suffix in RTF_SUFFIXES:
        return _from_rtf(path, data)
    if suffix in HTML_SUFFIXES:
        markup, _encoding = decode_text(data)
        if factiva.looks_like_html(markup):
            return _split(factiva.split(normalise_newlines(factiva.from_html(markup)), path.name), "Factiva")
        return [html_article(data, path.name, path.stem)]
    if suffix in TEXT_SUFFIXES:
        text = normalise_newlines(decode_text(data)[0])
        if lexisnexis.looks_like(text):
            return _split(lexisnexis.split(text, path.name), "LexisNexis")
        if factiva.looks_like(text):
            return _split(factiva.split(text, path.name), "Factiva")
        return [_from_text(path, text, markdown=suffix in {".md", ".markdown"})]
    what = sniff_binary(data)
    if what:
        raise FileRefused(f"this is {what}, not a text article")
    raise FileRefused(
        f"unsupported file type {suffix or '(no extension)'}; "
        "import .txt, .md, .html, .docx, .rtf or .pdf files"
    )


def _split(articles: list[NewArticle], what: str) -> list[NewArticle]:
    if not articles:
        raise FileRefused(_NO_SPLIT.format(what=what))
    return articles


def _from_rtf(path: Path, data: bytes) -> list[NewArticle]:
    markup, _encoding = decode_text(data)
    if not markup.lstrip().startswith("{\\rtf"):
        raise FileRefused("this file is named .rtf but is not RTF (it does not start with {\\rtf)")
    try:
        text = factiva.from_rtf(markup)
    except Exception as exc:  # striprtf raises plain exceptions on broken groups
        raise FileRefused(f"this RTF could not be read ({type(exc).__name__}: {exc})") from None
    if factiva.looks_like(text):
        return _split(factiva.split(text, path.name), "Factiva")
    if not text.strip():
        raise FileRefused("the RTF file has no text")
    meta = infer_metadata(text)
    return [
        NewArticle(
            text=text,
            title=meta.title or path.stem,
            source_file=path.name,
            outlet=meta.outlet,
            author=meta.author,
            language=meta.language,
            boilerplate=meta.boilerplate,
            source_bytes=data,
            source_media_type="application/rtf",
            warnings=_rtf_cut_short(markup),
        )
    ]


def _rtf_cut_short(markup: str) -> tuple[str, ...]:
    """A warning when the RTF's groups never close (a file cut short): what could be read is
    still imported, and the user is told to check it against the original."""
    plain = markup.replace("\\\\", "").replace("\\{", "").replace("\\}", "")
    if plain.count("{") > plain.count("}"):
        return (
            "the RTF file ends before its groups close (cut short?); check the text against the original",
        )
    return ()


def _from_text(path: Path, text: str, *, markdown: bool) -> NewArticle:
    """`text`: the file decoded, newlines normalised."""
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
        published=meta.published,
        language=meta.language,
        boilerplate=meta.boilerplate,
        inferred=meta.inferred,
    )


def html_article(data: bytes, source_file: str, fallback_title: str) -> NewArticle:
    """The article of an HTML page's bytes (a file, or a page fetched from the web)."""
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
    site = None if doc.sitename else _site_of_title(markup)
    inferred = _inferred_html(doc, meta, lang is not None)
    if site and "outlet" not in inferred:
        order = ("title", "author", "outlet", "published", "language")
        inferred = tuple(
            sorted((*inferred, "outlet"), key=lambda n: order.index(n) if n in order else len(order))
        )
    return NewArticle(
        text=text,
        title=(doc.title or meta.title or fallback_title).strip(),
        source_file=source_file,
        outlet=doc.sitename or site or meta.outlet,
        author=doc.author or meta.author,
        published=_iso_date(doc.date) or meta.published,
        url=doc.url,
        language=(lang.group(1).decode().lower() if lang else None) or meta.language,
        boilerplate=meta.boilerplate,
        inferred=inferred,
        source_bytes=data,
        source_media_type="text/html",
    )


_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _site_of_title(markup: str) -> str | None:
    """The site named by the page's <title> ('Floods hit town – The Daily Test'), when the page
    names none in its metadata (trafilatura drops such a suffix from the title it returns)."""
    import html

    found = _HTML_TITLE.search(markup[:50_000])
    split = split_site_title(" ".join(html.unescape(found.group(1)).split())) if found else None
    return split[1] if split else None


def _inferred_html(doc: object, meta: object, has_lang: bool) -> tuple[str, ...]:
    """Fields of an HTML import that came from the text rather than the page's markup."""
    read = {
        "title": getattr(doc, "title", None),
        "outlet": getattr(doc, "sitename", None),
        "author": getattr(doc, "author", None),
        "published": getattr(doc, "date", None),
        "language": has_lang or None,
    }
    return tuple(name for name in getattr(meta, "inferred", ()) if not read.get(name))


def _from_docx(path: Path, data: bytes) -> list[NewArticle]:
    check_docx(data)
    import io

    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors...
        raise FileRefused(f"this .docx could not be read ({type(exc).__name__}: {exc})") from None
    from kzt_annotator.io.docx_text import NOTES_HEADING, read_docx_text

    try:
        content = read_docx_text(data)
    except Exception as exc:  # lxml errors, a missing main part
        raise FileRefused(f"this .docx could not be read ({type(exc).__name__}: {exc})") from None
    paragraphs = [p.strip() for p in content.paragraphs]
    if nexis_uni.looks_like(paragraphs):
        return _split(nexis_uni.split([p for p in paragraphs if p], path.name), "Nexis Uni")
    text = normalise_newlines("\n\n".join(p for p in paragraphs if p))
    if not text.strip():
        raise FileRefused("this .docx contains no text")
    meta = infer_metadata(text)
    notes: tuple[TextRange, ...] = ()
    if content.notes:
        start = len(text) + 2
        text = text + "\n\n" + normalise_newlines("\n\n".join([NOTES_HEADING, *content.notes]))
        notes = (TextRange(start, len(text), "footnotes and endnotes"),)
    props = document.core_properties
    heading = next(
        (
            p.text.strip()
            for p in document.paragraphs
            if p.text.strip() and p.style is not None and p.style.name in ("Title", "Heading 1")
        ),
        None,
    )
    return [
        NewArticle(
            text=text,
            title=(props.title or heading or meta.title or path.stem).strip(),
            source_file=path.name,
            outlet=meta.outlet,
            author=meta.author or (props.author or None),
            published=meta.published,
            language=(props.language or "").split("-")[0].lower() or meta.language,
            boilerplate=meta.boilerplate + notes,
            inferred=tuple(
                n
                for n in meta.inferred
                if not (n == "title" and (props.title or heading))
                and not (n == "language" and props.language)
            ),
            source_bytes=data,
            source_media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            warnings=tuple(f"left out: {what}" for what in content.warnings),
        )
    ]


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
