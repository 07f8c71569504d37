"""The codebook as data: checks, the tree, variant spellings resolving to one entry."""

import pytest

from kzt_annotator.core.codebook import UNKNOWN_OUTLET, Codebook, clean_colour, make_entry
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import CodebookKind

Q, S, OUT = CodebookKind.QUANTITY, CodebookKind.SPEAKER, CodebookKind.OUTLET


def book():
    return Codebook(
        [
            make_entry(Q, "deaths", "Deaths"),
            make_entry(Q, "deaths.protesters", parent="deaths"),
            make_entry(Q, "deaths.security_forces", parent="deaths"),
            make_entry(S, "tokayev", "Kassym-Jomart Tokayev", aliases=["Kassym-Shomart Tokayev", "Tokayev"]),
            make_entry(OUT, "AP", "Associated Press"),
        ]
    )


def test_keys_are_normalised_for_quantities_and_kept_for_speakers():
    assert make_entry(Q, " Death toll ").key == "death_toll"
    assert make_entry(S, "  Kassym-Jomart   Tokayev ").key == "Kassym-Jomart Tokayev"


@pytest.mark.parametrize("bad", ["red", "#12345", "#GGGGGG", "C62828"])
def test_a_bad_colour_is_refused_with_the_shape_wanted(bad):
    with pytest.raises(InvalidInput, match="#RRGGBB"):
        clean_colour(bad)


def test_colours_are_upper_case_and_may_be_empty():
    assert clean_colour("#c62828") == "#C62828" and clean_colour("") == ""


def test_variant_spellings_resolve_to_one_speaker():
    b = book()
    for spelling in ("Kassym-Jomart Tokayev", "kassym-shomart tokayev", "Tokayev", "tokayev", " Tokayev "):
        assert b.resolve(S, spelling).key == "tokayev"
        assert b.display(S, spelling) == "Kassym-Jomart Tokayev"
    assert b.resolve(S, "Nazarbayev") is None and b.display(S, "Nazarbayev") == "Nazarbayev"


def test_the_tree_is_depth_first_and_cycles_are_refused():
    b = book()
    assert [(r.entry.key, r.depth) for r in b.tree(Q)] == [
        ("deaths", 0),
        ("deaths.protesters", 1),
        ("deaths.security_forces", 1),
    ]
    with pytest.raises(InvalidInput, match="cycle"):
        b.check_parent(Q, "deaths", "deaths.protesters")
    with pytest.raises(InvalidInput, match="no quantity 'nope'"):
        b.check_parent(Q, "deaths", "nope")


def test_an_unknown_outlet_is_named_so_never_left_empty():
    b = book()
    assert b.outlet(None) == b.outlet("") == UNKNOWN_OUTLET
    assert b.outlet("ap") == "Associated Press" and b.outlet("Reuters") == "Reuters"


def test_cue_names_hold_every_spelling_of_speakers_and_outlets():
    names = book().names()
    assert {"Tokayev", "Kassym-Shomart Tokayev", "Associated Press"} <= set(names)
    assert "deaths" not in names
