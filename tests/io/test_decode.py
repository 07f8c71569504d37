"""Encodings and line endings: the stored text is the decoded file with newlines normalised."""

from pathlib import Path

import pytest

from kzt_annotator.io.errors import FileRefused
from kzt_annotator.io.readers import read_article

RUSSIAN = (
    "Протесты в Казахстане\n\nМинистерство внутренних дел сообщило, что задержаны более 3000 человек. "
    "По словам президента, в страну были направлены миротворцы ОДКБ. Ситуация в Алматы остаётся "
    "напряжённой, а доступ к интернету ограничен по всей стране.\n"
)
FRENCH = (
    "Manifestations au Kazakhstan\n\nLe ministère a déclaré que plus de 3 000 personnes ont été "
    "arrêtées. « Nous rétablirons l'ordre », a affirmé le président, à Almaty où la situation reste "
    "très tendue après une semaine de violences. Les prix du gaz ont doublé.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8(tmp_path):
    article = read_article(write(tmp_path, "a.txt", FRENCH.encode("utf-8")))
    assert article.text == FRENCH
    assert article.title == "Manifestations au Kazakhstan"


def test_utf8_with_bom_drops_only_the_mark(tmp_path):
    article = read_article(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + FRENCH.encode("utf-8")))
    assert article.text == FRENCH


def test_cp1251_russian(tmp_path):
    article = read_article(write(tmp_path, "ru.txt", RUSSIAN.encode("cp1251")))
    assert article.text == RUSSIAN
    assert article.language == "ru"


def test_latin1(tmp_path):
    article = read_article(write(tmp_path, "fr.txt", FRENCH.encode("latin-1")))
    assert article.text == FRENCH


def test_crlf_and_lone_cr_become_lf(tmp_path):
    data = b"Headline here now\r\n\r\nFirst line.\rSecond line.\r\n"
    article = read_article(write(tmp_path, "a.txt", data))
    assert article.text == "Headline here now\n\nFirst line.\nSecond line.\n"


def test_emoji_and_astral_offsets_are_code_points(tmp_path):
    text = "Pay 😀 rose by 𝟐𝟎 percent\n\nOfficials said 2,500 troops 🪖 arrived.\n"
    article = read_article(write(tmp_path, "e.txt", text.encode("utf-8")))
    assert article.text == text
    start = article.text.index("2,500 troops")
    assert article.text[start : start + 12] == "2,500 troops"
    assert start == text.index("2,500")  # code points, not UTF-16 units or bytes


def test_binary_is_refused(tmp_path):
    with pytest.raises(FileRefused, match="PNG image"):
        read_article(write(tmp_path, "x.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50))
    with pytest.raises(FileRefused, match="binary"):
        read_article(write(tmp_path, "y.txt", b"abc\x00\x01\x02" * 40))


def test_empty_is_refused(tmp_path):
    with pytest.raises(FileRefused, match="empty"):
        read_article(write(tmp_path, "e.txt", b"  \n\n "))


def test_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("KZT_ANNOTATOR_MAX_FILE_MB", "0.001")
    with pytest.raises(FileRefused, match="over the .* limit"):
        read_article(write(tmp_path, "big.txt", b"word " * 1000))


def test_unsupported_type_says_what_to_import(tmp_path):
    with pytest.raises(FileRefused, match=r"\.txt, \.md, \.html, \.docx, \.rtf or \.pdf"):
        read_article(write(tmp_path, "a.odt", b"hello world"))
