"""Kind-specific typed attributes, and their one naming scheme.

The names are the same everywhere: `annotate --attr NAME=VALUE`, JSON output, CSV columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind, Qualifier, QuoteKind, Stance
from kzt_annotator.core.numbers import read_number


@dataclass(frozen=True, slots=True)
class ClaimAttrs:
    claim_key: str | None = None
    claimant: str | None = None
    stance: Stance | None = None


@dataclass(frozen=True, slots=True)
class AttributionAttrs:
    speaker: str | None = None
    speaker_role: str | None = None
    quote_kind: QuoteKind | None = None


@dataclass(frozen=True, slots=True)
class FigureAttrs:
    quantity: str | None = None
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    qualifier: Qualifier | None = None
    unit: str | None = None
    as_of: date | None = None
    figure_source: str | None = None


Attributes = ClaimAttrs | AttributionAttrs | FigureAttrs

ATTRS_CLASS: dict[Kind, type[ClaimAttrs] | type[AttributionAttrs] | type[FigureAttrs]] = {
    Kind.CLAIM: ClaimAttrs,
    Kind.ATTRIBUTION: AttributionAttrs,
    Kind.FIGURE: FigureAttrs,
}

ATTRIBUTE_NAMES: dict[Kind, tuple[str, ...]] = {
    kind: tuple(f.name for f in fields(cls)) for kind, cls in ATTRS_CLASS.items()
}
ALL_ATTRIBUTE_NAMES: tuple[str, ...] = (
    ATTRIBUTE_NAMES[Kind.FIGURE] + ATTRIBUTE_NAMES[Kind.ATTRIBUTION] + ATTRIBUTE_NAMES[Kind.CLAIM]
)

_NUMERIC = {"value", "value_low", "value_high"}
_ENUMS: dict[str, type] = {"qualifier": Qualifier, "stance": Stance, "quote_kind": QuoteKind}
_ENUM_MEMBERS: dict[str, dict[str, Any]] = {name: {m.value: m for m in cls} for name, cls in _ENUMS.items()}
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


def empty_attributes(kind: Kind) -> Attributes:
    return ATTRS_CLASS[kind]()


def parse_attribute(name: str, raw: str) -> Any:
    """Parse one attribute from its text form; '' means unset. Errors name the field."""
    raw = raw.strip()
    if raw == "":
        return None
    if name in _NUMERIC:
        if _PLAIN_NUMBER.match(raw):
            return float(raw)
        value = read_number(raw)  # the one number grammar: "15,000", "1.5m", "one hundred and twenty"
        if value is None:
            raise InvalidInput(f"{name}: {raw!r} is not a number (write it like 15000 or 2.5)")
        return value
    if name == "as_of":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise InvalidInput(f"as_of: {raw!r} is not a date (write it as YYYY-MM-DD)") from None
    if name in _ENUMS:
        enum_cls = _ENUMS[name]
        try:
            return enum_cls(raw.lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            allowed = ", ".join(m.value for m in enum_cls)
            raise InvalidInput(f"{name}: {raw!r} is not one of {allowed}") from None
    return raw


def attributes_from_strings(kind: Kind, values: dict[str, str]) -> Attributes:
    """Build typed attributes for `kind` from text values; unknown names are refused."""
    names = ATTRIBUTE_NAMES[kind]
    parsed: dict[str, Any] = {}
    for name, raw in values.items():
        if name not in names:
            raise InvalidInput(
                f"{name!r} is not an attribute of a {kind.value}; a {kind.value} has: {', '.join(names)}"
            )
        parsed[name] = parse_attribute(name, raw)
    return ATTRS_CLASS[kind](**parsed)


def format_number(value: float | None) -> str:
    """Plain decimal, no exponent, no trailing '.0' (15000, 2.5, 2700000000)."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text


def attribute_to_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value.value if hasattr(value, "value") else value)


def attributes_to_strings(attrs: Attributes) -> dict[str, str]:
    return {f.name: attribute_to_string(getattr(attrs, f.name)) for f in fields(attrs)}


def attributes_to_json(attrs: Attributes) -> dict[str, Any]:
    """JSON-safe dict: numbers stay numbers, dates are ISO strings, enums their values."""
    out: dict[str, Any] = {}
    for f in fields(attrs):
        value = getattr(attrs, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif hasattr(value, "value") and not isinstance(value, float):
            value = value.value
        out[f.name] = value
    return out


def attributes_from_json(kind: Kind, data: dict[str, Any] | None) -> Attributes:
    """Inverse of attributes_to_json; tolerant of missing keys, strict about unknown ones."""
    data = data or {}
    as_text = {
        k: ("" if v is None else format_number(v) if isinstance(v, int | float) else str(v))
        for k, v in data.items()
    }
    return attributes_from_strings(kind, as_text)


def attributes_from_stored(kind: Kind, data: dict[str, Any] | None) -> Attributes:
    """Fast inverse of attributes_to_json for values this program stored (no string round trip)."""
    cls = ATTRS_CLASS[kind]
    if not data:
        return cls()
    names = ATTRIBUTE_NAMES[kind]
    values: dict[str, Any] = {}
    for name, value in data.items():
        if value is None or value == "" or name not in names:
            continue
        if name in _NUMERIC:
            values[name] = float(value)
        elif name == "as_of":
            values[name] = date.fromisoformat(value)
        elif name in _ENUMS:
            values[name] = _ENUM_MEMBERS[name].get(value) or _ENUMS[name](value)  # a dict is faster
        else:
            values[name] = value
    return cls(**values)
