"""What the attribute editor offers as completions, and what a selected figure phrase pre-fills."""

from __future__ import annotations

from kzt_annotator.core.attributes import attributes_to_strings, format_number
from kzt_annotator.core.codebook import Codebook
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.core.numbers import parse_figure
from kzt_annotator.core.suggest import figure_source_at
from kzt_annotator.services.completions import completion_values
from kzt_annotator.services.project import Project
from kzt_annotator.ui.annotation_table import AnnotationTableModel


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

    def __init__(self, repo: Project) -> None:
        self.repo = repo
        self._values: dict[str, list[str]] | None = None
        self.book = Codebook([])

    def set_codebook(self, book: Codebook) -> None:
        """Offer this codebook's entries, and name used values by the entry they resolve to."""
        self.book = book
        self._values = None

    def reset(self, repo: Project) -> None:
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
        return completion_values(self.repo, self.book)


def with_source_before(
    values: dict[str, str], model: AnnotationTableModel, position: int, text: str | None = None
) -> dict[str, str]:
    """A figure's source pre-filled: the speaker of its own sentence in `text` (the article),
    found as the attribution suggestions find it (core.suggest.figure_source_at), else the
    source of the figure tagged nearest before `position` (reports in a paragraph share one)."""
    if values.get("figure_source"):
        return values
    speaker = figure_source_at(text, position) if text else None
    if speaker:
        return dict(values, figure_source=speaker)
    for row in model.rows_before(position, Kind.FIGURE, 5):  # nearest first, no scan of every row
        annotation = model.annotation_at(row)
        source = getattr(annotation.attributes, "figure_source", None) if annotation else None
        if source:
            return dict(values, figure_source=source)
    return values
