"""The whole-array language classifier gives py3langid's own answer (and scores), bit for bit."""

from __future__ import annotations

import random

import pytest
from py3langid import langid

from kzt_annotator.io.language_id import MAX_DEPTH, Classifier
from kzt_annotator.io.meta_inference import LANGUAGE_SAMPLE_CHARS, identify_language
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    loaded = Classifier.load()
    assert loaded is not None, "py3langid's model is not the shape io/language_id.py expects"
    return loaded


def test_the_model_needs_no_more_than_max_depth_bytes_of_context(classifier):
    """The windowed walk is exact only if no state of the automaton lies deeper than MAX_DEPTH."""
    assert classifier.deepest_state() <= MAX_DEPTH


def _samples() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    rng = random.Random(18)
    alphabet = [
        *map(chr, range(32, 127)),
        *map(chr, range(0x400, 0x4FF)),  # Cyrillic, Kazakh letters included
        *map(chr, range(0x600, 0x6FF)),  # Arabic
        *map(chr, range(0x4E00, 0x4E80)),  # CJK
        "é",
        "ß",
        "İ",
        "\U0001f600",
        "\n",
    ]
    noise = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(300)]
    cut = [t[i : i + LANGUAGE_SAMPLE_CHARS] for t in texts for i in range(0, len(t), 700)]
    return [*cut, *noise, "", "A", "ALL CAPS HEADLINE ABOUT THE FLOODS", "ab" * 600]


def test_scores_and_answers_equal_py3langid_bit_for_bit(classifier):
    identifier = langid._get_identifier()
    for sample in _samples():
        assert classifier._scores(sample).tolist() == identifier._decide(sample).tolist(), sample[:60]
        assert classifier.classify(sample) == langid.classify(sample)[0]


def test_identify_language_needs_forty_letters():
    assert identify_language("1234 " * 100 + "abc") is None
    assert identify_language("words " * 8) == langid.classify("words " * 8)[0]  # exactly 40 letters
    assert identify_language("words " * 7 + "word") is None  # 39


def test_the_unpacked_copy_in_the_cache_gives_the_same_scores(tmp_path, monkeypatch):
    from kzt_annotator.io import language_cache

    monkeypatch.setenv("KZT_ANNOTATOR_CACHE_DIR", str(tmp_path / "cache"))
    assert language_cache.read() is None
    assert Classifier.load() is not None  # made from py3langid's model, then stored
    folder = language_cache.model_folder()
    assert folder is not None and (folder / "complete").is_file()
    cached = language_cache.read()
    assert cached is not None and not cached["next"].flags.writeable  # mapped, read-only
    from_cache = Classifier(cached)
    identifier = langid._get_identifier()
    for sample in _samples()[:120]:
        assert from_cache._scores(sample).tolist() == identifier._decide(sample).tolist()


def test_an_unwritable_cache_folder_changes_nothing_but_speed(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("KZT_ANNOTATOR_CACHE_DIR", str(blocked / "cache"))
    classifier = Classifier.load()
    assert classifier is not None
    assert classifier.classify("The government said on Tuesday that the curfew would end.") == "en"
