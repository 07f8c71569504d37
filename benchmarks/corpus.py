"""Seeded synthetic news corpus: realistic article lengths, numbers, quotes, attribution cues."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = (
    "government protest security forces ministry president capital city region officials police "
    "reported unrest demonstrators airport internet country economy prices fuel gas troops alliance "
    "opposition statement parliament curfew emergency spokesman agency witnesses residents crowd "
    "square building fire night morning week damage market currency state media"
).split()
NAMES = (
    "Tokayev",
    "the Interior Ministry",
    "Reuters",
    "a police spokesman",
    "the health ministry",
    "local activists",
    "Aigerim Sultan",
    "the mayor",
)
UNITS = ("people", "protesters", "troops", "soldiers", "officers", "vehicles", "buildings", "arrests")
QUALIFIERS = ("", "", "more than ", "up to ", "at least ", "about ", "nearly ")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    roll = rng.random()
    if roll < 0.3:
        number = f"{rng.choice(QUALIFIERS)}{rng.randint(2, 20000):,} {rng.choice(UNITS)}"
        words.insert(rng.randrange(len(words)), number)
    text = " ".join(words).capitalize() + "."
    if roll > 0.8:
        text = f"“{text}” {rng.choice(NAMES)} said."
    elif roll > 0.65:
        text = f"{rng.choice(NAMES).capitalize()} said {text[0].lower()}{text[1:]}"
    return text


def article(rng: random.Random, target_chars: int) -> str:
    paragraphs = [f"{' '.join(rng.choice(WORDS) for _ in range(7)).title()}"]
    size = len(paragraphs[0])
    while size < target_chars:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 2022, mean_chars: int = 5000) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{i:06d}.txt"
        path.write_text(article(rng, max(800, int(rng.gauss(mean_chars, mean_chars / 3)))), encoding="utf-8")
        paths.append(path)
    return paths
