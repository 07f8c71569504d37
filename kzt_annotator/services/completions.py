"""What the attribute editor offers as completions: codebook entries and values already used."""

from __future__ import annotations

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.model import CodebookKind
from kzt_annotator.core.schema import FieldType, Schema
from kzt_annotator.store.repository import Repository


def completed_fields(schema: Schema) -> dict[str, str | None]:
    """Field name -> the codebook kind it draws from (None: only values already used), for every
    field of the schema that completes (codebook references, and text fields declared so)."""
    out: dict[str, str | None] = {}
    for spec in schema.kinds:
        for field in spec.fields:
            if field.completes or field.type is FieldType.CODEBOOK:
                out.setdefault(field.name, field.codebook)
    return out


def completion_values(repo: Repository, book: Codebook | None = None) -> dict[str, list[str]]:
    """Per completed field, sorted: codebook entries (speakers by their label: variant spellings
    collapse into one) and the values already used that no entry covers. `book`: the codebook
    as the caller already has it (None or empty: read it)."""
    schema = repo.schema()
    fields = completed_fields(schema)
    found: dict[str, set[str]] = {name: set() for name in fields}
    book = book if book is not None and len(book) else Codebook(repo.codebook())
    for entry in book.entries():
        for name, codebook in fields.items():
            if codebook is not None and codebook == str(entry.kind):
                found[name].add(entry.display if entry.kind is CodebookKind.SPEAKER else entry.key)
    kinds = {k.value for k in CodebookKind}
    for annotation in repo.annotations():
        for name, value in attributes_to_strings(annotation.attributes, schema).items():
            if name in found and value:
                kind = fields.get(name)
                entry = book.resolve(CodebookKind(kind), value) if kind in kinds else None
                if entry is None:
                    found[name].add(value)
    return {name: sorted(values) for name, values in found.items()}
