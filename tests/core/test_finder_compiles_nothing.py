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


PREPARED_SEARCH = """
import random, re, sys
from benchmarks.corpus import article
from kzt_annotator.core.suggest import prepare, suggest_attributions, suggest_figures
from tests.conftest import CORPUS

texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))] + [article(random.Random(5), 20_000)]
prepare()
modules = set(sys.modules)
compiled = []
compile_ = re._compile
re._compile = lambda pattern, flags: compiled.append(pattern) or compile_(pattern, flags)
for text in texts:
    suggest_figures(text, "de")
    suggest_attributions(text)
print(sorted(set(sys.modules) - modules), compiled)
"""


def test_a_search_after_prepare_imports_and_compiles_nothing() -> None:
    """What the suggestion worker process does before its first article (services/
    suggestion_process.py `_warm`) leaves nothing to load for the article: a fresh process."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PREPARED_SEARCH], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[] []", done.stdout + done.stderr
