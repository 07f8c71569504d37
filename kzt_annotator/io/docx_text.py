"""The text Word shows, from a DOCX's XML: what python-docx's `paragraph.text` misses.

`paragraph.text` reads only runs that are direct children of the paragraph, so text inside
tracked insertions (w:ins), hyperlinks, fields, smart tags, custom XML and content controls
(w:sdt) is lost, and tables are skipped. Here the body is walked in document order instead:

- a paragraph's text is every w:t below it, in order, except inside deletions (w:del and
  w:moveFrom keep their text in w:delText, which is not read) and field instructions
  (w:instrText); w:tab is a tab, w:br and w:cr a line break;
- a table is read row by row, cell by cell: one paragraph per row, cells joined with " | ";
- content controls at block level are read through;
- footnotes and endnotes follow the body, after a "Notes" line, as "[n] text" paragraphs, and
  are returned as a marked range;
- what is still left out (text boxes and shapes, comments, headers and footers) is named in
  warnings, so the import can say so.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NOTES_HEADING = "Notes"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_SKIP_SUBTREES = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delText"), _w("footnoteReference")}
_SKIP_SUBTREES |= {_w("endnoteReference"), _w("commentReference")}
_SHAPES = {_w("drawing"), _w("pict"), _w("object"), f"{{{MC}}}AlternateContent"}


@dataclass(slots=True)
class DocxText:
    """Paragraphs of the body (tables flattened), notes, and what was left out (warnings)."""

    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _paragraph_text(paragraph: etree._Element, left_out: set[str]) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_SUBTREES:
                continue
            if tag in _SHAPES:
                if any(t.text for t in child.iter(_w("t"))):
                    left_out.add("text in text boxes or shapes")
                continue
            if tag == _w("t"):
                parts.append(child.text or "")
            elif tag == _w("tab"):
                parts.append("\t")
            elif tag in (_w("br"), _w("cr")):
                parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _table_rows(table: etree._Element, left_out: set[str]) -> list[str]:
    rows: list[str] = []
    for row in table.iter(_w("tr")):
        if row.getparent() is None or _nearest_table(row) is not table:
            continue  # a row of a nested table: read with its own table
        cells = []
        for cell in row:
            if cell.tag == _w("sdt"):
                cell = cell.find(f"{_w('sdtContent')}/{_w('tc')}")
                if cell is None:
                    continue
            if cell.tag != _w("tc"):
                continue
            cells.append(" ".join(p for p in _blocks(cell, left_out) if p.strip()))
        line = " | ".join(c.strip() for c in cells)
        if line.strip(" |"):
            rows.append(line)
    return rows


def _nearest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != _w("tbl"):
        parent = parent.getparent()
    return parent


def _blocks(container: etree._Element, left_out: set[str]) -> list[str]:
    """Paragraph texts of a body, cell, note or content control, in reading order."""
    out: list[str] = []
    for child in container:
        if child.tag == _w("p"):
            out.append(_paragraph_text(child, left_out))
        elif child.tag == _w("tbl"):
            out.extend(_table_rows(child, left_out))
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                out.extend(_blocks(content, left_out))
        elif child.tag in (_w("customXml"), _w("ins"), _w("moveTo")):
            out.extend(_blocks(child, left_out))
    return out


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        data = archive.read(name)
    except KeyError:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _notes(archive: zipfile.ZipFile, part: str, tag: str, left_out: set[str]) -> list[str]:
    root = _parse(archive, part)
    if root is None:
        return []
    notes = []
    for note in root.iter(_w(tag)):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(" ".join(p.split()) for p in _blocks(note, left_out) if p.strip())
        if text:
            notes.append(text)
    return notes


def read_docx_text(data: bytes) -> DocxText:
    """The text of a DOCX (already checked by docx_safety) as Word shows it; see the module doc.

    Raises KeyError/etree.XMLSyntaxError for a document without a readable main part.
    """
    result = DocxText()
    left_out: set[str] = set()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = _parse(archive, "word/document.xml")
        if document is None:
            raise KeyError("word/document.xml")
        body = document.find(_w("body"))
        if body is not None:
            result.paragraphs = _blocks(body, left_out)
        footnotes = _notes(archive, "word/footnotes.xml", "footnote", left_out)
        endnotes = _notes(archive, "word/endnotes.xml", "endnote", left_out)
        result.notes = [f"[{n}] {text}" for n, text in enumerate(footnotes + endnotes, start=1)]
        comments = _parse(archive, "word/comments.xml")
        if comments is not None and any(t.text for t in comments.iter(_w("t"))):
            left_out.add("comments")
        for name in archive.namelist():
            if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
                part = _parse(archive, name)
                if part is not None and any((t.text or "").strip() for t in part.iter(_w("t"))):
                    left_out.add("headers and footers")
    result.warnings = sorted(left_out)
    return result
