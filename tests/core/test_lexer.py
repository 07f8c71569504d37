"""Cues in news prose: numbers, quotations, attribution cues, codebook names taking precedence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kzt_annotator.core.lexer import _CUE_RX, CueScanner, cue_ranges


def found(text, names=()):
    return [(text[c.start : c.end], c.kind) for c in cue_ranges(text, names)]


def test_the_cue_kinds_in_a_news_sentence():
    text = (
        "“We will not leave,” said Tokayev, according to Akorda; 2,500 troops and dozens of officers arrived."
    )
    cues = found(text, ["Akorda"])
    assert ("“We will not leave,”", "quote") in cues
    assert ("said", "attribution") in cues and ("according to", "attribution") in cues
    assert ("Akorda", "codebook") in cues
    assert ("2,500", "number") in cues and ("dozens", "number") in cues


def test_a_codebook_name_wins_over_the_cue_it_overlaps():
    assert found("The CSTO 2022 mission", ["CSTO 2022"]) == [("CSTO 2022", "codebook")]


def test_quotes_across_a_paragraph_break_are_found_for_the_reader():
    text = "He said: “First part.\n\nSecond part,” and left. “Short.”"
    assert [(text[c.start : c.end]) for c in CueScanner().spanning_quotes(text)] == [
        "“First part.\n\nSecond part,”"
    ]


@given(
    st.lists(
        st.sampled_from(["said", "Akorda", "12", "3,000", " ", "“x”", "Ak", "orda", "told"]), max_size=30
    )
)
def test_codebook_precedence_matches_a_plain_overlap_check(parts):
    text = "".join(parts)
    names = ["Akorda", "said 12"]
    taken = [(c.start, c.end) for c in cue_ranges(text, names) if c.kind == "codebook"]
    expected, position = [], 0
    for match in _CUE_RX.finditer(text):  # the same scan, with the overlap test spelled out
        start, end = match.span()
        if start < position or any(a < end and start < b for a, b in taken):
            continue
        expected.append((start, end))
        position = end
    assert [(c.start, c.end) for c in cue_ranges(text, names) if c.kind != "codebook"] == expected
