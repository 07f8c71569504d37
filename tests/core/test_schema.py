"""The one schema declaration: field codecs, project kinds, relation rules, editor order."""

from __future__ import annotations

from datetime import date

import pytest

from kzt_annotator.core.attributes import (
    ALL_ATTRIBUTE_NAMES,
    FigureAttrs,
    KindAttrs,
    attributes_from_json,
    attributes_from_stored,
    attributes_from_strings,
    attributes_to_json,
    attributes_to_strings,
)
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind, Qualifier
from kzt_annotator.core.schema import BUILTIN, Field, FieldType, kind_spec, parse_field_spec


def frame_schema():
    return BUILTIN.with_kind(
        kind_spec(
            "frame",
            [
                parse_field_spec("frame_type:category=economic,security,political"),
                parse_field_spec("strength:number"),
                parse_field_spec("explicit:boolean"),
                parse_field_spec("seen:date"),
                parse_field_spec("actor:codebook=speaker"),
                parse_field_spec("comment:text"),
            ],
        )
    )


def test_built_in_kinds_keep_their_documented_attribute_names_and_order():
    assert BUILTIN.kind_names == ("claim", "attribution", "figure")
    assert ALL_ATTRIBUTE_NAMES == (
        "quantity",
        "value",
        "value_low",
        "value_high",
        "qualifier",
        "unit",
        "as_of",
        "figure_source",
        "speaker",
        "speaker_role",
        "quote_kind",
        "via",
        "claim_key",
        "claimant",
        "stance",
    )
    assert [k.hotkey for k in BUILTIN.kinds] == ["1", "2", "3"]
    assert BUILTIN.kind("figure").colour == "#d81b60"


def test_the_figure_form_offers_quantity_value_qualifier_source_first():
    names = [f.name for f in BUILTIN.kind(Kind.FIGURE).editor_fields()]
    assert names[:4] == ["quantity", "value", "qualifier", "figure_source"]
    assert sorted(names) == sorted(BUILTIN.kind(Kind.FIGURE).field_names)


@pytest.mark.parametrize(
    ("spec", "text", "json_value"),
    [
        ("n:number", "15,000", 15000.0),
        ("d:date", "2022-01-05", "2022-01-05"),
        ("b:boolean", "yes", True),
        ("b:boolean", "false", False),
        ("c:category=economic,security", "Economic", "economic"),
        ("r:codebook=speaker", "tokayev", "tokayev"),
        ("t:text", " a note ", "a note"),
    ],
)
def test_each_field_type_round_trips_through_text_and_json(spec, text, json_value):
    field = parse_field_spec(spec)
    value = field.from_text(text)
    assert field.to_json(value) == json_value
    assert field.from_json(field.to_json(value)) == value
    assert field.from_text(field.to_text(value)) == value
    assert field.from_text("") is None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("x:colour", "unknown type 'colour'"),
        ("x", "NAME:TYPE"),
        ("x:category", "needs its values"),
        ("x:codebook", "codebook kind"),
        ("X y:text", "lower-case"),
        ("x:number=1,2", "only category and codebook"),
    ],
)
def test_bad_field_declarations_are_refused_with_one_line(spec, message):
    with pytest.raises(InvalidInput, match=message):
        parse_field_spec(spec)


def test_values_outside_a_category_and_bad_types_are_refused_naming_the_field():
    schema = frame_schema()
    with pytest.raises(
        InvalidInput, match="frame_type: 'cultural' is not one of economic, security, political"
    ):
        attributes_from_strings("frame", {"frame_type": "cultural"}, schema)
    with pytest.raises(InvalidInput, match="strength: 'lots' is not a number"):
        attributes_from_strings("frame", {"strength": "lots"}, schema)
    with pytest.raises(InvalidInput, match="'stance' is not an attribute of a frame"):
        attributes_from_strings("frame", {"stance": "reports"}, schema)


def test_a_project_kind_reads_like_a_built_in_one():
    schema = frame_schema()
    attrs = attributes_from_strings(
        "frame",
        {"frame_type": "security", "strength": "2.5", "explicit": "true", "seen": "2022-01-06"},
        schema,
    )
    assert isinstance(attrs, KindAttrs) and attrs.frame_type == "security" and attrs.actor is None
    stored = attributes_to_json(attrs, schema)
    assert stored == {
        "frame_type": "security",
        "strength": 2.5,
        "explicit": True,
        "seen": "2022-01-06",
        "actor": None,
        "comment": None,
    }
    assert attributes_from_stored("frame", stored, schema) == attrs
    assert attributes_from_json("frame", stored, schema) == attrs
    assert attributes_to_strings(attrs, schema)["strength"] == "2.5"
    assert schema.kind("frame").hotkey == "4"
    assert schema.project_field_columns() == (
        "frame_type",
        "strength",
        "explicit",
        "seen",
        "actor",
        "comment",
    )


def test_built_in_attributes_keep_python_values():
    attrs = attributes_from_strings(
        Kind.FIGURE, {"value": "15,000", "qualifier": "up to", "as_of": "2022-01-05"}
    )
    assert attrs == FigureAttrs(value=15000.0, qualifier=Qualifier.UP_TO, as_of=date(2022, 1, 5))
    assert attributes_from_stored(Kind.FIGURE, attributes_to_json(attrs)) == attrs


def test_adding_kinds_refuses_duplicates_and_clashing_fields():
    schema = frame_schema()
    with pytest.raises(InvalidInput, match="a kind named 'frame' exists already"):
        schema.with_kind(kind_spec("frame", [Field("x", FieldType.TEXT)]))
    with pytest.raises(InvalidInput, match="field 'quantity' is declared by kind 'figure'"):
        schema.with_kind(kind_spec("event", [Field("quantity", FieldType.TEXT)]))
    with pytest.raises(InvalidInput, match="a name the exports use already"):
        schema.with_kind(kind_spec("event", [Field("note", FieldType.TEXT)]), reserved=frozenset({"note"}))
    with pytest.raises(InvalidInput, match="at least one"):
        schema.with_kind(kind_spec("event", []))


def test_relation_types_say_which_kinds_they_join():
    schema = frame_schema()
    assert schema.check_relation("supports", "attribution", "claim").name == "supports"
    assert schema.check_relation("same_event", "figure", "figure").name == "same_event"
    with pytest.raises(
        InvalidInput, match="a supports relation goes from attribution to claim, not from claim to figure"
    ):
        schema.check_relation("supports", "claim", "figure")
    with pytest.raises(InvalidInput, match="unknown relation type 'causes'"):
        schema.check_relation("causes", "claim", "claim")
