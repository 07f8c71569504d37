"""What the reader draws: cues and annotations, eagerly at the top, lazily as a long article scrolls."""

from __future__ import annotations

import uuid

from kzt_annotator.core.attributes import ClaimAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, NewArticle
from kzt_annotator.ui.colours import kind_colour
from kzt_annotator.ui.highlighter import EAGER_CHARS


def backgrounds_at(reader, position: int) -> set[str]:
    """Background colours drawn over Python offset `position` (empty if nothing is drawn there)."""
    qt = reader.offsets.to_qt(position)
    block = reader.document().findBlock(qt)
    inside = qt - block.position()
    return {
        r.format.background().color().name()
        for r in block.layout().formats()
        if r.start <= inside < r.start + r.length and r.format.background().style()
    }


def long_article(repo, paragraphs: int = 400):
    text = "\n\n".join(
        f"Paragraph {i}: officials said 2,500 troops arrived in Almaty." for i in range(paragraphs)
    )
    [article], _ = repo.add_articles([NewArticle(text=text, title="Long", source_file="long.txt")])
    last = text.rindex("officials said")
    claim = Annotation(
        str(uuid.uuid4()), article.id, Kind.CLAIM, last, last + 14, "officials said", ClaimAttrs(), "tester"
    )
    repo.add_annotation(claim)
    return article, last


def test_a_long_article_highlights_the_top_now_and_the_rest_when_it_scrolls_into_view(
    qtbot, make_window, repo
):
    article, last = long_article(repo)
    assert len(article.text) > 2 * EAGER_CHARS
    window = make_window(repo)
    window.open_article(article.id)
    reader = window.reader
    claim = kind_colour(Kind.CLAIM, 90).name()
    assert reader.highlighter.pending, "blocks far below the screen should wait"
    assert backgrounds_at(reader, last) == set()
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: claim in backgrounds_at(reader, last), timeout=3000)
    # cues are scanned per paragraph as it is drawn: the number in the last paragraph is marked
    number = article.text.rindex("2,500")
    block = reader.document().findBlock(reader.offsets.to_qt(number))
    assert block.layout().formats(), "the last paragraph's cues were not drawn"


def test_redrawing_everything_keeps_what_is_on_screen_drawn(qtbot, make_window, repo):
    article, last = long_article(repo)
    first = article.text.index("officials said")
    repo.add_annotation(
        Annotation(
            str(uuid.uuid4()),
            article.id,
            Kind.CLAIM,
            first,
            first + 14,
            "officials said",
            ClaimAttrs(),
            "tester",
        )
    )
    window = make_window(repo)
    window.open_article(article.id)
    reader = window.reader
    reader.select_span(last, last + 14)  # scrolls to the end
    qtbot.wait(10)
    reader.highlighter.set_colour_by("annotator")
    qtbot.wait(10)
    assert backgrounds_at(reader, last), "the claim on screen lost its colour after a full redraw"
    assert backgrounds_at(reader, first) == set(), "off-screen blocks should wait"
    reader.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: bool(backgrounds_at(reader, first)), timeout=3000)


def drawn_ranges(reader, colour: str, text: str) -> list[tuple[int, int]]:
    """Python offset ranges drawn with background `colour`, merged across blocks (one per mark)."""
    covered: set[int] = set()
    document = reader.document()
    block = document.begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.background().style() and r.format.background().color().name() == colour:
                for qt in range(block.position() + r.start, block.position() + r.start + r.length):
                    covered.add(reader.offsets.to_py(qt))
        block = block.next()
    ranges: list[tuple[int, int]] = []
    for position in sorted(covered):
        if ranges and set(text[ranges[-1][1] : position]) <= {"\n"}:  # a break itself is not drawn
            ranges[-1] = (ranges[-1][0], position + 1)
        else:
            ranges.append((position, position + 1))
    return ranges


def test_marks_cover_exactly_their_spans_across_paragraphs_with_astral_characters(qtbot, make_window, repo):
    paragraphs = [
        "Crowds 😀😀😀 gathered; police and army officials",
        "said 🇰🇿 at least 225 people were killed 𝐢𝐧 Almaty.",
        "Plain paragraph without emoji, officials said.",
        "𝟏𝟐 more 🎉 and the end 😀.",
    ]
    text = "\n".join(paragraphs)
    [article], _ = repo.add_articles([NewArticle(text=text, title="Astral", source_file="astral.txt")])
    spans = [
        (text.index("officials"), text.index("killed") + len("killed")),  # crosses a break after emoji
        (text.index("𝐢𝐧"), text.index("𝟏𝟐") + 2),  # from astral letters across two breaks
        (text.index("the end"), len(text)),
    ]
    for start, end in spans:
        repo.add_annotation(
            Annotation(
                str(uuid.uuid4()), article.id, Kind.CLAIM, start, end, text[start:end], ClaimAttrs(), "t"
            )
        )
    window = make_window(repo)
    window.open_article(article.id)
    reader = window.reader
    claim = kind_colour(Kind.CLAIM, 90).name()
    qtbot.waitUntil(lambda: drawn_ranges(reader, claim, text) != [], timeout=3000)
    drawn = drawn_ranges(reader, claim, text)
    assert drawn == sorted(spans), [text[a:b] for a, b in drawn]


def test_many_marks_at_once_keep_the_order_one_by_one_insertion_gives():
    import random

    from kzt_annotator.ui.highlighter import BULK, Mark, _Ranges

    rng = random.Random(5)

    def marks(n, prefix):
        out = []
        for i in range(n):
            start = rng.randrange(0, 500)
            out.append(Mark(start, start + rng.randrange(1, 30), Kind.FIGURE, f"{prefix}{i}"))
        return out

    existing, added = marks(300, "a"), marks(BULK + 50, "s")
    one_by_one = _Ranges(existing)
    for mark in added:
        one_by_one = one_by_one.update(set(), [mark])
    at_once = _Ranges(existing).update(set(), added)
    assert at_once.items == one_by_one.items and at_once.starts == one_by_one.starts
    removed = {m.key for m in added[::3]} | {m.key for m in existing[::7]}
    assert _Ranges(at_once.items).update(removed, []).items == [
        m for m in at_once.items if m.key not in removed
    ]
    assert at_once.overlapping(100, 120) == one_by_one.overlapping(100, 120)


def _dotted_at(reader, position: int) -> bool:
    qt = reader.offsets.to_qt(position)
    block = reader.document().findBlock(qt)
    inside = qt - block.position()
    return any(
        r.start <= inside < r.start + r.length
        and r.format.underlineStyle() == r.format.underlineStyle().DotLine
        for r in block.layout().formats()
    )


def test_a_long_articles_many_suggestions_are_drawn_on_screen_and_as_they_scroll_into_view(
    qtbot, make_window, repo
):
    from kzt_annotator.ui.highlighter import BULK
    from kzt_annotator.ui.suggestion_loader import BACKGROUND_FROM

    article, _last = long_article(repo, paragraphs=1200)
    assert len(article.text) >= BACKGROUND_FROM
    window = make_window(repo)
    window.open_article(article.id)
    workspace, reader = window.workspace, window.reader
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=20_000)
    assert len(workspace.suggestions) > BULK  # arrived at once: drawn wholesale
    first, last = article.text.index("2,500"), article.text.rindex("2,500")
    qtbot.waitUntil(lambda: _dotted_at(reader, first), timeout=3000)
    assert not _dotted_at(reader, last), "blocks far below the screen should wait"
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: _dotted_at(reader, last), timeout=3000)
