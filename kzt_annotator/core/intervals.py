"""What interval of true values a reported figure allows, by its qualifier.

The rules are documented in the README and can be changed per user (settings file,
Preferences). Value-based rules scale the reported value; vague counts give absolute bounds.

Defaults, with v the reported value:
    exact          [v, v]
    approximately  [0.9 v, 1.1 v]
    at_least       [v, 2 v]        "at least 18": 18 or somewhat more
    more_than      (v, 2 v]        "more than 3,000": above 3,000, same order of magnitude
    up_to          [0.5 v, v]      "up to 15,000": at most 15,000, and of that order
    less_than      [0.5 v, v)
    range          [low, high]     "between 40 and 50", "40-50"
    several [3, 9], dozens [24, 99], scores [40, 199], hundreds [200, 999],
    thousands [2000, 9999], multiple [2, inf)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kzt_annotator.core.kinds import Qualifier

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low:
            return not (self.high_open or other.low_open)
        if other.high == self.low:
            return not (other.high_open or self.low_open)
        return True

    def as_list(self) -> list[float | None]:
        """[low, high] for output, high None when unbounded; 12 significant digits, so a
        bound computed as 4404 * 1.1 prints as 4844.4 and not 4844.400000000001."""
        return [_plain(self.low), None if self.high == INF else _plain(self.high)]


def _plain(value: float | None) -> float | None:
    """`value` without binary floating-point noise (12 significant digits)."""
    if value is None or value in (INF, -INF):
        return value
    return float(f"{value:.12g}")


@dataclass(frozen=True, slots=True)
class Rule:
    """low/high: factors of the value (relative) or absolute numbers; None = unbounded."""

    low: float | None
    high: float | None
    relative: bool = True
    low_open: bool = False
    high_open: bool = False


DEFAULT_RULES: dict[Qualifier, Rule] = {
    Qualifier.EXACT: Rule(1.0, 1.0),
    Qualifier.APPROXIMATELY: Rule(0.9, 1.1),
    Qualifier.AT_LEAST: Rule(1.0, 2.0),
    Qualifier.MORE_THAN: Rule(1.0, 2.0, low_open=True),
    Qualifier.UP_TO: Rule(0.5, 1.0),
    Qualifier.LESS_THAN: Rule(0.5, 1.0, high_open=True),
    Qualifier.SEVERAL: Rule(3, 9, relative=False),
    Qualifier.DOZENS: Rule(24, 99, relative=False),
    Qualifier.SCORES: Rule(40, 199, relative=False),
    Qualifier.HUNDREDS: Rule(200, 999, relative=False),
    Qualifier.THOUSANDS: Rule(2000, 9999, relative=False),
    Qualifier.MULTIPLE: Rule(2, None, relative=False),
}


def _shown(number: float) -> str:
    return f"{number:g}"


def rule_problem(name: str, bounds: object) -> str | None:
    """Why a user's [low, high] override for the qualifier `name` cannot be used, or None.

    Bounds are numbers or None (unbounded); factors of a relative rule are not negative; low is
    not above high (an interval from 12,500 down to 2,500 allows nothing and draws backwards)."""
    try:
        qualifier = Qualifier(name)
    except ValueError:
        return f"{name!r} is not a qualifier with an interval rule"
    if qualifier not in DEFAULT_RULES:
        return f"{name!r} is not a qualifier with an interval rule"
    if not isinstance(bounds, list | tuple) or len(bounds) != 2:
        return f"{name}: give [low, high], not {bounds!r}"
    low, high = bounds
    for bound in (low, high):
        if bound is not None and (
            isinstance(bound, bool) or not isinstance(bound, int | float) or math.isnan(bound)
        ):
            return f"{name}: {bound!r} is not a number"
    word = "factor" if DEFAULT_RULES[qualifier].relative else "bound"
    if DEFAULT_RULES[qualifier].relative and any(b is not None and b < 0 for b in (low, high)):
        return f"{name}: a factor cannot be negative"
    if low is not None and high is not None and low > high:
        return f"{name}: the low {word} {_shown(low)} is above the high {word} {_shown(high)}"
    return None


def rules_from_settings(overrides: dict[str, list[float | None]] | None) -> dict[Qualifier, Rule]:
    """Defaults with the user's [low, high] overrides applied (same meaning as the defaults);
    an override `rule_problem` refuses leaves that qualifier's default."""
    rules = dict(DEFAULT_RULES)
    for name, bounds in (overrides or {}).items():
        if rule_problem(name, bounds) is not None:
            continue
        qualifier = Qualifier(name)
        base = rules[qualifier]
        rules[qualifier] = Rule(bounds[0], bounds[1], base.relative, base.low_open, base.high_open)
    return rules


def interval_for(
    value: float | None,
    qualifier: Qualifier | None,
    value_low: float | None = None,
    value_high: float | None = None,
    rules: dict[Qualifier, Rule] | None = None,
) -> Interval | None:
    """The interval a figure allows, or None when there is nothing to compare."""
    rules = rules or DEFAULT_RULES
    qualifier = qualifier or Qualifier.EXACT
    if qualifier is Qualifier.RANGE or (value is None and value_low is not None and value_high is not None):
        if value_low is None or value_high is None:
            return None
        return Interval(min(value_low, value_high), max(value_low, value_high))
    rule = rules.get(qualifier)
    if rule is None or (rule.relative and value is None):
        return None
    low, high = rule_bounds(value, rule)
    return Interval(low, high, rule.low_open, rule.high_open)


def rule_bounds(value: float | None, rule: Rule) -> tuple[float, float]:
    """(low, high) that `rule` allows for `value` (a relative rule needs a value)."""
    if rule.relative:
        assert value is not None
        low = value * rule.low if rule.low is not None else -INF
        high = value * rule.high if rule.high is not None else INF
        return (high, low) if value < 0 else (low, high)
    return (rule.low if rule.low is not None else -INF, rule.high if rule.high is not None else INF)
