"""Changing the project's schema: adding kinds (with typed fields) and relation types."""

from __future__ import annotations

from kzt_annotator.core.changes import Changes
from kzt_annotator.core.schema import KindSpec, RelationType, Schema, kind_spec, parse_field_spec
from kzt_annotator.io.csv_format import COLUMNS
from kzt_annotator.store.repository import Repository

# Names a project field cannot take: the CSV's fixed columns (a field is one column).
RESERVED_FIELD_NAMES = frozenset(COLUMNS) | {"relations", "kind", "id"}


def add_kind(
    repo: Repository,
    name: str,
    field_specs: list[str],
    *,
    label: str = "",
    colour: str = "",
    hotkey: str = "",
) -> tuple[KindSpec, Changes]:
    """Declare a kind with fields written `NAME:TYPE[=v1,v2,...]`; InvalidInput (nothing
    stored) for a bad field, a duplicate kind, a clashing field name, colour or hotkey."""
    fields = [parse_field_spec(spec) for spec in field_specs]
    spec = kind_spec(name, fields, label=label, colour=colour, hotkey=hotkey)
    checked = repo.schema().with_kind(spec, RESERVED_FIELD_NAMES)
    schema = repo.save_kind(checked.kind(name))
    return schema.kind(name), Changes(schema=True)


def add_relation_type(
    repo: Repository, name: str, sources: list[str], targets: list[str], *, label: str = ""
) -> tuple[RelationType, Changes]:
    """Declare a relation type from kinds `sources` to kinds `targets` (empty: any kind)."""
    rel = RelationType(
        name, tuple(_kinds(repo.schema(), sources)), tuple(_kinds(repo.schema(), targets)), label
    )
    repo.schema().with_relation(rel)
    schema = repo.save_relation_type(rel)
    return schema.relation(name), Changes(schema=True)


def _kinds(schema: Schema, names: list[str]) -> list[str]:
    return [schema.kind(n.strip()).name for part in names for n in part.split(",") if n.strip()]


def schema_json(schema: Schema) -> dict:
    """The documented JSON shape of `schema list --format json`."""
    return {
        "kinds": [
            {
                "name": str(k.name),
                "label": k.title,
                "builtin": k.builtin,
                "colour": k.colour,
                "hotkey": k.hotkey,
                "brat_type": k.brat_name,
                "fields": [
                    {
                        "name": f.name,
                        "type": f.type.value,
                        "label": f.title,
                        "values": list(f.values),
                        "codebook": f.codebook,
                        "editor_position": position,
                    }
                    for f in k.fields
                    for position in [[e.name for e in k.editor_fields()].index(f.name) + 1]
                ],
            }
            for k in schema.kinds
        ],
        "relation_types": [
            {
                "name": r.name,
                "label": r.label or r.name,
                "builtin": r.builtin,
                "from": [str(s) for s in r.sources],
                "to": [str(t) for t in r.targets],
                "brat_type": r.brat_name,
            }
            for r in schema.relations
        ],
    }
