"""Field types of an annotation kind, and the one codec per type.

Every reader and writer converts attribute values through these codecs:

- text form (`to_text` / `from_text`): what `--attr NAME=VALUE`, CSV cells, brat attributes and
  the editor's line edits carry. '' means unset.
- JSON form (`to_json` / `from_json`): what the database stores and `--format json` prints:
  numbers stay numbers, dates are ISO strings (YYYY-MM-DD), booleans are JSON booleans,
  categories and codebook references are their key strings.

In memory a built-in field may hold a richer value (a `date`, a `Qualifier` member); a field of a
project-defined kind holds its JSON form. Parse errors are `InvalidInput` naming the field.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kzt_annotator.core.errors import InvalidInput


class FieldType(enum.StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CATEGORY = "category"
    CODEBOOK = "codebook"  # a key of a codebook kind (quantity, speaker, claim_key, outlet, ...)


_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
_TRUE = frozenset({"true", "yes", "y", "1"})
_FALSE = frozenset({"false", "no", "n", "0"})


def format_number(value: float | None) -> str:
    """Plain decimal, no exponent, no trailing '.0' (15000, 2.5, 2700000000)."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    value = float(f"{value:.12g}")  # no binary noise: 4404 * 1.1 is 4844.4
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


def category_key(raw: str) -> str:
    """How a typed category value is normalised: 'Up to' and 'up-to' both give 'up_to'."""
    return raw.strip().lower().replace(" ", "_").replace("-", "_")


@dataclass(frozen=True, slots=True)
class Field:
    """One attribute of a kind.

    `values`: the allowed keys of a category. `codebook`: the codebook kind a codebook reference
    draws its keys from (and a text field's completions, if set). `order`: position in the
    editor form, lowest first (ties keep declaration order; declaration order is CSV order).
    `enum`: built-in categories keep their Python enum, so in-memory values are its members.
    """

    name: str
    type: FieldType
    label: str = ""
    values: tuple[str, ...] = ()
    codebook: str | None = None
    order: int = 100
    completes: bool = False  # offer values already used in the project
    enum: type[enum.StrEnum] | None = field(default=None, compare=False)
    rich: bool = field(default=False, compare=False)  # a date field holding `date` objects

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    # -- text form ---------------------------------------------------------------------------
    def from_text(self, raw: str) -> Any:
        """Parse the text form into the in-memory value; '' (after stripping) is None."""
        raw = raw.strip()
        if raw == "":
            return None
        kind = self.type
        if kind is FieldType.NUMBER:
            if _PLAIN_NUMBER.match(raw):
                return float(raw)
            from kzt_annotator.core.numbers import read_number  # the grammar: only for such input

            value = read_number(raw)  # the one number grammar: "15,000", "1.5m", "one hundred and twenty"
            if value is None:
                raise InvalidInput(f"{self.name}: {raw!r} is not a number (write it like 15000 or 2.5)")
            return float(value)
        if kind is FieldType.DATE:
            try:
                parsed = date.fromisoformat(raw)
            except ValueError:
                raise InvalidInput(f"{self.name}: {raw!r} is not a date (write it as YYYY-MM-DD)") from None
            return parsed if self.rich else parsed.isoformat()
        if kind is FieldType.BOOLEAN:
            low = raw.lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            raise InvalidInput(f"{self.name}: {raw!r} is not true or false")
        if kind is FieldType.CATEGORY:
            key = raw if raw in self.values else category_key(raw)
            if key not in self.values:
                raise InvalidInput(f"{self.name}: {raw!r} is not one of {', '.join(self.values)}")
            return self.enum(key) if self.enum is not None else key
        return raw

    def to_text(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return format_number(float(value))
        if isinstance(value, date):
            return value.isoformat()
        return str(value.value if isinstance(value, enum.Enum) else value)

    # -- JSON form ---------------------------------------------------------------------------
    def to_json(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, enum.Enum):
            return value.value
        if self.type is FieldType.NUMBER and not isinstance(value, bool):
            return float(value)
        return value

    def from_json(self, data: Any) -> Any:
        """Strict inverse of to_json for values from files (checks type and allowed values)."""
        if data is None or data == "":
            return None
        if self.type is FieldType.BOOLEAN and isinstance(data, bool):
            return data
        if isinstance(data, bool):
            return self.from_text("true" if data else "false")
        if isinstance(data, int | float):
            return self.from_text(format_number(float(data)))
        return self.from_text(str(data))

    def from_stored(self, data: Any) -> Any:
        """Fast inverse of to_json for values this program stored (no validation)."""
        if data is None or data == "":
            return None
        if self.type is FieldType.NUMBER:
            return float(data)
        if self.type is FieldType.DATE and self.rich:
            return date.fromisoformat(data)
        if self.enum is not None:
            return self.enum(data)
        return data


def parse_field_spec(spec: str) -> Field:
    """`NAME:TYPE[=v1,v2,...]` from the command line, e.g. `frame_type:category=economic,security`.

    A codebook reference names its codebook kind after '=': `actor:codebook=speaker`.
    """
    name, sep, rest = spec.partition(":")
    name = name.strip()
    if not sep or not name:
        raise InvalidInput(f"field {spec!r}: write it as NAME:TYPE, e.g. frame_type:category=a,b")
    type_name, _, values_text = rest.partition("=")
    try:
        ftype = FieldType(type_name.strip().lower())
    except ValueError:
        allowed = ", ".join(t.value for t in FieldType)
        raise InvalidInput(
            f"field {name!r}: unknown type {type_name.strip()!r}; use one of {allowed}"
        ) from None
    check_name(name, "field")
    values = tuple(v.strip() for v in values_text.split(",") if v.strip()) if values_text else ()
    if ftype is FieldType.CATEGORY:
        if not values:
            raise InvalidInput(f"field {name!r}: a category needs its values, e.g. {name}:category=a,b")
        keys = tuple(category_key(v) for v in values)
        if len(set(keys)) != len(keys):
            raise InvalidInput(f"field {name!r}: a category value is given twice")
        return Field(name, ftype, values=keys)
    if ftype is FieldType.CODEBOOK:
        if len(values) != 1:
            raise InvalidInput(
                f"field {name!r}: name the codebook kind it draws from, e.g. {name}:codebook=speaker"
            )
        check_name(values[0], "codebook kind")
        return Field(name, ftype, codebook=values[0])
    if values:
        raise InvalidInput(f"field {name!r}: only category and codebook fields take values after '='")
    return Field(name, ftype)


_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def check_name(name: str, what: str) -> None:
    """Names of kinds, fields and relation types: lower-case letters, digits, '_' (max 40)."""
    if not _NAME.match(name):
        raise InvalidInput(
            f"{what} name {name!r}: use lower-case letters, digits and '_' (starting with a letter)"
        )


def field_to_json(field: Field) -> dict[str, Any]:
    """How a project field is stored: {"name", "type", "label", "values", "codebook", "order"}."""
    return {
        "name": field.name,
        "type": field.type.value,
        "label": field.label,
        "values": list(field.values),
        "codebook": field.codebook,
        "order": field.order,
    }


def field_from_json(data: dict[str, Any]) -> Field:
    return Field(
        str(data["name"]),
        FieldType(data["type"]),
        label=str(data.get("label") or ""),
        values=tuple(data.get("values") or ()),
        codebook=data.get("codebook") or None,
        order=int(data.get("order", 100)),
        completes=FieldType(data["type"]) in (FieldType.TEXT, FieldType.CODEBOOK),
    )
