"""Every suggestion for every article text in the fixtures and for seeded synthetic texts is the
recorded one (a differential golden file, recorded before the finders were tuned for speed).

Covers more than test_suggestions_golden.py: all article texts under tests/fixtures (the sample
corpus, the held-out gold articles, the brat sample news, the exports' article files) read with
no language and as German (decimal commas), the 300,000-character benchmark article, smaller
seeded articles, and "stress" texts built from pieces that hit each rule of the figure and
attribution finders (dates, ages, clock times, ordinals, ratios, fractions, ranges, currencies,
case variants and letters that fold case: "ſ", the Kelvin sign, "İ"; quotations of every mark,
cues, appositives). The generated texts are stored in the golden file, so the check does not
depend on the generators staying the same.

Regenerate (only when a rule is meant to change): `KZT_REGOLD=1 pytest tests/core/test_suggestions_differential.py`.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import asdict
from pathlib import Path

import pytest

from benchmarks.corpus import article
from kzt_annotator.core.suggest import Suggestion, suggest_attributions, suggest_figures

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLDEN = FIXTURES / "suggestions" / "differential.json.gz"
FIXTURE_TEXTS = ("corpus", "extraction_gold/heldout", "external/brat-sample/news", "exports")

STRESS_PIECES = (
    "15,000",
    "1.500",
    "4 404",
    "3,5",
    "3.5m",
    "$5bn",
    "US$3",
    "USD 5",
    "KZT 100",
    "€20",
    "£7",
    "₸1,000",
    "one hundred and twenty",
    "twenty-one",
    "a dozen",
    "dozens of",
    "hundreds of",
    "thousands",
    "several",
    "twice",
    "Twice as",
    "double standards",
    "double-digit",
    "half",
    "the western half of",
    "tripled",
    "3-fold",
    "tenfold",
    "three times",
    "between 5 and 10",
    "between two and three",
    "20-30",
    "20 – 30",
    "two in five",
    "a third",
    "three quarters",
    "19 out of 225",
    "10 percent",
    "5%",
    "40 per cent",
    "1,5 Millionen",
    "2 Mrd.",
    "January 5",
    "5 January",
    "Jan. 5, 2022",
    "on Dec 16",
    "aged 45",
    "81-year-old",
    "10-minute",
    "10:30",
    "5 am",
    "at 7 p.m.",
    "1st",
    "22nd",
    "+7 701",
    "2021",
    "1986",
    "one of them",
    "the one",
    "no one",
    "30 years ago",
    "three decades",
    "19 of whom were",
    "of them",
    "more than",
    "at least",
    "up to",
    "about",
    "nearly",
    "as many as",
    "no fewer than",
    "an estimated",
    "people",
    "protesters",
    "security officers",
    "armed criminals",
    "“armed criminals”",
    "soldiers",
    "troops",
    "servicemen",
    "police",
    "vehicles",
    "homes",
    "tenge",
    "dollars",
    "prices",
    "LPG prices",
    "were killed",
    "died",
    "death toll",
    "injured",
    "were wounded",
    "hospitalised",
    "detained",
    "were arrested",
    "in custody",
    "evacuated",
    "fled",
    "missing",
    "the CSTO",
    "peacekeepers",
    "said",
    "says",
    "told Reuters",
    "told the newspaper «Vlast»",
    "according to",
    "According to police",
    "according to the Associated Press",
    "he said",
    "she told AFP",
    "the ministry said",
    "added",
    "warned",
    "denied",
    "called on",
    "reported that",
    "announced that",
    "has made it clear that",
    "Interior Minister Erlan Turgumbayev",
    "President Kassym-Jomart Tokayev",
    "the Interior Ministry",
    "Tokayev",
    "a police spokesman",
    "the president",
    "the group",
    "it",
    "they",
    "Sen. Jane Doe, D-Mass.,",
    "Dr. Asanova",
    "the U.S. Agency",
    "(CSTO)",
    "(FDP)",
    "who fled to Kiev",
    ",",
    ", ",
    ".",
    ". ",
    "; ",
    ": ",
    " — ",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    "(",
    ")",
    "\n",
    "\n\n",
    "ſix",
    "ſeven",
    "ſeveral",
    "thouſands",
    "doſe",
    "\u212aZT 5",
    "İstanbul",
    "İKİ",
    "ǅ",
    "ﬁfty",
    "SEVEN",
    "Dozens",
    "HALF",
    "Between",
    "A",
    "An",
    "ONE",
    "the",
    "in",
    "on",
    "and",
    "but",
    "while",
)


SPEAKERS = (
    "Tokayev",
    "the Interior Ministry",
    "Interior Minister Erlan Turgumbayev",
    "a police spokesman",
    "the president",
    "he",
    "she",
    "they",
    "the group",
    "local activists",
    "Gulnara Asanova",
    "ministry spokeswoman Gulnara Asanova",
    "Dr. Asanova",
    "the mayor",
    "Federal Justice Minister Marco Buschmann (FDP)",
)
TEMPLATES = (
    "{clause}, {who} said.",
    "“{clause},” {who} {verb}.",
    "{Who} {verb} {clause}.",
    "According to {who}, {clause}.",
    "{Who}, a Kazakh political activist who fled to Kiev, said that {clause}.",
    "{Who} told Reuters: “{clause}.”",
    "{clause}, said {who} on Deutschlandfunk.",
    "{Clause}.",
    "“{clause}.”",
    "{Clause}, according to {who}.",
)
VERBS = (
    "said",
    "says",
    "told AFP",
    "added",
    "warned",
    "denied",
    "claimed",
    "reported",
    "announced that",
    "called on",
)


def _piece(rng: random.Random) -> str:
    piece = rng.choice(STRESS_PIECES)
    roll = rng.random()
    if roll < 0.05:
        return piece.upper()
    return piece.title() if roll < 0.1 else piece


def _stress(seed: int, pieces: int) -> str:
    """Pieces joined by spaces (sometimes none), some upper- or title-cased."""
    rng = random.Random(seed)
    return "".join(_piece(rng) + ("" if rng.random() < 0.08 else " ") for _ in range(pieces))


def _stress_sentences(seed: int, sentences: int) -> str:
    """Attribution templates whose clauses are 3-12 stress pieces, in paragraphs of 1-4 sentences."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(sentences):
        clause = " ".join(_piece(rng) for _ in range(rng.randint(3, 12)))
        who = rng.choice(SPEAKERS)
        sentence = rng.choice(TEMPLATES).format(
            clause=clause,
            Clause=clause[:1].upper() + clause[1:],
            who=who,
            Who=who[:1].upper() + who[1:],
            verb=rng.choice(VERBS),
        )
        out.append(sentence + ("\n\n" if rng.random() < 0.3 else " "))
    return "".join(out)


