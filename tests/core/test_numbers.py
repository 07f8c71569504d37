"""Number and qualifier parsing on phrases from the sample corpus."""

import pytest

from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.numbers import parse_figure

CASES = [
    ("up to 15,000 soldiers", 15000, Qualifier.UP_TO, "soldiers"),
    ("approximately 4,404 people", 4404, Qualifier.APPROXIMATELY, "people"),
    ("More than 3,000 people", 3000, Qualifier.MORE_THAN, "people"),
    ("well over 1,000 people", 1000, Qualifier.MORE_THAN, "people"),
    ("At least 18 security guards", 18, Qualifier.AT_LEAST, "security guards"),
    ("$2.7 billion", 2.7e9, Qualifier.EXACT, "USD"),
    ("$103 million", 103e6, Qualifier.EXACT, "USD"),
    ("18 percent", 18, Qualifier.EXACT, "percent"),
    ("approximately 18 percent", 18, Qualifier.APPROXIMATELY, "percent"),
    ("4 404 detained", 4404, Qualifier.EXACT, "detained"),
    ("1.2 million people", 1.2e6, Qualifier.EXACT, "people"),
    ("four cents", 4, Qualifier.EXACT, "cents"),
    ("two years", 2, Qualifier.EXACT, "years"),
    ("doubled", 2, Qualifier.EXACT, "times"),
    ("half", 0.5, Qualifier.EXACT, "times"),  # a ratio
    ("nearly three decades", 3, Qualifier.APPROXIMATELY, "decades"),
    ("some 40 people", 40, Qualifier.APPROXIMATELY, "people"),
    ("twenty-six", 26, Qualifier.EXACT, None),
    ("26 “armed criminals”", 26, Qualifier.EXACT, "armed criminals"),
]


@pytest.mark.parametrize(("phrase", "value", "qualifier", "unit"), CASES)
def test_phrases(phrase, value, qualifier, unit):
    parsed = parse_figure(phrase)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.qualifier is qualifier
    assert parsed.unit == unit


def test_vague_and_ranges():
    assert parse_figure("dozens of demonstrators").qualifier is Qualifier.DOZENS
    assert parse_figure("dozens of demonstrators").value is None
    assert parse_figure("scores of protesters").qualifier is Qualifier.SCORES
    between = parse_figure("between 40 and 50 people")
    assert (between.value_low, between.value_high, between.qualifier) == (40, 50, Qualifier.RANGE)
    dashed = parse_figure("40-50 dead")
    assert (dashed.value_low, dashed.value_high) == (40, 50)


def test_no_number_is_none():
    assert parse_figure("the president said") is None
