"""The project's annotation schema: the built-in declaration plus the kinds and relation types
a project defines (stored in its database)."""

from __future__ import annotations

from kzt_annotator.core.schema import BUILTIN, Schema


class SchemaMethods:
    _schema: Schema | None = None

    def schema(self) -> Schema:
        """The project's schema (read once; refreshed after a schema change)."""
        if self._schema is None:
            self._schema = BUILTIN
        return self._schema
