"""Document variables: typed values a project records per article (country, ownership, ...).

A variable has a name (lower case letters, digits and `_`), a type and, for a category, its
allowed values. Values are stored as text in one canonical form per type, so filters and
groupings compare text: numbers as plain decimals (`2.5`, `15000`), dates as YYYY-MM-DD,
booleans as `true`/`false`, categories as one of the allowed values.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kzt_annotator.core.attributes import format_number
from kzt_annotator.core.errors import InvalidInput

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}
CSV_PREFIX = "var_"  # the CSV column of variable `country` is `var_country`


class VariableType(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CATEGORY = "category"


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    type: VariableType
    values: tuple[str, ...] = ()  # a category's allowed values, in order

    @property
    def column(self) -> str:
        return CSV_PREFIX + self.name


def make_variable(name: str, type_: str, values: Iterable[str] = ()) -> Variable:
    """A checked variable definition; InvalidInput naming what is wrong."""
    clean = name.strip().lower()
    if not _NAME.match(clean):
        raise InvalidInput(
            f"variable name {name!r}: use lower case letters, digits and _ (starting with a letter)"
        )
    try:
        kind = VariableType(type_.strip().lower())
    except ValueError:
        allowed = "|".join(t.value for t in VariableType)
        raise InvalidInput(f"variable type {type_!r}: use {allowed}") from None
    kept = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    if kind is VariableType.CATEGORY and not kept:
        raise InvalidInput(f"the category {clean!r} needs its values: --values a,b")
    if kind is not VariableType.CATEGORY and kept:
        raise InvalidInput(f"--values is for category variables; {clean!r} is {kind.value}")
    return Variable(clean, kind, kept)


def parse_value(variable: Variable, raw: str) -> str | None:
    """The canonical text of `raw` for `variable` ('' means unset: None); InvalidInput otherwise."""
    text = raw.strip()
    if not text:
        return None
    kind = variable.type
    if kind is VariableType.NUMBER:
        cleaned = text.replace(",", "").replace("_", "")
        try:
            return format_number(float(cleaned))
        except ValueError:
            raise InvalidInput(
                f"{variable.name}: {raw!r} is not a number (write it like 15000 or 2.5)"
            ) from None
    if kind is VariableType.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise InvalidInput(f"{variable.name}: {raw!r} is not a date (write it as YYYY-MM-DD)") from None
    if kind is VariableType.BOOLEAN:
        if text.lower() in _TRUE:
            return "true"
        if text.lower() in _FALSE:
            return "false"
        raise InvalidInput(f"{variable.name}: {raw!r} is not true or false")
    if kind is VariableType.CATEGORY:
        for allowed in variable.values:
            if allowed.casefold() == text.casefold():
                return allowed
        raise InvalidInput(f"{variable.name}: {raw!r} is not one of {', '.join(variable.values)}")
    return text


def parse_assignment(pair: str) -> tuple[str, str]:
    """'ownership=state' -> ('ownership', 'state'); InvalidInput for a missing '='."""
    name, sep, value = pair.partition("=")
    if not sep or not name.strip():
        raise InvalidInput(f"--var {pair!r}: write it as NAME=VALUE (for example ownership=state)")
    return name.strip().lower(), value
