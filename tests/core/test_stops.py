"""] and [ step through annotations and suggestions in text order, wrapping around."""

from kzt_annotator.core.stops import next_after, step

STOPS = [(5, 9, "a"), (20, 25, "s1"), (40, 44, "b")]


def test_from_the_selection_both_ways_and_around():
    assert step(STOPS, "a", 0, +1) == (20, 25, "s1")
    assert step(STOPS, "a", 0, -1) == (40, 44, "b")
    assert step(STOPS, "b", 0, +1) == (5, 9, "a")


def test_from_the_cursor_when_nothing_is_selected():
    assert step(STOPS, None, 21, +1) == (40, 44, "b")
    assert step(STOPS, None, 21, -1) == (20, 25, "s1")
    assert step(STOPS, None, 50, +1) == (5, 9, "a")
    assert step(STOPS, None, 50, -1) == (40, 44, "b")
    assert step([], None, 0, +1) is None


def test_the_neighbour_after_a_position():
    assert next_after(STOPS, 20) == "b" and next_after(STOPS, 40) is None
