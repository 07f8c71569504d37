"""py3langid's naive Bayes language identification, computed with whole-array steps.

py3langid walks its byte automaton one byte at a time in Python (about 1 µs a byte) and widens
its float16 weights to float32 one element at a time: about 4 ms for a 1,000-character sample,
most of an article's import time. This module gives the same answer as `py3langid.classify`,
bit for bit, in about a tenth of that, from the same model:

- The automaton (Aho-Corasick over byte n-grams of at most `MAX_DEPTH` bytes, which a test
  checks) is in the state of the longest suffix of the input that is a node of its trie, so
  the state after byte i depends only on the last `MAX_DEPTH` bytes. Walking every position's
  window from the start state at once (`MAX_DEPTH` numpy gathers) gives every state of the
  byte-by-byte walk.
- The features are counted in the order they first occur (what py3langid's Counter keeps),
  so the weighted sum adds the same numbers in the same order.
- float16 weights become float32 through a 65,536-entry table (exact), not element by element.

`Classifier.load()` checks all this against py3langid itself on probe texts and returns None
when the installed py3langid differs (then `classify` uses py3langid directly). py3langid's
model is LZMA-compressed: unpacking it takes about 1 s (6 s on a busy machine) in every process
that loads it; an uncompressed copy in the cache folder (io/language_cache.py) is mapped into
memory instead, in milliseconds, and shared by all processes through the page cache.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

MAX_DEPTH = 6  # longest n-gram (bytes) of py3langid's model, checked by Classifier.load()

_PROBES = (
    "The government said on Tuesday that more than 2,000 people had been detained.",
    "Президент заявил, что в стране введён режим чрезвычайного положения.",
    "Елордада төтенше жағдай режимі енгізілді, деп хабарлады министрлік.",
    "Die Regierung erklärte am Dienstag, dass mehr als 2.000 Menschen festgenommen wurden.",
    "Le gouvernement a déclaré mardi que plus de 2 000 personnes avaient été arrêtées.",
    "政府は火曜日、2000人以上が拘束されたと発表した。",
    "ok",
    "",
)


def model_arrays(identifier: Any) -> dict[str, np.ndarray]:
    """A py3langid LanguageIdentifier's model as the arrays Classifier takes (shared where the
    types allow, not copied): `next` the automaton's rows (uint32), `rowbase` each state's row
    offset (int64), `output` each state's feature or -1 (int64), `weights` features x classes,
    `prior` per class (float32), `classes` the class codes."""
    return {
        "next": np.frombuffer(identifier.tk_nextmove, dtype=np.uint32),
        "rowbase": np.asarray(identifier._rowbase, dtype=np.int64),
        "output": np.asarray(identifier.tk_output, dtype=np.int64),
        "weights": np.asarray(identifier.nb_ptc),
        "prior": np.asarray(identifier.nb_pc),
        "classes": np.asarray(identifier.nb_classes),
    }


class Classifier:
    """py3langid's model as numpy arrays; `classify(text)` -> ISO 639-1 code."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        """`arrays`: model_arrays(py3langid's identifier), or the same read from the cache."""
        self._next = arrays["next"]
        self._rowbase = arrays["rowbase"]
        self._output = arrays["output"]
        self._weights = arrays["weights"]
        self._weights16 = self._weights.view(np.uint16) if self._weights.dtype == np.float16 else None
        self._prior = arrays["prior"]
        self._classes = [str(c) for c in arrays["classes"]]
        first: dict[str, int] = {}
        self._aliases = []  # (first column, duplicate column) of a class listed twice, as py3langid
        for index, name in enumerate(self._classes):
            if name in first:
                self._aliases.append((first[name], index))
            else:
                first.setdefault(name, index)
        self._widen = np.arange(65536, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)
        self._floor = float(np.finfo(np.float32).min)

    @classmethod
    def load(cls) -> Classifier | None:
        """The classifier from the uncompressed copy of py3langid's model in the cache folder
        (io/language_cache.py), made there the first time: from py3langid's own model, checked
        against py3langid on probe texts. None when the model does not have the expected shape
        or a probe is classified differently (a changed py3langid): then use py3langid itself."""
        from kzt_annotator.io import language_cache

        cached = language_cache.read()
        if cached is not None:
            return cls(cached)
        from py3langid import langid

        try:
            identifier = langid._get_identifier()
            if identifier._norm_probs or identifier.min_confidence is not None:
                return None
            arrays = model_arrays(identifier)
            classifier = cls(arrays)
            if classifier._aliases != list(identifier._alias_pairs):
                return None
            for probe in _PROBES:
                if classifier._scores(probe).tolist() != identifier._decide(probe).tolist():
                    return None
        except (AttributeError, TypeError, ValueError):
            return None
        language_cache.write(arrays)
        return classifier

    def deepest_state(self) -> int:
        """The length of the longest byte string the automaton needs to reach any of its states
        (breadth first from the start state; a second or more: tests check MAX_DEPTH with it)."""
        seen = np.zeros(len(self._rowbase), dtype=bool)
        seen[0] = True
        frontier, depth = np.array([0]), 0
        while frontier.size:
            rows = np.unique(self._rowbase[frontier])
            targets = np.unique(self._next[(rows[:, None] + np.arange(256)).ravel()])
            frontier = targets[~seen[targets]]
            seen[frontier] = True
            depth += 1 if frontier.size else 0
        return depth

    def _encode(self, text: str) -> bytes:
        """py3langid's input normalisation: upper-case text lower-cased, NFC, UTF-8."""
        if text.isupper():
            text = text.lower()
        return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")

    def _scores(self, text: str) -> np.ndarray:
        """Per-class scores exactly as py3langid's `_decide` gives them (raw, not normalised)."""
        data = np.frombuffer(self._encode(text), dtype=np.uint8).astype(np.int64)
        size = len(data)
        states = np.zeros(size, dtype=np.int64)
        for back in range(MAX_DEPTH - 1, -1, -1):  # walk each position's last MAX_DEPTH bytes
            if back < size:
                tail = states[back:]
                states[back:] = self._next[self._rowbase[tail] + data[: size - back]]
        features = self._output[states]
        features = features[features >= 0]
        if features.size == 0:
            scores = np.full(len(self._classes), self._floor, dtype=np.float32)
        else:
            found, first, counts = np.unique(features, return_index=True, return_counts=True)
            order = np.argsort(first, kind="stable")
            rows = found[order]
            if self._weights16 is not None:
                weights = np.take(self._widen, self._weights16[rows], mode="clip")
            else:
                weights = self._weights[rows]
            scores = np.log1p(counts[order].astype(np.float32)) @ weights + self._prior
        for keep, alias in self._aliases:
            scores[keep] = max(scores[keep], scores[alias])
            scores[alias] = self._floor  # py3langid's RAW_FLOOR
        return scores

    def classify(self, text: str) -> str:
        """The language code py3langid.classify(text) gives."""
        return str(self._classes[int(self._scores(text).argmax())])
