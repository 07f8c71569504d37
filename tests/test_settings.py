"""The settings file: a hand-edited qualifier rule that cannot be used is one clear line on
stderr, and that qualifier keeps its default; the rest of the file is kept."""

import json

import pytest

from kzt_annotator.core.intervals import DEFAULT_RULES, interval_for, rules_from_settings
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.settings import load_settings, settings_path


def write(data):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_low_factor_above_the_high_one_falls_back_to_the_default(capsys):
    write({"annotator": "dana", "qualifier_rules": {"exact": [5.0, 1.0], "up_to": [0.0, 1.0]}})
    settings = load_settings()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "exact: the low factor 5 is above the high factor 1; using the default for exact" in err
    assert settings.annotator == "dana" and settings.qualifier_rules == {"up_to": [0.0, 1.0]}
    rules = rules_from_settings(settings.qualifier_rules)
    assert rules[Qualifier.EXACT] == DEFAULT_RULES[Qualifier.EXACT]
    assert interval_for(2500, Qualifier.EXACT, rules=rules).as_list() == [2500, 2500]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"exact": "wide"}, "give [low, high]"),
        ({"exact": [1, "x"]}, "'x' is not a number"),
        ({"approximately": [-1, 1]}, "cannot be negative"),
        ({"hundreds": [999, 200]}, "the low bound 999 is above the high bound 200"),
        ({"sometimes": [1, 2]}, "'sometimes' is not a qualifier"),
        ("all wide", "not a mapping"),
    ],
)
def test_other_unusable_rules_are_one_line_each(capsys, rules, message):
    write({"qualifier_rules": rules})
    assert load_settings().qualifier_rules == {}
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err


def test_rules_from_settings_ignores_a_reversed_override_given_directly():
    rules = rules_from_settings({"exact": [5.0, 1.0], "at_least": [1.0, 3.0]})
    assert rules[Qualifier.EXACT] == DEFAULT_RULES[Qualifier.EXACT]
    assert (rules[Qualifier.AT_LEAST].low, rules[Qualifier.AT_LEAST].high) == (1.0, 3.0)
