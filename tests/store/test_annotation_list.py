"""An article's annotations: spans at once, full rows fetched a page at a time when touched."""

from __future__ import annotations

import sqlite3

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.store.annotation_list import PAGE
from kzt_annotator.store.repository import AnnotationFilter


def tag_many(repo, article, count):
    for i in range(count):
        annotating.annotate(
            repo, annotating.new_annotation(article, Kind.CLAIM, i, i + 5, "tester", {"claim_key": f"k{i}"})
        )


def test_the_lazy_list_equals_the_plain_read_and_fetches_only_what_is_touched(corpus_repo):
    article = corpus_repo.article(1)
    tag_many(corpus_repo, article, PAGE + 50)
    lazy = corpus_repo.article_annotations(article.id)
    fetched: list[int] = []
    real_fetch = lazy._fetch
    lazy._fetch = lambda ids: fetched.append(len(ids)) or real_fetch(ids)
    assert [s[3] for s in lazy.spans()] == lazy.ids()
    assert fetched == []  # spans and ids come without fetching
    assert lazy[PAGE + 10].attributes.claim_key is not None
    assert fetched == [40]  # that row and the unfetched rows after it
    plain = corpus_repo.annotations(AnnotationFilter(article_id=article.id))
    assert list(lazy) == plain
    assert sum(fetched) == len(plain)  # every row fetched once


def test_a_row_deleted_elsewhere_shows_as_a_placeholder_until_the_next_read(corpus_repo, db_path):
    article = corpus_repo.article(1)
    tag_many(corpus_repo, article, 3)
    lazy = corpus_repo.article_annotations(article.id)
    gone = lazy.ids()[1]
    with sqlite3.connect(db_path) as other:
        other.execute("delete from annotations where id = ?", (gone,))
    assert lazy[1].id == gone and "deleted elsewhere" in lazy[1].note
    assert gone not in corpus_repo.article_annotations(article.id).ids()
