"""The annotation schema: kinds, their typed fields (with codecs) and relation types, declared once.

See `declaration` (KindSpec, RelationType, Schema), `fields` (FieldType, Field and the codecs)
and `builtin` (claim, attribution, figure; supports, source_of, same_event, contradicts).
"""

from kzt_annotator.core.schema.builtin import BUILTIN, BUILTIN_COLUMN_KINDS
from kzt_annotator.core.schema.declaration import KindSpec, RelationType, Schema, kind_spec
from kzt_annotator.core.schema.fields import Field, FieldType, format_number, parse_field_spec

__all__ = [
    "BUILTIN",
    "BUILTIN_COLUMN_KINDS",
    "Field",
    "FieldType",
    "KindSpec",
    "RelationType",
    "Schema",
    "format_number",
    "kind_spec",
    "parse_field_spec",
]
