"""HTML, DOCX and Markdown readers, and hostile files."""

import io
import zipfile

import docx
import pytest

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.readers import read_article

HTML = """<!doctype html><html lang="en"><head><title>Troops arrive | The Daily Steppe</title>
<meta name="author" content="Aigerim Sultan"><meta property="og:site_name" content="The Daily Steppe">
<meta property="article:published_time" content="2022-01-07T10:00:00Z"></head>
<body><nav><a href="/">Skip to content</a> Home News Sport</nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies</div>
<article><h1>Troops arrive</h1>
<p>The Kremlin sent 2,500 paratroopers to serve as peacekeepers, officials said on Friday in Almaty.</p>
<p>“We had to deal with armed and trained bandits,” the president said in a televised address.</p>
<p>More than 3,000 people were arrested, the Interior Ministry said, and scores were injured.</p>
<script>alert('x')</script></article>
<footer>Subscribe to our newsletter. Share on Facebook.</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "steppe.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Troops arrive"
    assert article.author == "Aigerim Sultan"
    assert article.outlet == "The Daily Steppe"
    assert str(article.published) == "2022-01-07"
    assert article.language == "en"
    assert "The Kremlin sent 2,500 paratroopers" in article.text
    assert "alert(" not in article.text and "Accept all cookies" not in article.text
    assert article.source_bytes == HTML.encode("utf-8")  # provenance kept


@pytest.mark.parametrize("dash", ["–", "|", "—", "-"])
def test_html_outlet_from_a_headline_site_title(tmp_path, dash):
    """No og:site_name: the outlet comes from the <title>'s 'Headline – Site' form, marked inferred."""
    page = (
        f"<html><head><title>Floods hit town {dash} The Daily Test</title></head><body><article>"
        "<h1>Floods hit town</h1><p>At least 300 homes were flooded, the mayor said on Monday, and "
        "officials said many more people were evacuated from the valley overnight.</p></article></body></html>"
    )
    path = tmp_path / "floods.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.outlet) == ("Floods hit town", "The Daily Test")
    assert "outlet" in article.inferred


def make_docx(paragraphs, title=None, author=None) -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(
        make_docx(["Almaty airport retaken", "By Dana Omar", "Up to 15,000 soldiers 🪖 arrived."])
    )
    article = read_article(path)
    assert article.title == "Almaty airport retaken"
    assert article.author == "Dana Omar"
    assert article.text == "Almaty airport retaken\n\nBy Dana Omar\n\nUp to 15,000 soldiers 🪖 arrived."


def test_truncated_docx_is_refused(tmp_path):
    data = make_docx(["Some text here for the body"])
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(FileRefused, match="damaged"):
        read_article(path)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"word/document.xml": b"<w/>", "word/media/x.bin": b"\0" * (50 * 1024 * 1024)}))
    with pytest.raises(FileRefused, match="zip bomb"):
        read_article(path)


def test_docx_with_xml_entities_is_refused(tmp_path):
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    path = tmp_path / "xxe.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": xxe}))
    with pytest.raises(FileRefused, match="entities"):
        read_article(path)


def test_markdown_title_from_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("Site menu\n\n# Protests spread to Almaty\n\nDozens of people were detained.\n")
    article = read_article(path)
    assert article.title == "Protests spread to Almaty"
    assert article.text.startswith("Site menu\n")


def test_script_laden_html_keeps_no_script(tmp_path):
    body = "".join(f"<p>Paragraph {i} about the unrest in Almaty and the troops.</p>" for i in range(20))
    html = f"<html><body><script>steal()</script><article>{body}<img src=x onerror=alert(1)></article></body></html>"
    path = tmp_path / "x.html"
    path.write_text(html)
    article = read_article(path)
    assert "steal()" not in article.text and "onerror" not in article.text


def test_deeply_nested_html_gives_an_answer_not_a_crash(tmp_path):
    html = (
        "<html><body>"
        + "<div>" * 5000
        + "<p>Deep text about the protests here.</p>"
        + "</div>" * 5000
        + "</body></html>"
    )
    path = tmp_path / "deep.html"
    path.write_text(html)
    try:
        article = read_article(path)
    except FileRefused as exc:
        assert "HTML" in str(exc)
    else:
        assert "protests" in article.text


def test_an_rtf_cut_short_is_imported_with_a_warning(tmp_path):
    whole = tmp_path / "whole.rtf"
    whole.write_text(
        r"{\rtf1\ansi {\b Floods} hit the town \{not a group\} on Monday.\par}", encoding="ascii"
    )
    assert read_article(whole).warnings == ()
    cut = tmp_path / "cut.rtf"
    cut.write_text(r"{\rtf1\ansi Floods hit the town on Monday, officials said", encoding="ascii")
    (article,) = [read_article(cut)]
    assert "Floods hit the town" in article.text
    assert article.warnings and "cut short" in article.warnings[0]