def _texts() -> dict[str, tuple[str, str | None]]:
    """name -> (text, language) for the generated texts."""
    out: dict[str, tuple[str, str | None]] = {
        "synthetic-300000": (article(random.Random(1), 300_000), None),
        "synthetic-20000-de": (article(random.Random(5), 20_000), "de"),
    }
    for seed in (2, 3, 4):
        out[f"synthetic-{seed}-30000"] = (article(random.Random(seed), 30_000), None)
    for seed in range(8):
        out[f"stress-{seed}"] = (_stress(seed, 1500), "de" if seed % 3 == 2 else None)
        out[f"stress-sentences-{seed}"] = (_stress_sentences(seed, 250), "de" if seed % 3 == 1 else None)
    return out


def _fixture_texts() -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for folder in FIXTURE_TEXTS:
        for path in sorted((FIXTURES / folder).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for language in (None, "de"):
                out[f"{folder}/{path.name}:{language}"] = (text, language)
    return out


def _record(s: Suggestion) -> list:
    attributes = {k: v for k, v in asdict(s.attributes).items() if v is not None}
    return [str(s.kind), s.start, s.end, s.text, attributes, list(s.cue) if s.cue else None, s.via]


def _suggestions(text: str, language: str | None) -> list:
    found = suggest_figures(text, language) + suggest_attributions(text)
    return json.loads(json.dumps([_record(s) for s in found], default=str))


def _golden() -> dict:
    if os.environ.get("KZT_REGOLD") and not getattr(_golden, "written", False):
        generated = _texts()
        data = {
            "generated": {name: [text, lang] for name, (text, lang) in generated.items()},
            "suggestions": {
                name: _suggestions(text, lang)
                for name, (text, lang) in {**_fixture_texts(), **generated}.items()
            },
        }
        GOLDEN.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), mtime=0))
        _golden.written = True  # type: ignore[attr-defined]
    return json.loads(gzip.decompress(GOLDEN.read_bytes()))


GOLD = _golden()
ALL = {**_fixture_texts(), **{name: (text, lang) for name, (text, lang) in GOLD["generated"].items()}}


def test_golden_file_covers_every_text():
    assert sorted(GOLD["suggestions"]) == sorted(ALL)
    assert len(_fixture_texts()) >= 40
    assert sum(len(v) for v in GOLD["suggestions"].values()) > 3000


@pytest.mark.parametrize("name", sorted(ALL))
def test_suggestions_are_the_recorded_ones(name):
    text, language = ALL[name]
    assert _suggestions(text, language) == GOLD["suggestions"][name]
