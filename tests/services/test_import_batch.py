"""The import's write: the articles of an import in a few INSERT statements (up to 1,000 rows
each, or one executemany where the database has no RETURNING), rows that read back exactly as the
import returned them."""

import pytest

from kzt_annotator.services.importing import import_paths
from tests.conftest import CORPUS, FIXTURES
from tests.store.insert_counter import inserts_into


def test_an_import_stores_its_articles_in_one_multi_row_insert(repo):
    """One statement for up to 1,000 articles: the full-text trigger costs far less per row
    inside one statement than in one statement per row (an executemany)."""
    assert repo.engine.dialect.insert_returning  # SQLite 3.35 or later
    seen = inserts_into(repo, "articles")
    report = import_paths(repo, [CORPUS, FIXTURES / "exports" / "syndication.txt"])
    assert len(report.imported) > 5
    assert seen == [("multi-row", len(report.imported))]


def test_without_returning_the_articles_go_in_one_executemany(repo):
    repo.engine.dialect.insert_returning = False  # as on SQLite before 3.35
    seen = inserts_into(repo, "articles")
    report = import_paths(repo, [CORPUS, FIXTURES / "exports" / "syndication.txt"])
    assert seen == [("executemany", len(report.imported))]
    assert [repo.article(a.id) for a in report.imported] == report.imported


@pytest.mark.parametrize("returning", [True, False])
def test_stored_rows_read_back_as_the_import_returned_them(repo, returning):
    repo.engine.dialect.insert_returning = returning
    report = import_paths(repo, [CORPUS, FIXTURES / "exports"])
    assert len(report.imported) > 10
    for article in report.imported:
        assert repo.article(article.id) == article
    assert {s.id: s.syndication_group for s in repo.article_summaries()} == {
        a.id: a.syndication_group for a in report.imported
    }
    assert any(a.syndication_group for a in report.imported)  # the exports hold a wire copy


def test_over_a_thousand_articles_go_in_statements_of_a_thousand_rows(repo):
    """Each id belongs to its own article across the statements (RETURNING gives no order)."""
    from kzt_annotator.core.model import NewArticle

    seen = inserts_into(repo, "articles")
    new = [
        NewArticle(text=f"Article number {i} of the batch.", title=f"t{i}", source_file=f"{i}.txt")
        for i in range(1201)
    ]
    added, duplicates = repo.add_articles(new)
    assert seen == [("multi-row", 1000), ("multi-row", 201)]
    assert duplicates == []
    assert [a.title for a in added] == [f"t{i}" for i in range(1201)]
    assert all(repo.article(a.id).text == f"Article number {a.title[1:]} of the batch." for a in added[::97])
