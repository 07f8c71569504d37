"""The gold annotations are well-formed, and suggestions reach the measured quality on them."""

from __future__ import annotations

import pytest

from benchmarks.extraction_quality import SETS, article_text, evaluate, load
from kzt_annotator.core.evaluation import total

QUALIFIERS = {
    "exact",
    "approximately",
    "at_least",
    "more_than",
    "up_to",
    "less_than",
    "range",
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "several",
    "multiple",
}


@pytest.mark.parametrize("name", list(SETS))
def test_every_gold_span_is_the_text_at_its_offsets(name):
    data = load(name)
    texts = {key: article_text(rel) for key, rel in data["articles"].items()}
    assert data["figures"] and data["attributions"]
    for item in data["figures"] + data["attributions"]:
        text = texts[item["article"]]
        assert text[item["start"] : item["end"]] == item["text"], item
        cue = item.get("cue")
        if cue:
            assert text[cue["start"] : cue["end"]] == cue["text"], item
    for item in data["figures"]:
        assert item["qualifier"] in QUALIFIERS, item
        assert (item["value"] is None) == (
            item["qualifier"] in {"dozens", "scores", "hundreds", "thousands", "several", "multiple"}
        ), item
    for item in data["attributions"]:
        assert item["speaker"] and item["quote_kind"] in {"direct", "indirect"}, item


def test_held_out_articles_are_long_enough_and_varied():
    data = load("held-out")
    assert data["tuned_on"] == []
    words = [len(article_text(rel).split()) for rel in data["articles"].values()]
    assert len(words) >= 6 and all(250 <= n <= 500 for n in words), words


MINIMUM = {  # measured values, rounded down: a change that makes any of them worse fails here
    "samples": {"figures": (0.97, 0.95, 0.95), "attributions": (0.90, 0.95, 0.95)},
    "held-out": {"figures": (0.97, 0.90, 0.95), "attributions": (0.85, 0.95, 0.80)},
}


@pytest.mark.parametrize("name", list(SETS))
def test_suggestion_quality_on_gold(name):
    results = evaluate(name)
    for kind, (recall, precision, accuracy) in MINIMUM[name].items():
        s = total(getattr(r, kind) for r in results)
        assert s.recall >= recall and s.precision >= precision and s.accuracy >= accuracy, (
            kind,
            s.recall,
            s.precision,
            s.accuracy,
        )


@pytest.mark.parametrize("name", list(SETS))
def test_dates_outlets_and_languages_as_the_text_shows_them(name):
    """Every article whose text shows its own date gets it; banner and caption dates never count."""
    for result in evaluate(name):
        for field, (expected, found) in result.metadata.items():
            assert found == expected, (result.key, field, expected, found)
