"""Units are normalised before figures are compared: percent and fractions, "half", currencies and
scale words; different currencies are never compared; open interval ends stay open."""

from __future__ import annotations

import pytest

from kzt_annotator.core.discrepancy import group_reports, reports_from_rows
from kzt_annotator.core.intervals import Interval
from kzt_annotator.core.measures import COUNT, PERCENT, Measure, measure_of
from kzt_annotator.core.numbers import parse_figure
from tests.figure_oracle import summarise


@pytest.mark.parametrize(
    ("unit", "measure"),
    [
        (None, Measure(COUNT, 1.0)),
        ("people", Measure(COUNT, 1.0)),
        ("security officers", Measure(COUNT, 1.0)),
        ("thousand people", Measure(COUNT, 1e3)),
        ("million", Measure(COUNT, 1e6)),
        ("k", Measure(COUNT, 1e3)),
        ("%", Measure(PERCENT, 1.0)),
        ("per cent", Measure(PERCENT, 1.0)),
        ("percent", Measure(PERCENT, 1.0)),
        ("fraction", Measure(PERCENT, 100.0)),
        ("times", Measure(PERCENT, 100.0)),
        ("USD", Measure("USD", 1.0)),
        ("$", Measure("USD", 1.0)),
        ("dollars", Measure("USD", 1.0)),
        ("USD million", Measure("USD", 1e6)),
        ("bn dollars", Measure("USD", 1e9)),
        ("EUR", Measure("EUR", 1.0)),
        ("million euros", Measure("EUR", 1e6)),
        ("km", Measure("km", 1.0)),
        ("tonnes", Measure("tonne", 1.0)),
    ],
)
def test_what_a_unit_measures(unit, measure):
    assert measure_of(unit) == measure


@pytest.mark.parametrize(
    ("phrase", "value", "unit"),
    [
        ("$2.5bn", 2.5e9, "USD"),
        ("2.5 billion dollars", 2.5e9, "USD"),
        ("USD 2,500 million", 2.5e9, "USD"),
        ("US$ 3 million", 3e6, "USD"),
        ("EUR 40m", 4e7, "EUR"),
        ("two in five people", 0.4, "fraction"),
        ("one out of every ten", 0.1, "fraction"),
        ("three quarters of the residents", 0.75, "fraction"),
        ("40 %", 40.0, "percent"),
    ],
)
def test_the_grammar_reads_currencies_and_fractions(phrase, value, unit):
    parsed = parse_figure(phrase)
    assert parsed is not None
    assert (parsed.value, parsed.unit) == (pytest.approx(value), unit)


def test_a_count_out_of_a_large_whole_stays_a_count():
    parsed = parse_figure("19 out of 225")
    assert (parsed.value, parsed.unit) == (19.0, None)


def _row(ident, article, value, unit, qualifier="exact", low=None, high=None, quantity="q"):
    return (ident, article, 0, 5, "x", "ann", quantity, value, low, high, qualifier, unit, None, None)


def _groups(rows):
    articles = {i: (f"Outlet {i}", f"Title {i}") for i in range(1, 10)}
    return group_reports(reports_from_rows(rows, articles))


def _parsed_row(ident, article, phrase):
    parsed = parse_figure(phrase)
    return _row(ident, article, parsed.value, parsed.unit, parsed.qualifier.value)


def test_percent_fraction_and_two_in_five_are_equal():
    [group] = _groups(
        [_parsed_row("a", 1, "40 %"), _row("b", 2, 0.4, "fraction"), _parsed_row("c", 3, "two in five")]
    )
    assert (group.measure, group.relation.label) == (PERCENT, "equal")
    assert [r.value for r in group.reports] == [40.0, 40.0, 40.0]


def test_half_of_a_base_is_fifty_percent():
    [group] = _groups([_parsed_row("a", 1, "half of the protesters"), _parsed_row("b", 2, "50 per cent")])
    assert (group.measure, group.relation.label) == (PERCENT, "equal")
    [conflict] = _groups([_parsed_row("a", 1, "half of the protesters"), _parsed_row("b", 2, "60 %")])
    assert conflict.relation.label == "conflicting"


def test_currency_forms_are_equal_and_currencies_apart():
    groups = _groups(
        [
            _parsed_row("a", 1, "$2.5bn"),
            _parsed_row("b", 2, "2.5 billion dollars"),
            _row("c", 3, 2500, "USD million"),  # typed by hand: "USD 2,500 million"
            _parsed_row("d", 4, "USD 2,500 million"),
            _parsed_row("e", 5, "€2.5bn"),
        ]
    )
    by_measure = {g.measure: g for g in groups}
    assert set(by_measure) == {"USD", "EUR"}
    usd = by_measure["USD"]
    assert (len(usd.reports), usd.relation.label) == (4, "equal")
    assert {r.value for r in usd.reports} == {2.5e9}
    assert [r.article_id for r in by_measure["EUR"].reports] == [5]


def test_scale_words_and_counts_compare_and_open_ends_stay_open():
    [group] = _groups(
        [
            _row("a", 1, 3, "thousand", "more_than"),  # "more than 3 thousand"
            _row("b", 2, 15000, "people", "up_to"),  # "up to 15,000"
            _row("c", 3, 225, None, "at_least"),  # "at least 225"
        ]
    )
    assert group.measure == COUNT
    intervals = {r.annotation_id: r.interval for r in group.reports}
    assert intervals["a"] == Interval(3000, 6000, low_open=True)
    assert intervals["b"] == Interval(7500, 15000)
    assert intervals["c"] == Interval(225, 450)
    assert group.relation.label == "conflicting"  # "at least 225" lies below "more than 3,000"


def test_the_index_path_normalises_like_the_pairwise_path():
    # (quantity, as_of, status, article, qualifier, shape, n, min/max value, lows, highs, unit)
    rows = [
        ("q", "", "proposed", 1, "exact", 1, 1, 40.0, 40.0, None, None, None, None, "%"),
        ("q", "", "proposed", 2, "exact", 1, 1, 0.4, 0.4, None, None, None, None, "fraction"),
        ("q", "", "proposed", 3, "exact", 1, 1, 2.5, 2.5, None, None, None, None, "bn dollars"),
        ("q", "", "proposed", 4, "exact", 1, 1, 2500.0, 2500.0, None, None, None, None, "usd million"),
    ]
    groups = {g.measure: g for g in summarise(rows)}
    assert groups[PERCENT].relation.label == "equal" and groups[PERCENT].outlets == 2
    assert groups["USD"].relation.label == "equal" and groups["USD"].units == {"bn dollars", "usd million"}
