"""News-database exports split into articles: exact texts, metadata and boilerplate ranges."""

from datetime import date

import pytest

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.readers import read_articles
from tests.conftest import FIXTURES
from tests.io.test_readers import make_docx

EXPORTS = FIXTURES / "exports"


def marked(article):
    return [(article.text[r.start : r.end], r.reason) for r in article.boilerplate]


def meta(article):
    return {
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "published": article.published,
        "section": article.section,
        "length_words": article.length_words,
        "language": article.language,
        "export_file": article.export_file,
        "export_index": article.export_index,
        "source_file": article.source_file,
    }


def test_lexisnexis_text_export():
    first, second = read_articles(EXPORTS / "lexisnexis.txt")
    raw = (EXPORTS / "lexisnexis.txt").read_text(encoding="utf-8")
    assert first.text == raw[: raw.index("                               2 of 2 DOCUMENTS")].rstrip()
    assert first.text.startswith("                               1 of 2 DOCUMENTS\n\n\n")
    assert first.text.endswith(
        "Copyright 2022 The Daily Steppe Ltd.\n                              All Rights Reserved"
    )
    assert meta(first) == {
        "title": "Peacekeepers land at Almaty airport",
        "outlet": "The Daily Steppe",
        "author": "Dana Omar",
        "published": date(2022, 1, 7),
        "section": "WORLD; Pg. 4",
        "length_words": 96,
        "language": "en",
        "export_file": "lexisnexis.txt",
        "export_index": 1,
        "source_file": "lexisnexis.txt",
    }
    header, footer, copyright_ = "export header", "export footer", "copyright"
    assert marked(first) == [
        ("1 of 2 DOCUMENTS", header),
        ("The Daily Steppe", header),
        ("January 7, 2022 Friday", header),
        ("BYLINE: Dana Omar", header),
        ("SECTION: WORLD; Pg. 4", header),
        ("LENGTH: 96 words", header),
        ("LOAD-DATE: January 8, 2022", footer),
        ("LANGUAGE: ENGLISH", footer),
        ("PUBLICATION-TYPE: Newspaper", footer),
        ("Copyright 2022 The Daily Steppe Ltd.", copyright_),
        ("All Rights Reserved", copyright_),
    ]
    # a colon-led line inside the body stays text
    assert "UPDATE: the airport reopened" not in [t for t, _ in marked(first)]
    assert second.text == (
        "                               2 of 2 DOCUMENTS\n\n\n"
        "                               Caspian Herald (Aktau)\n\n"
        "                           January 9, 2022 Sunday\n\n"
        "Fuel prices fall after protests\n\n"
        "SECTION: BUSINESS\n\n"
        "LENGTH: 61 words\n\n\n"
        "The price of liquefied gas fell to 50 tenge per litre in Mangystau, officials said.\n\n"
        "Drivers queued at filling stations before dawn.\n\n\n"
        "LOAD-DATE: January 10, 2022\n\n"
        "LANGUAGE: ENGLISH\n\n"
        "Copyright 2022 Caspian Herald"
    )
    assert meta(second) == {
        "title": "Fuel prices fall after protests",
        "outlet": "Caspian Herald (Aktau)",
        "author": None,
        "published": date(2022, 1, 9),
        "section": "BUSINESS",
        "length_words": 61,
        "language": "en",
        "export_file": "lexisnexis.txt",
        "export_index": 2,
        "source_file": "lexisnexis.txt",
    }


NEXIS_UNI = [
    "User Name: =",
    "Date and Time: = January 14, 2022 10:00 AM EST",
    "Job Number: 161718",
    "Documents (2)",
    "1. Troops begin to leave Kazakhstan",
    "Client/Matter: -None-",
    "Search Terms: kazakhstan AND troops",
    "2. Airport reopens",
    "Client/Matter: -None-",
    "Search Type: Terms and Connectors",
    "",
    "Troops begin to leave Kazakhstan",
    "The Daily Steppe",
    "January 13, 2022 Thursday",
    "Copyright 2022 The Daily Steppe Ltd. All Rights Reserved",
    "Section: WORLD; Pg. 2",
    "Length: 58 words",
    "Byline: Dana Omar",
    "Body",
    "The first peacekeepers flew home on Thursday, the defence ministry said.",
    "Section: this line is body text, not a header.",
    "The withdrawal will take ten days.",
    "Load-Date: January 14, 2022",
    "End of Document",
    "Airport reopens",
    "Caspian Herald",
    "January 14, 2022 Friday",
    "Length: 30 words",
    "Body",
    "Almaty airport reopened to passenger flights on Friday.",
    "End of Document",
]


def test_nexis_uni_docx_export(tmp_path):
    path = tmp_path / "Files (2).docx"
    path.write_bytes(make_docx(NEXIS_UNI))
    first, second = read_articles(path)
    assert first.text == "\n\n".join(NEXIS_UNI[11:24])
    assert meta(first) == {
        "title": "Troops begin to leave Kazakhstan",
        "outlet": "The Daily Steppe",
        "author": "Dana Omar",
        "published": date(2022, 1, 13),
        "section": "WORLD; Pg. 2",
        "length_words": 58,
        "language": "en",
        "export_file": "Files (2).docx",
        "export_index": 1,
        "source_file": "Files (2).docx",
    }
    assert marked(first) == [
        ("The Daily Steppe", "export header"),
        ("January 13, 2022 Thursday", "export header"),
        ("Copyright 2022 The Daily Steppe Ltd. All Rights Reserved", "copyright"),
        ("Section: WORLD; Pg. 2", "export header"),
        ("Length: 58 words", "export header"),
        ("Byline: Dana Omar", "export header"),
        ("Body", "export header"),
        ("Load-Date: January 14, 2022", "export footer"),
        ("End of Document", "export footer"),
    ]
    assert second.text == (
        "Airport reopens\n\nCaspian Herald\n\nJanuary 14, 2022 Friday\n\nLength: 30 words\n\nBody\n\n"
        "Almaty airport reopened to passenger flights on Friday.\n\nEnd of Document"
    )
    assert (second.title, second.outlet, second.published, second.length_words, second.export_index) == (
        "Airport reopens",
        "Caspian Herald",
        date(2022, 1, 14),
        30,
        2,
    )
    assert second.author is None and second.section is None


