"""Adding many annotations is a few multi-row inserts, not one statement per annotation
(store/bulk_insert.py); one tag stays one plain INSERT; where SQLite has no RETURNING, one
executemany. Rows read back as they were returned.

On PostgreSQL a statement per annotation was one round trip each: 2,000 annotations took 12.7 s
against a local server, 2.2 s as one executemany (annotate --from-file, annotation imports). On
SQLite an executemany is one statement per row, each firing the full-text trigger in a statement
of its own: 10,000 annotations took 0.47 s that way, 0.33 s in statements of 1,000 rows."""

from __future__ import annotations

import sqlite3

import pytest

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from tests.store.insert_counter import inserts_into


def many_annotations(repo, count: int):
    """`count` figure annotations by two annotators (one of them new) over the first article."""
    article = repo.article(repo.article_summaries()[0].id)
    return [
        annotating.new_annotation(
            article, Kind.FIGURE, i % 3000, i % 3000 + 5, ("alice", "carol")[i % 2], {"value": str(i)}
        )
        for i in range(count)
    ]


def check_batched(repo) -> None:
    anns = many_annotations(repo, 300)
    inserts = inserts_into(repo, "annotations")
    saved = repo.add_annotations(anns)
    assert inserts == [("multi-row", 300)]
    assert [a.id for a in saved] == [a.id for a in anns]
    stored = repo.annotations_by_ids([a.id for a in anns])
    by_id = {a.id: a for a in stored}
    assert [by_id[a.id] for a in saved] == saved  # returned as written, annotators included
    assert {a.annotator for a in stored} == {"alice", "carol"}


def test_adding_many_annotations_is_one_multi_row_insert(corpus_repo):
    check_batched(corpus_repo)


def test_over_a_thousand_annotations_go_in_statements_of_a_thousand_rows(corpus_repo):
    anns = many_annotations(corpus_repo, 1201)
    inserts = inserts_into(corpus_repo, "annotations")
    saved = corpus_repo.add_annotations(anns)
    assert inserts == [("multi-row", 1000), ("multi-row", 201)]
    by_id = {a.id: a for a in corpus_repo.annotations_by_ids([a.id for a in anns])}
    assert [by_id[a.id] for a in saved] == saved
    with sqlite3.connect(corpus_repo.db_file) as db:  # the full-text trigger ran for every row
        assert db.execute("SELECT count(*) FROM annotation_fts WHERE body MATCH '1200'").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM annotation_fts").fetchone() == (1201,)


def test_one_tag_stays_one_plain_insert(corpus_repo):
    [ann] = many_annotations(corpus_repo, 1)
    inserts = inserts_into(corpus_repo, "annotations")
    corpus_repo.add_annotation(ann)
    assert inserts == [("one row", 1)]


@pytest.mark.parametrize("returning", [True, False])
def test_without_returning_one_executemany_stores_the_same_rows(corpus_repo, returning):
    corpus_repo.engine.dialect.insert_returning = returning  # False: as on SQLite before 3.35
    anns = many_annotations(corpus_repo, 30)
    inserts = inserts_into(corpus_repo, "annotations")
    saved = corpus_repo.add_annotations(anns)
    assert inserts == [("multi-row" if returning else "executemany", 30)]
    by_id = {a.id: a for a in corpus_repo.annotations_by_ids([a.id for a in anns])}
    assert [by_id[a.id] for a in saved] == saved
