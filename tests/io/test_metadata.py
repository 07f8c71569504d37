"""Headlines, bylines and boilerplate on the real sample corpus."""

import pytest

from kzt_annotator.io.readers import read_article
from tests.conftest import CORPUS

HEADLINES = {
    "000": "Kazakhstani president orders troops to “shoot to kill” after anti-government protests turn violent",
    "001": "A shooting order from the president should ensure calm",
    "002": "Shoot ‘without warning’ to quash revolt, Kazakhstan president orders troops",
    "003": "Kazakhstan’s Growing Protests",
    "004": "Kazakhstan’s Leader to Quell Rebellion by Authorizing Lethal Force Against Protestors",
}


def corpus_file(prefix: str):
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize(("prefix", "headline"), sorted(HEADLINES.items()))
def test_title_is_the_real_headline(prefix, headline):
    assert read_article(corpus_file(prefix)).title == headline


def test_authors_from_bylines():
    assert read_article(corpus_file("000")).author == "Nick Mosher"
    assert read_article(corpus_file("002")).author == "Cain Burdeau"


def test_outlets_where_the_text_shows_them():
    assert read_article(corpus_file("002")).outlet == "Courthouse News Service"
    assert read_article(corpus_file("003")).outlet == "The Organization for World Peace"


def boiler_text(prefix):
    article = read_article(corpus_file(prefix))
    return article, [article.text[r.start : r.end] for r in article.boilerplate]


def test_boilerplate_is_marked_never_cut():
    for prefix in HEADLINES:
        path = corpus_file(prefix)
        article = read_article(path)
        assert article.text == path.read_text(encoding="utf-8")


def test_banners_comment_forms_adverts_and_footers_are_marked():
    _, parts = boiler_text("002")
    joined = "\n".join(parts)
    assert "Updates to our Terms of Use" in joined
    assert "Sign up for new weekly newsletter" in joined
    assert "Kremlin sent 2,500 paratroopers" not in joined
    _, parts = boiler_text("000")
    assert any("Leave a Reply" in p and "Connecting to %s" in p for p in parts)
    _, parts = boiler_text("001")
    assert any("Top jobs of the day" in p for p in parts)
    assert any("source site-13" in p for p in parts)
    _, parts = boiler_text("003")
    assert "About Author" in parts and "Comments are closed." in parts
    _, parts = boiler_text("004")
    assert "Skip to content" in parts


def test_boilerplate_found_with_the_short_line_keywords_equals_testing_every_rule():
    """detect_boilerplate tests only the keywords of lines short enough to be boilerplate; every
    text fixture gets the same ranges as testing every rule on every line (no keyword filter),
    with a long paragraph that holds keywords added so the filter has something to leave out."""
    from pathlib import Path

    from kzt_annotator.core.model import TextRange, normalise_newlines
    from kzt_annotator.io.decode import decode_text
    from kzt_annotator.io.metadata import (
        _TAIL_STARTS,
        MAX_BOILERPLATE_LINE,
        _merge,
        boilerplate_reason,
        detect_boilerplate,
        iter_lines,
    )

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    texts = [
        normalise_newlines(decode_text(path.read_bytes())[0])
        for path in sorted(fixtures.rglob("*"))
        if path.suffix in {".txt", ".md", ".html"}
    ]
    long_para = "Share this story and subscribe to our newsletter. " * 12  # over the line limit
    assert len(long_para) > MAX_BOILERPLATE_LINE
    texts += [t + "\n\n" + long_para + "\n\nShare this\n" for t in texts[:5]]
    assert len(texts) > 20
    for text in texts:
        lines = list(iter_lines(text))
        tail = next(
            (i for i in range(len(lines) * 2 // 3, len(lines)) if _TAIL_STARTS.search(lines[i].text)),
            len(lines),
        )
        reference = []
        for index, line in enumerate(lines):
            reason = boilerplate_reason(line.text) or ("comments / footer" if index >= tail else None)
            if reason:
                reference.append(TextRange(line.start, line.end, reason))
        assert detect_boilerplate(lines) == _merge(reference), text[:80]
