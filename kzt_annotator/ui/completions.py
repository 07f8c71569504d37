"""What the attribute editor offers as completions, and what a selected figure phrase pre-fills."""

from __future__ import annotations

from kzt_annotator.core.attributes import attributes_to_strings, format_number
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation, CodebookKind
from kzt_annotator.core.numbers import parse_figure
from kzt_annotator.core.schema import FieldType, Schema
from kzt_annotator.store.repository import Repository
from kzt_annotator.ui.annotation_table import AnnotationTableModel


def completed_fields(schema: Schema) -> dict[str, str | None]:
    """Field name -> the codebook kind it draws from (None: only values already used), for every
    field of the schema that completes (codebook references, and text fields declared so)."""
    out: dict[str, str | None] = {}
    for spec in schema.kinds:
        for field in spec.fields:
            if field.completes or field.type is FieldType.CODEBOOK:
                out.setdefault(field.name, field.codebook)
    return out


def figure_prefill(text: str, language: str | None = None) -> dict[str, str]:
    """Value, qualifier and unit read from the selected words ("up to 15,000 soldiers");
    `language` decides decimal commas ("1,5 Millionen" in a German article)."""
    parsed = parse_figure(text, language)
    if parsed is None:
        return {}
    values = {"qualifier": parsed.qualifier.value}
    for name in ("value", "value_low", "value_high"):
        number = getattr(parsed, name)
        if number is not None:
            values[name] = format_number(number)
    if parsed.unit:
        values["unit"] = parsed.unit
    return values


class CompletionCache:
    """Codebook keys and values already used, read once per project and kept current per edit."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._values: dict[str, list[str]] | None = None
        self.book = Codebook([])

    def set_codebook(self, book: Codebook) -> None:
        """Offer this codebook's entries, and name used values by the entry they resolve to."""
        self.book = book
        self._values = None

    def reset(self, repo: Repository) -> None:
        self.repo = repo
        self._values = None

    def get(self) -> dict[str, list[str]]:
        if self._values is None:
            self._values = self._collect()
        return self._values

    def remember(self, annotation: Annotation) -> None:
        if self._values is None:
            return
        for name, value in attributes_to_strings(annotation.attributes).items():
            if name in self._values and value and value not in self._values[name]:
                self._values[name] = sorted([*self._values[name], value])

    def _collect(self) -> dict[str, list[str]]:
        """Per field: codebook entries (speakers by their label: variant spellings collapse into
        one) and the values already used that no entry covers."""
        schema = self.repo.schema()
        fields = completed_fields(schema)
        found: dict[str, set[str]] = {name: set() for name in fields}
        book = self.book if len(self.book) else Codebook(self.repo.codebook())
        for entry in book.entries():
            for name, codebook in fields.items():
                if codebook is not None and codebook == str(entry.kind):
                    found[name].add(entry.display if entry.kind is CodebookKind.SPEAKER else entry.key)
        for annotation in self.repo.annotations():
            for name, value in attributes_to_strings(annotation.attributes, schema).items():
                if name in found and value:
                    kind = fields.get(name)
                    known = kind in {k.value for k in CodebookKind}
                    entry = book.resolve(CodebookKind(kind), value) if known else None
                    if entry is None:
                        found[name].add(value)
        return {name: sorted(values) for name, values in found.items()}


def with_source_before(values: dict[str, str], model: AnnotationTableModel, position: int) -> dict[str, str]:
    """A figure's source pre-filled, if none was found in its own sentence, from the figure
    tagged nearest before `position` in the open article (reports in a paragraph share a source)."""
    if values.get("figure_source"):
        return values
    spans = model.spans()
    before = sorted(
        (span[0], i) for i, span in enumerate(spans) if span[2] == Kind.FIGURE and span[0] <= position
    )
    for _start, row in reversed(before[-5:]):
        annotation = model.annotation_at(row)
        source = getattr(annotation.attributes, "figure_source", None) if annotation else None
        if source:
            return dict(values, figure_source=source)
    return values
