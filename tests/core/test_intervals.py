import math

from kzt_annotator.core.intervals import Interval, interval_for, rules_from_settings
from kzt_annotator.core.kinds import Qualifier


def test_default_rules():
    assert interval_for(2500, Qualifier.EXACT) == Interval(2500, 2500)
    assert interval_for(15000, Qualifier.UP_TO) == Interval(7500, 15000)
    assert interval_for(3000, Qualifier.MORE_THAN) == Interval(3000, 6000, low_open=True)
    assert interval_for(None, Qualifier.DOZENS) == Interval(24, 99)
    assert interval_for(None, Qualifier.RANGE, 40, 50) == Interval(40, 50)
    assert interval_for(None, Qualifier.EXACT) is None
    low, high = interval_for(4404, Qualifier.APPROXIMATELY).as_list()
    assert math.isclose(low, 3963.6) and math.isclose(high, 4844.4)
    assert interval_for(None, Qualifier.MULTIPLE).as_list() == [2, None]


def test_open_bounds_do_not_touch():
    assert not Interval(3000, 6000, low_open=True).overlaps(Interval(3000, 3000))
    assert Interval(3000, 6000).overlaps(Interval(3000, 3000))
    assert not Interval(18, 18).overlaps(Interval(19, 19))


def test_user_rules_override_defaults():
    rules = rules_from_settings({"up_to": [0.0, 1.0], "nonsense": [1, 2]})
    assert interval_for(15000, Qualifier.UP_TO, rules=rules) == Interval(0, 15000)
