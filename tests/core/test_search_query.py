"""The search language: what users type, and what SQLite, PostgreSQL and highlighting get."""

from __future__ import annotations

import re

import pytest

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.search_query import parse


@pytest.mark.parametrize(
    ("typed", "fts5", "tsquery"),
    [
        ("Tokayev", '"tokayev"', "'tokayev'"),
        ('"state of emergency"', '"state of emergency"', "('state' <-> 'of' <-> 'emergency')"),
        ("detain*", '"detain"*', "'detain':*"),
        ("troops Almaty", '"troops" AND "almaty"', "'troops' & 'almaty'"),
        (
            "(troops OR soldiers) AND CSTO",
            '( "troops" OR "soldiers" ) AND "csto"',
            "( 'troops' | 'soldiers' ) & 'csto'",
        ),
        ("troops NOT Russian", '"troops" NOT "russian"', "'troops' & ! 'russian'"),
        ("troops -Russian", '"troops" NOT "russian"', "'troops' & ! 'russian'"),
        ('troops -"state media"', '"troops" NOT "state media"', "'troops' & ! ('state' <-> 'media')"),
        (
            "(troops OR army) -CSTO*",
            '( "troops" OR "army" ) NOT "csto"*',
            "( 'troops' | 'army' ) & ! 'csto':*",
        ),
        ("state-run media", '"state run" AND "media"', "('state' <-> 'run') & 'media'"),
        ("2,500 troops", '"2 500" AND "troops"', "('2' <-> '500') & 'troops'"),
        ("O'Brien", '"o brien"', "('o' <-> 'brien')"),
    ],
)
def test_queries_are_written_for_both_databases(typed, fts5, tsquery):
    query = parse(typed)
    assert query.fts5() == fts5
    assert query.tsquery() == tsquery


def test_the_pattern_finds_terms_phrases_and_prefixes_but_not_negated_terms():
    pattern = parse('"up to" detain* NOT Russian').pattern()
    text = "Up to 15,000 were detained; Russian troops; detainees; updated"
    assert [m.group() for m in pattern.finditer(text)] == ["Up to", "detained", "detainees"]
    minus = parse('"up to" detain* -Russian').pattern()
    assert [m.group() for m in minus.finditer(text)] == ["Up to", "detained", "detainees"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "type a word"),
        ('"unclosed', "phrase is not closed"),
        ("NOT troops", "NOT cannot start"),
        ("troops AND", "ends with an operator"),
        ("troops OR OR soldiers", "OR cannot follow"),
        ("(troops", "( is not closed"),
        ("troops)", ") has no matching ("),
        (
            "-Russian troops",
            "-Russian means NOT Russian: write what to search for before it (troops -Russian)",
        ),
        ("troops OR -Russian", "-Russian means NOT Russian"),
        ("tro*ps", "tro*ps: a * works only at the end of a word, as a prefix (troop* finds troops"),
        ("*troops", "*troops: a * works only at the end"),
        ("troop**", "troop**: a * works only at the end"),
        ('"tro*ps media"', '"tro*ps media": a * works only at the end'),
    ],
)
def test_malformed_queries_say_what_to_fix(typed, message):
    with pytest.raises(InvalidInput, match=re.escape(message)):
        parse(typed)


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ('"up to" detain* NOT Russian', "Up to 15,000 were detained; Russian troops; detainees; updated"),
        ('"state media"', "STATE MEDIA said; the state\n media; statemedia; state-media; xstate media"),
        ('"new new"', "anew new new"),  # the first candidate starts inside a word, the next does not
        ("алматы OR Қазақстан", "В АЛМАТЫ и в Қазақстан; алматыда; ҚАЗАҚСТАН"),
        ("οδοσ", "ΟΔΟΣ οδος οδοσ"),  # a capital sigma lower-cases to final sigma at a word's end
        ("istanbul OR ankara", "İSTANBUL and Ankara"),  # İ lower-cases to two code points
        ("troop*", "Troops, troopers and TROOP_7; paratroopers"),
    ],
)
def test_occurrences_are_what_the_pattern_finds(typed, text):
    query = parse(typed)
    expected = [(m.start(), m.end()) for m in query.pattern().finditer(text)]
    assert list(query.occurrences(text)) == expected
    assert expected  # each case finds something


@pytest.mark.parametrize(
    ("typed", "text", "found"),
    [
        ("cafe", "Café owners said 40 people", ["Café"]),
        ("café", "The cafe, the CAFÉ", ["cafe", "CAFÉ"]),
        # an accent as a combining mark of its own: the match keeps it, "cafés" is another word
        ("cafe", "Cafe\u0301 x cafe\u0301s cafe\u0301.", ["Cafe\u0301", "cafe\u0301"]),
        ("strasse", "Die Straße ist lang", ["Straße"]),  # ß folds to two letters
        ('"straße owners"', "Die STRASSE owners", ["STRASSE owners"]),
        ("Zhanaozen OR Жанаозен", "in Zhañaözen and Жаңаөзен; Жанаозен", ["Zhañaözen", "Жанаозен"]),
        ("istanbul", "İSTANBUL ß İstanbul", ["İSTANBUL", "İstanbul"]),  # İ lower-cases to two
    ],
)
def test_accents_are_ignored_and_offsets_are_those_of_the_text(typed, text, found):
    """The full-text index folds accents (remove_diacritics), so the keyword in context must find
    the same words, at code-point offsets of the original text."""
    assert [text[a:b] for a, b in parse(typed).occurrences(text)] == found


def test_a_long_text_without_accents_is_not_copied_letter_by_letter():
    from kzt_annotator.core.search_query import fold_text

    text = "Полиция задержала 4404 человека в Алматы. " * 100
    assert fold_text(text) == (text.lower(), None)
    assert fold_text("Ünal Café") == ("unal cafe", None)  # same length: no offset table
    assert fold_text("Straße")[1] == [0, 1, 2, 3, 4, 4, 5]
