"""The three built-in kinds and four built-in relation types.

Attribute names are the ones the README documents (`--attr`, JSON, CSV); they are only ever
added to, never renamed. Declaration order is CSV/JSON order; `order` is the editor's order
(a figure's quantity, value, qualifier and source come first: what every figure needs).
"""

from __future__ import annotations

from kzt_annotator.core.kinds import Kind, Qualifier, QuoteKind, Stance
from kzt_annotator.core.schema.declaration import KindSpec, RelationType, Schema
from kzt_annotator.core.schema.fields import Field, FieldType

T, N, D, C, R = FieldType.TEXT, FieldType.NUMBER, FieldType.DATE, FieldType.CATEGORY, FieldType.CODEBOOK


def _category(name: str, enum_cls, label: str, order: int) -> Field:
    return Field(name, C, label=label, values=tuple(m.value for m in enum_cls), order=order, enum=enum_cls)


CLAIM = KindSpec(
    Kind.CLAIM,
    (
        Field("claim_key", R, "Claim key", codebook="claim_key", order=1, completes=True),
        Field("claimant", T, "Claimant", codebook="speaker", order=3, completes=True),
        _category("stance", Stance, "Stance", 2),
    ),
    label="Claim",
    colour="#ffb300",  # amber
    hotkey="1",
    brat_type="Claim",
    builtin=True,
)
ATTRIBUTION = KindSpec(
    Kind.ATTRIBUTION,
    (
        Field("speaker", R, "Speaker", codebook="speaker", order=1, completes=True),
        Field("speaker_role", T, "Speaker role", order=2, completes=True),
        _category("quote_kind", QuoteKind, "Quote kind", 3),
        Field("via", T, "Via (relaying outlet)", order=4, completes=True),
    ),
    label="Attribution",
    colour="#00acc1",  # cyan
    hotkey="2",
    brat_type="Attribution",
    builtin=True,
)
FIGURE = KindSpec(
    Kind.FIGURE,
    (
        Field("quantity", R, "Quantity (what is counted)", codebook="quantity", order=1, completes=True),
        Field("value", N, "Value", order=2),
        Field("value_low", N, "Low", order=5),
        Field("value_high", N, "High", order=6),
        _category("qualifier", Qualifier, "Qualifier", 3),
        Field("unit", T, "Unit", order=7, completes=True),
        Field("as_of", D, "As of (YYYY-MM-DD)", order=8, rich=True),
        Field("figure_source", T, "Source", codebook="speaker", order=4, completes=True),
    ),
    label="Figure",
    colour="#d81b60",  # magenta
    hotkey="3",
    brat_type="Figure",
    builtin=True,
)

RELATIONS = (
    RelationType("supports", (Kind.ATTRIBUTION,), (Kind.CLAIM,), "supports", "Supports", builtin=True),
    RelationType(
        "source_of", (Kind.ATTRIBUTION,), (Kind.FIGURE,), "is the source of", "Source_of", builtin=True
    ),
    RelationType("same_event", (), (), "same event as", "Same_event", builtin=True),
    RelationType("contradicts", (), (), "contradicts", "Contradicts", builtin=True),
)

BUILTIN = Schema(kinds=(CLAIM, ATTRIBUTION, FIGURE), relations=RELATIONS)

# CSV and CLI table order of the built-in attributes: figure, attribution, claim.
BUILTIN_COLUMN_KINDS = (Kind.FIGURE, Kind.ATTRIBUTION, Kind.CLAIM)
