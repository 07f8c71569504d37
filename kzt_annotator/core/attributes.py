"""Annotation attribute values, converted only through the schema's field codecs.

The names are the same everywhere: `annotate --attr NAME=VALUE`, JSON output, CSV columns.
The three built-in kinds keep typed dataclasses (figures drive the discrepancy panel, so code
reads `attrs.value`, `attrs.qualifier` as Python values); a project-defined kind's values live in
a `KindAttrs` (read the same way: `attrs.frame_type`). Every function takes the `schema` that
declares the kind (the project's; the built-in one by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kzt_annotator.core.kinds import Kind, Qualifier, QuoteKind, Stance
from kzt_annotator.core.schema import BUILTIN, BUILTIN_COLUMN_KINDS, KindSpec, Schema
from kzt_annotator.core.schema.declaration import field_map
from kzt_annotator.core.schema.fields import format_number

__all__ = [
    "ALL_ATTRIBUTE_NAMES",
    "ATTRIBUTE_NAMES",
    "ATTRS_CLASS",
    "AttributionAttrs",
    "Attributes",
    "ClaimAttrs",
    "FigureAttrs",
    "KindAttrs",
    "attribute_items",
    "attributes_from_json",
    "attributes_from_stored",
    "attributes_from_strings",
    "attributes_to_json",
    "attributes_to_strings",
    "empty_attributes",
    "format_number",
    "parse_attribute",
]


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
    via: str | None = None  # the outlet that relayed the words ("told Reuters" -> Reuters)


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


class KindAttrs:
    """The values of a project-defined kind, in their JSON form; unset fields read as None.

    `KindAttrs("frame", {"frame_type": "economic"}).frame_type == "economic"`.
    """

    __slots__ = ("kind", "_values")

    def __init__(self, kind: str, values: Mapping[str, Any] | None = None) -> None:
        self.kind = kind
        self._values = {k: v for k, v in (values or {}).items() if v is not None and v != ""}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._values.get(name)

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KindAttrs) and (self.kind, self._values) == (other.kind, other._values)

    def __hash__(self) -> int:
        return hash((self.kind, tuple(sorted(self._values.items()))))

    def __repr__(self) -> str:
        return f"KindAttrs({self.kind!r}, {self._values!r})"


Attributes = ClaimAttrs | AttributionAttrs | FigureAttrs | KindAttrs

ATTRS_CLASS: dict[Kind, type[ClaimAttrs] | type[AttributionAttrs] | type[FigureAttrs]] = {
    Kind.CLAIM: ClaimAttrs,
    Kind.ATTRIBUTION: AttributionAttrs,
    Kind.FIGURE: FigureAttrs,
}
ATTRIBUTE_NAMES: dict[str, tuple[str, ...]] = {spec.name: spec.field_names for spec in BUILTIN.kinds}
ALL_ATTRIBUTE_NAMES: tuple[str, ...] = tuple(n for k in BUILTIN_COLUMN_KINDS for n in ATTRIBUTE_NAMES[k])
for _kind, _cls in ATTRS_CLASS.items():  # the dataclasses mirror the declaration, field by field
    assert tuple(_cls.__dataclass_fields__) == ATTRIBUTE_NAMES[_kind], _kind
_FIELD_BY_NAME = {f.name: f for spec in BUILTIN.kinds for f in spec.fields}
_BUILTIN_SPECS = {spec.name: spec for spec in BUILTIN.kinds}


def _build(spec: KindSpec, values: dict[str, Any]) -> Attributes:
    cls = ATTRS_CLASS.get(spec.name)  # type: ignore[call-overload]
    return cls(**values) if cls is not None else KindAttrs(spec.name, values)


def empty_attributes(kind: str, schema: Schema = BUILTIN) -> Attributes:
    return _build(schema.kind(kind), {})


def attribute_items(attrs: Attributes, schema: Schema = BUILTIN) -> list[tuple[str, Any]]:
    """(field name, in-memory value) for every declared field of the kind, in declaration order."""
    if isinstance(attrs, KindAttrs):
        if schema.has_kind(attrs.kind):
            return [(f.name, getattr(attrs, f.name)) for f in schema.kind(attrs.kind).fields]
        return list(attrs.as_dict().items())
    return [(name, getattr(attrs, name)) for name in attrs.__dataclass_fields__]


def _spec_of(attrs: Attributes, schema: Schema) -> KindSpec | None:
    if isinstance(attrs, KindAttrs):
        return schema.kind(attrs.kind) if schema.has_kind(attrs.kind) else None
    return None


def parse_attribute(name: str, raw: str, kind: str | None = None, schema: Schema = BUILTIN) -> Any:
    """Parse one attribute from its text form; '' means unset. Errors name the field."""
    if kind is not None:
        return schema.kind(kind).field(name).from_text(raw)
    field = _FIELD_BY_NAME.get(name)
    return field.from_text(raw) if field is not None else (raw.strip() or None)


def attributes_from_strings(kind: str, values: dict[str, str], schema: Schema = BUILTIN) -> Attributes:
    """Build typed attributes for `kind` from text values; unknown names are refused."""
    spec = schema.kind(kind)
    parsed = {name: spec.field(name).from_text(raw) for name, raw in values.items()}
    return _build(spec, parsed)


def attributes_to_strings(attrs: Attributes, schema: Schema = BUILTIN) -> dict[str, str]:
    spec = _spec_of(attrs, schema)
    out: dict[str, str] = {}
    for name, value in attribute_items(attrs, schema):
        field = spec.field(name) if spec is not None else _FIELD_BY_NAME.get(name)
        out[name] = field.to_text(value) if field is not None else ("" if value is None else str(value))
    return out


def attributes_to_json(attrs: Attributes, schema: Schema = BUILTIN) -> dict[str, Any]:
    """JSON-safe dict: numbers stay numbers, dates are ISO strings, categories their keys."""
    spec = _spec_of(attrs, schema)
    out: dict[str, Any] = {}
    for name, value in attribute_items(attrs, schema):
        field = spec.field(name) if spec is not None else _FIELD_BY_NAME.get(name)
        out[name] = field.to_json(value) if field is not None else value
    return out


def attributes_from_json(kind: str, data: dict[str, Any] | None, schema: Schema = BUILTIN) -> Attributes:
    """Inverse of attributes_to_json; tolerant of missing keys, strict about unknown ones."""
    spec = schema.kind(kind)
    return _build(spec, {name: spec.field(name).from_json(v) for name, v in (data or {}).items()})


def attributes_from_stored(kind: str, data: dict[str, Any] | None, schema: Schema = BUILTIN) -> Attributes:
    """Fast inverse of attributes_to_json for values this program stored (no validation).

    A kind the schema does not know (a project kind read without the project's schema) keeps
    its stored values as they are.
    """
    spec = (
        _BUILTIN_SPECS.get(kind)
        if schema is BUILTIN
        else next((k for k in schema.kinds if k.name == kind), None)
    )
    if spec is None:
        return KindAttrs(kind, data)
    if not data:
        return _build(spec, {})
    fields = field_map(spec)
    values: dict[str, Any] = {}
    for name, value in data.items():
        if value is None or value == "" or name not in fields:
            continue
        values[name] = fields[name].from_stored(value)
    return _build(spec, values)


def check_kind(kind: str, schema: Schema) -> str:
    """The kind name as stored (a `Kind` member for the built-in three); InvalidInput if unknown."""
    spec = schema.kind(kind)
    return spec.name
