"""The suggestions for fixed articles are exactly the recorded ones (golden file).

The figure and attribution finders are tuned for speed (pre-checks, memoised speaker look-ups);
this pins every suggestion they give (span, text, attributes, cue, relaying outlet) for the five
sample articles, the six held-out gold articles, a German sentence set and a long seeded
synthetic article with hundreds of speakers, so a faster path cannot change a result.

Regenerate (only when a rule is meant to change): `KZT_REGOLD=1 pytest tests/core/test_suggestions_golden.py`.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import asdict
from pathlib import Path

import pytest

from benchmarks.corpus import article
from kzt_annotator.core.suggest import Suggestion, suggest_attributions, suggest_figures
from tests.conftest import CORPUS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLDEN = FIXTURES / "suggestions" / "golden.json"
GERMAN = (
    "Nach Angaben des Innenministeriums wurden 1.500 Demonstranten festgenommen. "
    "„Wir haben mehr als 3,5 Millionen Euro verloren“, sagte Bürgermeister Hans Berg am Montag. "
    "Rund 1,5 Millionen Menschen leben in der Stadt, zwischen 20 und 30 Prozent davon ohne Strom."
)


def _articles() -> dict[str, tuple[str, str | None]]:
    """name -> (text, language)."""
    out: dict[str, tuple[str, str | None]] = {}
    for path in sorted(CORPUS.glob("*.txt")):
        out[f"corpus/{path.name}"] = (path.read_text(encoding="utf-8"), None)
    for path in sorted((FIXTURES / "extraction_gold" / "heldout").glob("*.txt")):
        out[f"heldout/{path.name}"] = (path.read_text(encoding="utf-8"), "en")
    out["german"] = (GERMAN, "de")
    out["synthetic-60000"] = (article(random.Random(1), 60_000), None)
    return out


def _record(s: Suggestion) -> dict:
    return {
        "kind": str(s.kind),
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "attributes": {k: v for k, v in asdict(s.attributes).items() if v is not None},
        "cue": list(s.cue) if s.cue else None,
        "via": s.via,
    }


def _suggestions(text: str, language: str | None) -> list[dict]:
    found = suggest_figures(text, language) + suggest_attributions(text)
    return [json.loads(json.dumps(_record(s), default=str)) for s in found]


ARTICLES = _articles()


def test_golden_file_covers_every_article():
    if os.environ.get("KZT_REGOLD"):
        GOLDEN.parent.mkdir(exist_ok=True)
        data = {name: _suggestions(text, lang) for name, (text, lang) in ARTICLES.items()}
        GOLDEN.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(golden) == sorted(ARTICLES)
    assert sum(len(v) for v in golden.values()) > 500  # figures and attributions of every sort


@pytest.mark.parametrize("name", list(ARTICLES))
def test_suggestions_are_the_recorded_ones(name):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    text, language = ARTICLES[name]
    assert _suggestions(text, language) == golden
