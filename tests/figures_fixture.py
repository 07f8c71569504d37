"""Load the hand-made corpus figure annotations into a repository (used by several test modules)."""

from __future__ import annotations

import json
from pathlib import Path

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating

FIXTURE = Path(__file__).parent / "fixtures" / "corpus_figures.json"


def gold() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def article_for(repo, prefix: str):
    summary = next(s for s in repo.article_summaries() if s.source_file.startswith(prefix + "_"))
    return repo.article(summary.id)


def tag_corpus_figures(repo, annotator: str = "tester") -> dict[str, str]:
    """Tag every fixture figure; returns {file:phrase -> annotation id}."""
    ids = {}
    for item in gold()["figures"]:
        article = article_for(repo, item["file"])
        start = article.text.index(item["phrase"])
        attrs = {
            k: ("" if v is None else str(v))
            for k, v in item.items()
            if k in {"quantity", "value", "qualifier", "unit", "figure_source"}
        }
        saved = annotating.annotate(
            repo,
            annotating.new_annotation(
                article, Kind.FIGURE, start, start + len(item["phrase"]), annotator, attrs
            ),
        )
        ids[f"{item['file']}:{item['phrase']}"] = saved.id
    return ids
