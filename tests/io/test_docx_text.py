"""What Word shows is what is stored: DOCX fixtures made here with python-docx and raw XML edits."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

from kzt_annotator.io.readers import read_article
from kzt_annotator.services.importing import import_paths

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _run(text: str, tag: str = "t") -> str:
    return f'<w:r {W}><w:{tag} xml:space="preserve">{text}</w:{tag}></w:r>'


def _append(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def build(path: Path, extra_parts: dict[str, str] | None = None) -> Path:
    document = docx.Document()
    document.add_paragraph("Almaty clashes")
    p = document.add_paragraph()
    _append(p, _run("The ministry said "))
    _append(
        p, f'<w:ins {W} w:id="1" w:author="ed" w:date="2022-01-08T00:00:00Z">{_run("at least 225 ")}</w:ins>'
    )
    _append(
        p,
        f'<w:del {W} w:id="2" w:author="ed" w:date="2022-01-08T00:00:00Z">{_run("nearly 300 ", "delText")}</w:del>',
    )
    _append(p, _run("people were killed."))
    p = document.add_paragraph()
    _append(p, _run("See "))
    _append(p, f'<w:hyperlink {W} {R} r:id="rId99">{_run("the ministry site")}</w:hyperlink>')
    _append(p, _run(" and "))
    _append(p, f'<w:smartTag {W} w:uri="urn:x" w:element="place">{_run("Almaty")}</w:smartTag>')
    _append(p, _run(" on page "))
    _append(p, f'<w:fldSimple {W} w:instr=" PAGE ">{_run("4")}</w:fldSimple>')
    _append(p, _run(", dated "))
    _append(p, f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>')
    _append(p, f'<w:r {W}><w:instrText xml:space="preserve"> DATE \\@ "d MMMM" </w:instrText></w:r>')
    _append(p, f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>')
    _append(p, _run("8 January"))
    _append(p, f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')
    _append(p, _run(", by "))
    _append(p, f"<w:sdt {W}><w:sdtPr/><w:sdtContent>{_run('Dana Omar')}</w:sdtContent></w:sdt>")
    _append(p, _run("."))
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("City", "Killed"), ("Almaty", "103"))):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    block = parse_xml(
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p>{_run('A paragraph in a content control.')}</w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, block)  # before sectPr
    document.add_paragraph("The curfew stays in force.")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if extra_parts:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            for name, xml in extra_parts.items():
                target.writestr(name, xml)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def test_text_in_insertions_wrappers_and_tables_is_kept_and_deletions_left_out(tmp_path):
    article = read_article(build(tmp_path / "a.docx"))
    text = article.text
    assert "The ministry said at least 225 people were killed." in text
    assert "nearly 300" not in text
    assert "See the ministry site and Almaty on page 4, dated 8 January, by Dana Omar." in text
    assert "DATE" not in text and "PAGE" not in text
    assert "City | Killed\n\nAlmaty | 103" in text
    assert "A paragraph in a content control." in text
    order = [text.index(s) for s in ("Almaty clashes", "225", "City | Killed", "content control", "curfew")]
    assert order == sorted(order)
    assert article.warnings == ()


def test_footnotes_and_endnotes_follow_the_body_as_a_marked_range(tmp_path):
    footnotes = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p>{_run("---")}</w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p>{_run("Figures from the Interior Ministry.")}</w:p></w:footnote></w:footnotes>'
    )
    endnotes = f'<w:endnotes {W}><w:endnote w:id="1"><w:p>{_run("Updated on 9 January.")}</w:p></w:endnote></w:endnotes>'
    article = read_article(
        build(tmp_path / "notes.docx", {"word/footnotes.xml": footnotes, "word/endnotes.xml": endnotes})
    )
    text = article.text
    assert text.endswith("Notes\n\n[1] Figures from the Interior Ministry.\n\n[2] Updated on 9 January.")
    assert "---" not in text
    (marked,) = [r for r in article.boilerplate if r.reason == "footnotes and endnotes"]
    assert text[marked.start : marked.end].startswith("Notes") and marked.end == len(text)
    assert text.index("curfew") < marked.start


def test_what_is_left_out_is_named(tmp_path, repo, capsys):
    comments = f'<w:comments {W}><w:comment w:id="0" w:author="ed"><w:p>{_run("check this")}</w:p></w:comment></w:comments>'
    header = f"<w:hdr {W}><w:p>{_run('Daily Bulletin')}</w:p></w:hdr>"
    path = build(tmp_path / "left.docx", {"word/comments.xml": comments, "word/header1.xml": header})
    article = read_article(path)
    assert article.warnings == ("left out: comments", "left out: headers and footers")
    assert "check this" not in article.text and "Daily Bulletin" not in article.text
    report = import_paths(repo, [path])
    assert len(report.imported) == 1
    assert report.warnings[0].reason == "left out: comments; left out: headers and footers"
