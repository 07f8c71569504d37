"""Finding suggestions compiles no pattern and looks none up in re's cache: every pattern of the
finders is compiled once, on first use (a string pattern passed to re.match and the like costs a
cache look-up per call, which took about a tenth of the finding time in a long article)."""

from __future__ import annotations

import random
import re

import pytest

from benchmarks.corpus import article
from kzt_annotator.core.suggest import suggest_attributions, suggest_figures
from tests.conftest import CORPUS


def _find_all(texts: list[str]) -> None:
    for text in texts:
        suggest_figures(text, "de")
        suggest_figures(text)
        suggest_attributions(text)


def test_no_pattern_is_compiled_or_looked_up_while_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    texts.append(article(random.Random(5), 20_000))
    _find_all(texts)  # first use: the finders compile their patterns
    looked_up: list[object] = []
    compile_ = re._compile  # every re function given a pattern string goes through it

    def counting(pattern: object, flags: int) -> object:
        looked_up.append(pattern)
        return compile_(pattern, flags)

    monkeypatch.setattr(re, "_compile", counting)
    _find_all([text + " Officials said 5 people died." for text in texts])
    assert looked_up == []
