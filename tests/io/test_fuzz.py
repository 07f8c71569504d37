"""Property-based tests: no input makes an importer or the number parser raise anything but a
clear refusal. Bounded example counts keep CI time fixed."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_annotator.core.errors import KztError
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.numbers import parse_figure
from kzt_annotator.core.suggest import suggest_attributions, suggest_figures
from kzt_annotator.io.incoming import read_any
from kzt_annotator.io.readers import read_article

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".htm"]))
def test_article_readers_refuse_or_read(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except KztError:
        return
    assert isinstance(article.text, str) and article.title


@SETTINGS
@given(text=st.text(max_size=2000))
def test_text_articles_keep_their_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if text else b"")
    try:
        article = read_article(path)
    except KztError:
        return
    assert article.text == text.replace("\r\n", "\n").replace("\r", "\n") or text.startswith("\ufeff")


@SETTINGS
@given(
    members=st.dictionaries(
        st.sampled_from(["word/document.xml", "[Content_Types].xml", "../evil", "word/x.xml"]),
        st.binary(max_size=500),
        max_size=3,
    )
)
def test_docx_zips_of_anything(tmp_path_factory, members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path = tmp_path_factory.mktemp("fuzz") / "x.docx"
    path.write_bytes(buffer.getvalue())
    try:
        article = read_article(path)
    except KztError:
        return
    # read: only a document with its main part and no path leaving the archive
    assert "word/document.xml" in members and "../evil" not in members
    assert isinstance(article.text, str) and article.title


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200))
def test_number_parser_and_suggesters_never_raise(text):
    parse_figure(text)
    for s in suggest_figures(text) + suggest_attributions(text):
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".json", ".jsonld", ".ann"]))
def test_annotation_files_refuse_or_read(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"x{suffix}"
    path.write_bytes(data)
    article_text = "Some article text for the brat reader to use.\n"
    (folder / "x.txt").write_text(article_text)
    try:
        read = read_any(path)
    except KztError:
        return
    # what was read is well formed: known kinds, whole-number spans, text (inside the brat text)
    for record in read.records:
        assert record.kind in {k.value for k in Kind}
        assert all(isinstance(v, int) for v in (record.start, record.end) if v is not None)
        assert isinstance(record.text, str)
        if suffix == ".ann":
            assert 0 <= record.start <= record.end <= len(article_text)
            assert record.text == article_text[record.start : record.end]


@SETTINGS
@given(rows=st.lists(st.lists(st.text(max_size=20), min_size=1, max_size=6), max_size=5))
def test_csv_with_formulas_and_broken_rows(tmp_path_factory, rows):
    import csv

    from kzt_annotator.io.csv_format import COLUMNS

    path = tmp_path_factory.mktemp("fuzz") / "x.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    try:
        read = read_any(path)
    except KztError:
        assert rows, "a file with the header alone is an empty file of annotations, not an error"
        return
    # every row has at most 6 of the header's cells, so only the header alone can be read
    assert rows == [] and read.records == []


@SETTINGS
@given(
    data=st.binary(max_size=2000),
    kind=st.sampled_from([(".pdf", b"%PDF-1.4\n"), (".rtf", b"{\\rtf1 "), (".pdf", b""), (".rtf", b"")]),
)
def test_pdf_and_rtf_readers_refuse_or_read(tmp_path_factory, data, kind):
    from kzt_annotator.io.readers import read_articles

    suffix, prefix = kind
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(prefix + data)
    try:
        articles = read_articles(path)
    except KztError:
        return
    assert all(isinstance(a.text, str) and a.title for a in articles)


@SETTINGS
@given(
    pieces=st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "   1 of 2 DOCUMENTS",
                    "BYLINE: X",
                    "LENGTH: 12 words",
                    "Copyright 2022",
                    "",
                    "Document ABCDEFGHIJ12345",
                    "120 words",
                    "7 January 2022",
                    "LANGUAGE: ENGLISH",
                ]
            ),
        ),
        max_size=40,
    )
)
def test_export_splitters_keep_ranges_on_their_text(tmp_path_factory, pieces):
    from kzt_annotator.io.readers import read_articles

    path = tmp_path_factory.mktemp("fuzz") / "export.txt"
    path.write_bytes("\n".join(pieces).encode("utf-8", "surrogatepass"))
    try:
        articles = read_articles(path)
    except KztError:
        return
    for article in articles:
        assert article.title
        for r in article.boilerplate:
            assert 0 <= r.start < r.end <= len(article.text)
