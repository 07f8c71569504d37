"""PDF articles: reading order, hyphenation joined, page numbers and running headers marked, pages
kept; password-protected and scanned PDFs refused. The PDFs are drawn here with reportlab."""

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kzt_annotator.core.model import PageRange
from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.readers import read_articles

HEADER = "The Daily Steppe - Politics"
PAGES = [
    [
        (780, HEADER, 9),
        (700, "Peacekeepers land at Almaty airport", 16),
        (660, "About 2,500 peacekeepers landed at Almaty airport on Thursday night, the defence min-", 11),
        (646, "istry said. The troops will guard government buildings.", 11),
        (610, "A spokesman told reporters that the mission would last for up to two weeks.", 11),
        (40, "1", 9),
    ],
    [
        (780, HEADER, 9),
        (700, "Fuel prices fell to 50 tenge per litre in Mangy-", 11),
        (686, "stau, and trains on the Almaty-", 11),
        (672, "Bishkek line ran again.", 11),
        (40, "Page 2 of 2", 9),
    ],
]


def make_pdf(pages, **options) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, **options)
    for lines in pages:
        for y, text, size in lines:
            pdf.setFont("Helvetica", size)
            pdf.drawString(72, y, text)
        if not lines:
            pdf.rect(72, 72, 400, 600, fill=1)  # a "scanned" page: marks, no text
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_pages_and_margins(tmp_path):
    [article] = read_articles(write(tmp_path, "steppe.pdf", make_pdf(PAGES)))
    page_one = (
        f"{HEADER}\n\n"
        "Peacekeepers land at Almaty airport\n\n"
        "About 2,500 peacekeepers landed at Almaty airport on Thursday night, the defence ministry said. "
        "The troops will guard government buildings.\n\n"
        "A spokesman told reporters that the mission would last for up to two weeks.\n\n"
        "1\n\n"
    )
    page_two = (
        f"{HEADER}\n\nFuel prices fell to 50 tenge per litre in Mangystau, and trains on the "
        "Almaty-Bishkek line ran again.\n\nPage 2 of 2"
    )
    assert article.text == page_one + page_two
    assert article.pages == (PageRange(0, len(page_one), 1), PageRange(len(page_one), len(article.text), 2))
    assert [(article.text[r.start : r.end], r.reason) for r in article.boilerplate] == [
        (HEADER, "running header"),
        ("1", "page number"),
        (HEADER, "running header"),
        ("Page 2 of 2", "page number"),
    ]
    assert article.title == "Peacekeepers land at Almaty airport"
    assert article.source_media_type == "application/pdf" and article.source_bytes[:5] == b"%PDF-"
    assert article.source_file == "steppe.pdf"


def test_pdf_title_and_author_from_its_information(tmp_path):
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setTitle("Curfew eased in Almaty")
    pdf.setAuthor("Aliya Serik")
    pdf.drawString(72, 700, "The curfew will start at 23:00 from Thursday, the city administration said.")
    pdf.save()
    [article] = read_articles(write(tmp_path, "curfew.pdf", buffer.getvalue()))
    assert (article.title, article.author) == ("Curfew eased in Almaty", "Aliya Serik")
    assert article.text == "The curfew will start at 23:00 from Thursday, the city administration said."
    assert article.pages == (PageRange(0, len(article.text), 1),)


def test_password_protected_pdf_is_refused(tmp_path):
    path = write(tmp_path, "locked.pdf", make_pdf(PAGES, encrypt="secret"))
    with pytest.raises(FileRefused, match="password-protected"):
        read_articles(path)


def test_scanned_pdf_without_text_is_refused(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([[], []]))
    with pytest.raises(FileRefused, match=r"no text layer \(2 pages of images, probably scanned\); run OCR"):
        read_articles(path)


def test_broken_pdf_is_refused(tmp_path):
    with pytest.raises(FileRefused, match="PDF"):
        read_articles(write(tmp_path, "cut.pdf", make_pdf(PAGES)[:300]))
    with pytest.raises(FileRefused, match="not a PDF"):
        read_articles(write(tmp_path, "fake.pdf", b"hello"))
