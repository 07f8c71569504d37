from datetime import date

import pytest

from kzt_annotator.core.attributes import (
    ATTRIBUTE_NAMES,
    FigureAttrs,
    attributes_from_json,
    attributes_from_strings,
    attributes_to_json,
    attributes_to_strings,
    format_number,
)
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind, Qualifier, Stance


def test_names_are_the_exchange_column_names():
    assert ATTRIBUTE_NAMES[Kind.FIGURE] == (
        "quantity",
        "value",
        "value_low",
        "value_high",
        "qualifier",
        "unit",
        "as_of",
        "figure_source",
    )
    assert ATTRIBUTE_NAMES[Kind.ATTRIBUTION] == ("speaker", "speaker_role", "quote_kind", "via")
    assert ATTRIBUTE_NAMES[Kind.CLAIM] == ("claim_key", "claimant", "stance")


def test_figure_from_strings_is_typed():
    attrs = attributes_from_strings(
        Kind.FIGURE, {"value": "15,000", "qualifier": "up to", "unit": "soldiers", "as_of": "2022-01-07"}
    )
    assert attrs == FigureAttrs(
        value=15000.0, qualifier=Qualifier.UP_TO, unit="soldiers", as_of=date(2022, 1, 7)
    )


def test_round_trip_through_json_and_strings():
    attrs = attributes_from_strings(Kind.CLAIM, {"claim_key": "foreign_terrorists", "stance": "disputes"})
    assert attrs.stance is Stance.DISPUTES
    assert attributes_from_json(Kind.CLAIM, attributes_to_json(attrs)) == attrs
    assert attributes_to_strings(attrs)["stance"] == "disputes"


@pytest.mark.parametrize(
    ("name", "value", "needle"),
    [("value", "lots", "not a number"), ("as_of", "7 Jan", "YYYY-MM-DD"), ("qualifier", "huge", "one of")],
)
def test_bad_values_name_the_field(name, value, needle):
    with pytest.raises(InvalidInput) as err:
        attributes_from_strings(Kind.FIGURE, {name: value})
    assert name in str(err.value) and needle in str(err.value)


def test_unknown_attribute_lists_the_valid_ones():
    with pytest.raises(InvalidInput, match="speaker, speaker_role, quote_kind"):
        attributes_from_strings(Kind.ATTRIBUTION, {"value": "3"})


@pytest.mark.parametrize(
    ("value", "text"), [(15000.0, "15000"), (2.5, "2.5"), (2.7e9, "2700000000"), (0.18, "0.18")]
)
def test_numbers_are_plain_decimals(value, text):
    assert format_number(value) == text