FACTIVA_FIRST = {
    "title": "Protesters gather in central square",
    "outlet": "Steppe Wire Service",
    "author": "Marat Abenov",
    "published": date(2022, 1, 8),
    "section": "World News",
    "length_words": 143,
    "language": "en",
    "export_file": "factiva.txt",
    "export_index": 1,
    "source_file": "factiva.txt",
}


def test_factiva_text_export():
    first, second = read_articles(EXPORTS / "factiva.txt")
    assert first.text == (
        "Protesters gather in central square\nWorld News\nBy Marat Abenov\n143 words\n8 January 2022\n"
        "09:15 GMT\nSteppe Wire Service\nSTWS\nEnglish\n"
        "Copyright 2022 Steppe Wire Service. All rights reserved.\n\n"
        "Hundreds of people gathered in the central square on Saturday, witnesses said.\n\n"
        "Police closed the surrounding streets and said 40 people had been detained.\n\n"
        "Document STWS000020220108ei1800001"
    )
    assert meta(first) == FACTIVA_FIRST
    assert marked(first) == [
        ("World News", "export header"),
        ("By Marat Abenov", "export header"),
        ("143 words", "export header"),
        ("8 January 2022", "export header"),
        ("09:15 GMT", "export header"),
        ("Steppe Wire Service", "export header"),
        ("STWS", "export header"),
        ("English", "export header"),
        ("Copyright 2022 Steppe Wire Service. All rights reserved.", "copyright"),
        ("Document STWS000020220108ei1800001", "export footer"),
    ]
    assert second.text.startswith("Banks reopen in the capital\n312 words\n")
    assert second.text.endswith("central bank said.\n\nDocument CAPT000020220110ei1a00002")
    assert (second.outlet, second.published, second.language, second.length_words, second.section) == (
        "Capital Times",
        date(2022, 1, 10),
        "ru",
        312,
        None,
    )
    assert ("(c) 2022 Capital Times", "copyright") in marked(second)


def test_factiva_rtf_export():
    [article] = read_articles(EXPORTS / "factiva.rtf")
    assert article.text == (
        "Rail link to Bishkek restored\nBy Aliya Serik\n88 words\n11 January 2022\nSteppe Wire Service\n"
        "STWS\nEnglish\nCopyright 2022 Steppe Wire Service. All rights reserved.\n\n"
        "Trains between Almaty and Bishkek ran again on Tuesday, the railway company said.\n\n"
        "About 1,200 passengers had waited at the border for three days.\n\n"
        "Document STWS000020220111ei1b00003"
    )
    assert (article.title, article.author, article.outlet, article.published, article.length_words) == (
        "Rail link to Bishkek restored",
        "Aliya Serik",
        "Steppe Wire Service",
        date(2022, 1, 11),
        88,
    )
    assert (article.export_file, article.export_index) == ("factiva.rtf", 1)


def test_factiva_html_export():
    first, second = read_articles(EXPORTS / "factiva.html")
    assert first.text == (
        "Internet restored in most regions\nBy Timur Zhan\n120 words\n12 January 2022\nCapital Times\n"
        "CAPT\nEnglish\nCopyright 2022 Capital Times\n\n"
        "Mobile internet returned in most regions on Wednesday, the digital ministry said.\n\n"
        "Access in Almaty stayed limited to a few hours a day.\n\n"
        "Document CAPT000020220112ei1c00004"
    )
    assert (first.title, first.author, first.outlet, first.published, first.length_words) == (
        "Internet restored in most regions",
        "Timur Zhan",
        "Capital Times",
        date(2022, 1, 12),
        120,
    )
    assert second.text == (
        "Curfew eased\n45 words\n13 January 2022\nSteppe Wire Service\nEnglish\n\n"
        "The curfew in Almaty will start at 23:00 from Thursday, the city administration said.\n\n"
        "Document STWS000020220113ei1d00005"
    )
    assert (second.outlet, second.export_index, second.author) == ("Steppe Wire Service", 2, None)


def test_every_boilerplate_range_lies_on_its_text():
    for name in ("lexisnexis.txt", "factiva.txt", "factiva.rtf", "factiva.html"):
        for article in read_articles(EXPORTS / name):
            for r in article.boilerplate:
                assert 0 <= r.start < r.end <= len(article.text)
                assert article.text[r.start : r.end] == article.text[r.start : r.end].strip()


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("empty.txt", "   1 of 3 DOCUMENTS\n\n   2 of 3 DOCUMENTS\n", "LexisNexis"),
        ("ids.txt", "Title\n12 words\n\nDocument ABCDEFGHIJ0123\n", "Factiva"),
    ],
)
def test_an_export_split_into_no_article_is_refused(tmp_path, name, content, what):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FileRefused, match=f"looks like a {what} export but no article could be split"):
        read_articles(path)


def test_nexis_uni_docx_without_articles_is_refused(tmp_path):
    path = tmp_path / "cover-only.docx"
    path.write_bytes(make_docx(["Documents (1)", "Body", "End of Document"]))
    with pytest.raises(FileRefused, match="Nexis Uni export but no article"):
        read_articles(path)
