"""Annotation kinds, relation types and the Schema that holds them.

A Schema is the one declaration everything else derives from: the editor form, CSV columns,
brat and JSON-LD mapping, colours, hotkeys, article-list count columns, completions and the
agreement fields. The built-in part is `builtin.BUILTIN`; a project adds kinds and relation types
(stored in its database) with `Schema.with_kind` / `Schema.with_relation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.schema.fields import Field, FieldType, check_name

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One annotation kind. `fields` in declaration order (= CSV and JSON order); `hotkey` a
    single key ('1'..'9') or ''; `colour` '#rrggbb'; `brat_type` its brat entity type."""

    name: str
    fields: tuple[Field, ...]
    label: str = ""
    colour: str = "#7e57c2"
    hotkey: str = ""
    brat_type: str = ""
    builtin: bool = False

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def brat_name(self) -> str:
        return self.brat_type or self.name.capitalize()

    def field(self, name: str) -> Field:
        found = field_map(self).get(name)
        if found is not None:
            return found
        raise InvalidInput(
            f"{name!r} is not an attribute of a {self.name}; a {self.name} has: {', '.join(self.field_names)}"
        )

    def has_field(self, name: str) -> bool:
        return name in field_map(self)

    def editor_fields(self) -> tuple[Field, ...]:
        """Fields in the order the editor offers them: by `order`, then declaration order."""
        return tuple(sorted(self.fields, key=lambda f: f.order))

    @property
    def rgb(self) -> tuple[int, int, int]:
        return int(self.colour[1:3], 16), int(self.colour[3:5], 16), int(self.colour[5:7], 16)


_FIELD_MAPS: dict[int, tuple[KindSpec, dict[str, Field]]] = {}


def field_map(spec: KindSpec) -> dict[str, Field]:
    """{field name: Field} of a kind, built once per KindSpec object (hot in list reads)."""
    cached = _FIELD_MAPS.get(id(spec))
    if cached is None or cached[0] is not spec:
        cached = (spec, {f.name: f for f in spec.fields})
        _FIELD_MAPS[id(spec)] = cached
    return cached[1]


@dataclass(frozen=True, slots=True)
class RelationType:
    """A typed, directed relation between two annotations. Empty `sources`/`targets` = any kind."""

    name: str
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    label: str = ""
    brat_type: str = ""
    builtin: bool = False

    @property
    def brat_name(self) -> str:
        return self.brat_type or "".join(p.capitalize() for p in self.name.split("_"))

    def allows(self, source_kind: str, target_kind: str) -> bool:
        return (not self.sources or source_kind in self.sources) and (
            not self.targets or target_kind in self.targets
        )


@dataclass(frozen=True, slots=True)
class Schema:
    kinds: tuple[KindSpec, ...]
    relations: tuple[RelationType, ...] = ()

    # -- kinds ------------------------------------------------------------------------------
    @property
    def kind_names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.kinds)

    def kind(self, name: str) -> KindSpec:
        for spec in self.kinds:
            if spec.name == name:
                return spec
        raise InvalidInput(f"unknown kind {name!r}; the kinds are: {', '.join(self.kind_names)}")

    def has_kind(self, name: str) -> bool:
        return any(k.name == name for k in self.kinds)

    def project_kinds(self) -> tuple[KindSpec, ...]:
        return tuple(k for k in self.kinds if not k.builtin)

    def kind_for_brat(self, brat_type: str) -> KindSpec | None:
        low = brat_type.lower()
        return next((k for k in self.kinds if k.brat_name.lower() == low or k.name == low), None)

    def project_field_columns(self) -> tuple[str, ...]:
        """CSV columns of project-defined kinds' fields, after the fixed columns."""
        seen: list[str] = []
        for spec in self.project_kinds():
            seen += [f.name for f in spec.fields if f.name not in seen]
        return tuple(seen)

    def with_kind(self, spec: KindSpec, reserved: frozenset[str] = frozenset()) -> Schema:
        """This schema plus a project kind. `reserved` names (fixed CSV columns) cannot be fields.

        Errors (InvalidInput): a duplicate kind, a field name another kind declares with another
        type, a reserved field name, a bad colour or a hotkey in use.
        """
        check_name(spec.name, "kind")
        if self.has_kind(spec.name):
            raise InvalidInput(f"a kind named {spec.name!r} exists already")
        if not spec.fields:
            raise InvalidInput(f"kind {spec.name!r}: give it at least one --field NAME:TYPE")
        names = [f.name for f in spec.fields]
        if len(set(names)) != len(names):
            raise InvalidInput(f"kind {spec.name!r}: a field name is given twice")
        builtin_fields = {f.name: k.name for k in self.kinds if k.builtin for f in k.fields}
        project_fields = {f.name: (k.name, f.type) for k in self.project_kinds() for f in k.fields}
        for f in spec.fields:
            owner = builtin_fields.get(f.name)
            if owner is None and f.name in project_fields and project_fields[f.name][1] is not f.type:
                owner = project_fields[f.name][0]
            if owner is not None:
                raise InvalidInput(f"field {f.name!r} is declared by kind '{owner}'; pick another name")
            if f.name in reserved:
                raise InvalidInput(f"field {f.name!r} is a name the exports use already; pick another name")
        if not _COLOUR.match(spec.colour):
            raise InvalidInput(f"colour {spec.colour!r}: write it as #RRGGBB")
        used = {k.hotkey for k in self.kinds if k.hotkey}
        if spec.hotkey and spec.hotkey in used:
            raise InvalidInput(f"hotkey {spec.hotkey!r} is taken by another kind")
        if not spec.hotkey:
            free = next((d for d in "456789" if d not in used), "")
            spec = replace(spec, hotkey=free)
        return replace(self, kinds=(*self.kinds, spec))

    # -- relations --------------------------------------------------------------------------
    @property
    def relation_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.relations)

    def relation(self, name: str) -> RelationType:
        for rel in self.relations:
            if rel.name == name:
                return rel
        raise InvalidInput(f"unknown relation type {name!r}; the types are: {', '.join(self.relation_names)}")

    def relation_for_brat(self, brat_type: str) -> RelationType | None:
        low = brat_type.lower()
        return next((r for r in self.relations if r.brat_name.lower() == low or r.name == low), None)

    def check_relation(self, name: str, source_kind: str, target_kind: str) -> RelationType:
        rel = self.relation(name)
        if not rel.allows(source_kind, target_kind):
            frm = "/".join(rel.sources) or "any kind"
            to = "/".join(rel.targets) or "any kind"
            raise InvalidInput(
                f"a {name} relation goes from {frm} to {to}, not from {source_kind} to {target_kind}"
            )
        return rel

    def with_relation(self, rel: RelationType) -> Schema:
        check_name(rel.name, "relation type")
        if rel.name in self.relation_names:
            raise InvalidInput(f"a relation type named {rel.name!r} exists already")
        for kind in (*rel.sources, *rel.targets):
            self.kind(kind)
        return replace(self, relations=(*self.relations, rel))


def kind_spec(
    name: str, fields: list[Field], *, label: str = "", colour: str = "", hotkey: str = ""
) -> KindSpec:
    """A project kind as the CLI and GUI declare it (defaults filled in by Schema.with_kind)."""
    return KindSpec(name, tuple(fields), label=label, colour=colour or "#7e57c2", hotkey=hotkey)


__all__ = ["Field", "FieldType", "KindSpec", "RelationType", "Schema", "kind_spec"]
