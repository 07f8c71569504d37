"""Revised articles: annotations follow their quotes; what is gone is orphaned, never deleted."""

from __future__ import annotations

import random

from kzt_annotator.services import annotating
from kzt_annotator.services.revision import reanchor_all, replace_text
from kzt_annotator.services.suggestions import suggestions_for
from tests.figures_fixture import article_for, tag_corpus_figures


def test_replace_text_moves_annotations_and_orphans_the_lost(corpus_repo, tmp_path):
    ids = tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    revised = "Editor's note: this story was updated on Saturday.\n\n" + article.text
    revised = revised.replace("One officer reportedly was beheaded. ", "")
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    result = replace_text(corpus_repo, str(article.id), path)
    assert [a.text for a in result.orphaned] == ["One officer"]
    new = corpus_repo.article(article.id)
    for annotation in corpus_repo.annotations():
        if annotation.article_id != article.id:
            continue
        if annotation.id == ids["002:One officer"]:
            assert annotation.orphaned
        else:
            assert new.text[annotation.start : annotation.end] == annotation.text and not annotation.orphaned


def _revise(text: str, rng: random.Random) -> str:
    """Simulated editing: inserted paragraphs, an edited sentence, typo fixes."""
    paragraphs = text.split("\n\n")
    for _ in range(3):
        paragraphs.insert(
            rng.randrange(len(paragraphs) + 1), "An inserted paragraph with fresh reporting, said an editor."
        )
    text = "\n\n".join(paragraphs)
    for wrong, right in (("Kazakhstan’s", "Kazakhstan's"), ("protestors", "protesters"), (" ,", ",")):
        text = text.replace(wrong, right, 1)
    sentences = text.split(". ")
    i = rng.randrange(len(sentences))
    sentences[i] = sentences[i] + " (corrected)"
    return ". ".join(sentences)


def test_reanchoring_share_over_simulated_revisions(corpus_repo, capsys):
    rng = random.Random(7)
    placed = total = 0
    for summary in corpus_repo.article_summaries():
        article = corpus_repo.article(summary.id)
        for s in suggestions_for(corpus_repo, article):
            annotating.annotate(
                corpus_repo, annotating.new_annotation(article, s.kind, s.start, s.end, "t", s.attributes)
            )
        annotations = [a for a in corpus_repo.annotations() if a.article_id == article.id]
        for _trial in range(5):
            revised = _revise(article.text, rng)
            updated, _ = reanchor_all(article.text, revised, annotations)
            for old, new in zip(annotations, updated, strict=True):
                if old.text not in revised:
                    continue  # the quote itself is gone: orphaning is right
                total += 1
                if not new.orphaned and revised[new.start : new.end] == old.text:
                    placed += 1
    share = placed / total
    with capsys.disabled():
        print(f"\nre-anchoring: {share:.2%} of {total} annotations whose quote still exists")
    assert total > 300 and share >= 0.99
