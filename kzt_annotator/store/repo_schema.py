"""The project's annotation schema: the built-in declaration plus the kinds and relation types
a project defines (rows in its database)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.schema import BUILTIN, KindSpec, RelationType, Schema
from kzt_annotator.core.schema.fields import field_from_json, field_to_json
from kzt_annotator.store.models import RelationTypeRow, SchemaKindRow
from kzt_annotator.store.repo_base import RepositoryBase
from kzt_annotator.store.types import utcnow


class SchemaMethods(RepositoryBase):
    _schema: Schema | None = None

    def schema(self) -> Schema:
        """The project's schema (read once per Repository; refreshed after a schema change here)."""
        if self._schema is None:
            self._schema = self.read(_load)
        return self._schema

    def refresh_schema(self) -> Schema:
        self._schema = None
        return self.schema()

    def save_kind(self, spec: KindSpec) -> Schema:
        """Store a project kind (validated by the caller with Schema.with_kind)."""

        def work(session: Session) -> None:
            position = session.scalar(select(func.count()).select_from(SchemaKindRow)) or 0
            session.add(
                SchemaKindRow(
                    name=spec.name,
                    label=spec.label,
                    colour=spec.colour,
                    hotkey=spec.hotkey,
                    position=position,
                    fields=[field_to_json(f) for f in spec.fields],
                    created_at=utcnow(),
                )
            )
            session.flush()

        try:
            self.write(work)
        except IntegrityError:
            raise InvalidInput(f"a kind named {spec.name!r} exists already") from None
        return self.refresh_schema()

    def save_relation_type(self, rel: RelationType) -> Schema:
        def work(session: Session) -> None:
            session.add(
                RelationTypeRow(
                    name=rel.name,
                    label=rel.label,
                    sources=list(rel.sources),
                    targets=list(rel.targets),
                    created_at=utcnow(),
                )
            )
            session.flush()

        try:
            self.write(work)
        except IntegrityError:
            raise InvalidInput(f"a relation type named {rel.name!r} exists already") from None
        return self.refresh_schema()


def _load(session: Session) -> Schema:
    schema = BUILTIN
    kinds = tuple(
        KindSpec(
            row.name,
            tuple(field_from_json(f) for f in row.fields or []),
            label=row.label,
            colour=row.colour or "#7e57c2",
            hotkey=row.hotkey,
        )
        for row in session.scalars(select(SchemaKindRow).order_by(SchemaKindRow.position, SchemaKindRow.name))
    )
    relations = tuple(
        RelationType(row.name, tuple(row.sources or ()), tuple(row.targets or ()), label=row.label)
        for row in session.scalars(
            select(RelationTypeRow).order_by(RelationTypeRow.created_at, RelationTypeRow.name)
        )
    )
    return Schema(kinds=schema.kinds + kinds, relations=schema.relations + relations)
