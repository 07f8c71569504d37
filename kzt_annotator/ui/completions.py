"""What the attribute editor offers as completions, and what a selected figure phrase pre-fills."""

from __future__ import annotations

from kzt_annotator.core.attributes import attributes_to_strings, format_number
from kzt_annotator.core.model import Annotation, CodebookKind
from kzt_annotator.core.numbers import parse_figure
from kzt_annotator.store.repository import Repository

COMPLETED_FIELDS = ("quantity", "unit", "figure_source", "speaker", "speaker_role", "claim_key", "claimant")
CODEBOOK_FIELDS = {
    CodebookKind.QUANTITY: "quantity",
    CodebookKind.SPEAKER: "speaker",
    CodebookKind.CLAIM_KEY: "claim_key",
}


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
        found: dict[str, set[str]] = {name: set() for name in COMPLETED_FIELDS}
        for entry in self.repo.codebook():
            if entry.kind in CODEBOOK_FIELDS:
                found[CODEBOOK_FIELDS[entry.kind]].add(entry.key)
        for annotation in self.repo.annotations():
            for name, value in attributes_to_strings(annotation.attributes).items():
                if name in found and value:
                    found[name].add(value)
        return {name: sorted(values) for name, values in found.items()}
