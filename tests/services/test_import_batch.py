"""The import's write: every article of an import in one INSERT (one executemany), rows that
read back exactly as the import returned them."""

from sqlalchemy import event

from kzt_annotator.services.importing import import_paths
from tests.conftest import CORPUS, FIXTURES


def _article_inserts(repo) -> list[tuple[bool, int]]:
    """(executemany?, number of parameter sets) of each INSERT INTO articles the writer runs."""
    seen: list[tuple[bool, int]] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO ARTICLES "):
            seen.append((executemany, len(parameters) if executemany else 1))

    event.listen(repo.engine, "before_cursor_execute", count)  # the writer shares its events
    return seen


def test_an_import_stores_all_its_articles_in_one_insert(repo):
    seen = _article_inserts(repo)
    report = import_paths(repo, [CORPUS, FIXTURES / "exports" / "syndication.txt"])
    assert len(report.imported) > 5
    assert seen == [(True, len(report.imported))]


def test_stored_rows_read_back_as_the_import_returned_them(repo):
    report = import_paths(repo, [CORPUS, FIXTURES / "exports"])
    assert len(report.imported) > 10
    for article in report.imported:
        assert repo.article(article.id) == article
    assert {s.id: s.syndication_group for s in repo.article_summaries()} == {
        a.id: a.syndication_group for a in report.imported
    }
    assert any(a.syndication_group for a in report.imported)  # the exports hold a wire copy
