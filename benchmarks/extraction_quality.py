"""Suggestion quality against the hand annotations in tests/fixtures/extraction_gold/.

    .venv/bin/python -m benchmarks.extraction_quality [--misses]

Prints, for the sample articles and the held-out articles, recall, precision and attribute
accuracy per kind and per article, and the metadata (date, outlet, language) found per article.
Suggestions are computed as the reader shows them: on the whole text, without those starting in
boilerplate lines. `--misses` also lists missed, wrong and spurious items.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "extraction_gold"
SETS = {"samples": GOLD / "samples.json", "held-out": GOLD / "heldout.json"}

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kzt_annotator.core.evaluation import Score, score, total  # noqa: E402
from kzt_annotator.core.suggest import suggest_attributions, suggest_figures  # noqa: E402
from kzt_annotator.io.metadata import infer_metadata  # noqa: E402


@dataclass
class ArticleResult:
    key: str
    figures: Score
    attributions: Score
    metadata: dict[str, tuple[Any, Any]]  # field -> (expected, found)


def load(name: str) -> dict[str, Any]:
    return json.loads(SETS[name].read_text(encoding="utf-8"))


def article_text(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


def visible(found: list[Any], ranges: Any) -> list[Any]:
    """Suggestions not starting in a boilerplate range (what the reader offers)."""
    return [s for s in found if not any(r.start <= s.start < r.end for r in ranges)]


def evaluate(name: str) -> list[ArticleResult]:
    data = load(name)
    out: list[ArticleResult] = []
    for key, relative in data["articles"].items():
        text = article_text(relative)
        meta = infer_metadata(text)
        ranges = meta.boilerplate

        figs = visible(suggest_figures(text, meta.language), ranges)
        atts = visible(suggest_attributions(text), ranges)
        gold_f = [f for f in data["figures"] if f["article"] == key]
        gold_a = [a for a in data["attributions"] if a["article"] == key]
        expected = data.get("metadata", {}).get(key, {})
        found_meta = {
            "published": meta.published.isoformat() if getattr(meta, "published", None) else None,
            "outlet": meta.outlet,
            "language": meta.language,
        }
        out.append(
            ArticleResult(
                key,
                score(gold_f, figs, "figure"),
                score(gold_a, atts, "attribution"),
                {k: (expected.get(k), found_meta[k]) for k in found_meta},
            )
        )
    return out


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def row(label: str, s: Score) -> str:
    return (
        f"| {label} | {pct(s.recall)} ({s.matched}/{s.gold}) | {pct(s.precision)} ({s.matched}/{s.proposed}) "
        f"| {pct(s.accuracy)} ({s.attribute_right}/{s.matched}) |"
    )


def report(name: str, results: list[ArticleResult], misses: bool = False) -> str:
    data = load(name)
    lines = [f"### {name} (tuned on: {', '.join(data.get('tuned_on', [])) or 'none'})", ""]
    for kind, label in (("figures", "value+qualifier right"), ("attributions", "speaker right")):
        lines += [f"| {kind} | recall | precision | {label} |", "|---|---|---|---|"]
        for r in results:
            lines.append(row(r.key, getattr(r, kind)))
        lines.append(row("**all**", total(getattr(r, kind) for r in results)))
        lines.append("")
    lines += [
        "| article | date (expected / found) | outlet (expected / found) | language |",
        "|---|---|---|---|",
    ]
    for r in results:
        m = r.metadata
        lines.append(
            f"| {r.key} | {m['published'][0]} / {m['published'][1]} | {m['outlet'][0]} / {m['outlet'][1]} "
            f"| {m['language'][0]} / {m['language'][1]} |"
        )
    if misses:
        for r in results:
            for kind in ("figures", "attributions"):
                s: Score = getattr(r, kind)
                for g in s.misses:
                    lines.append(
                        f"MISS {r.key} {kind}: {g['text'][:70]!r} ({g.get('speaker') or g.get('value')})"
                    )
                for g, sug in s.wrong:
                    got = sug.attributes
                    lines.append(
                        f"WRONG {r.key} {kind}: {g['text'][:50]!r} gold={g.get('speaker') or (g.get('value'), g.get('qualifier'))} got={getattr(got, 'speaker', None) or (getattr(got, 'value', None), getattr(got, 'qualifier', None))}"
                    )
                for sug in s.spurious:
                    lines.append(f"EXTRA {r.key} {kind}: {sug.text[:70]!r}")
    return "\n".join(lines)


def main() -> int:
    show = "--misses" in sys.argv
    for name in SETS:
        print(report(name, evaluate(name), show))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
