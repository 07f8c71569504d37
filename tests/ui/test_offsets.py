"""Qt counts UTF-16 units, Python code points: the conversion, checked against a real QTextDocument."""

from PySide6.QtGui import QTextCursor, QTextDocument

from kzt_annotator.ui.offsets import OffsetMap

TEXTS = ["plain ascii text", "Pay 😀 rose", "𝟐𝟎 and 🪖🪖 then ок 漢字 and 👩‍👩‍👧 family", "😀"]


def test_round_trip_every_position():
    for text in TEXTS:
        offsets = OffsetMap(text)
        for i in range(len(text) + 1):
            q = offsets.to_qt(i)
            assert q == len(text[:i].encode("utf-16-le")) // 2
            assert offsets.to_py(q) == i


def test_selection_in_a_real_document_matches_python_slices(qapp):
    text = "Pay 😀 rose by 𝟐𝟎 percent; up to 15,000 🪖 soldiers"
    document = QTextDocument(text)
    offsets = OffsetMap(text)
    start = text.index("up to")
    end = text.index(" soldiers") + len(" soldiers")
    cursor = QTextCursor(document)
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == text[start:end]


def test_set_position_100000_times_does_not_crash(qapp):
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand void calls (excluded in pyproject)."""
    document = QTextDocument("x" * 1000)
    cursor = QTextCursor(document)
    for i in range(100_000):
        cursor.setPosition(i % 1000)
    assert cursor.position() == 99_999 % 1000
