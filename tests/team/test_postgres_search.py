"""PostgreSQL full-text search reads the stored search vectors (revision 0013), never the text.

Before 0013 the GIN indexes were built over to_tsvector(text) expressions: a phrase re-parsed
every candidate article's text, and for a common word the planner scanned the table re-parsing
every article (seconds on 2,000 articles). These tests read the plans PostgreSQL makes for the
very statements the repository runs, so they fail if a query tests an expression again.
"""

from __future__ import annotations

import json
import random
import uuid

import pytest
from alembic import command
from sqlalchemy import event, insert, text

from kzt_annotator.core.model import NewArticle
from kzt_annotator.core.search_query import parse
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.search import search_corpus
from kzt_annotator.store.engine import make_engine
from kzt_annotator.store.migrate import alembic_config, current_revision, head_revision, upgrade
from kzt_annotator.store.models import AnnotationRow
from kzt_annotator.store.repository import Repository, open_repository
from tests.team.conftest import fresh_database

pytestmark = pytest.mark.postgres  # a real server: `-m "not postgres"` leaves them out

COMMON = "government protest security forces ministry president capital city region police troops".split()
ARTICLES = 400  # enough pages that a scan and the index differ in the planner's costs


def _project(repo: Repository) -> None:
    """ARTICLES articles of common words; "curfew" in articles 5, 50 and 300, the phrase "state
    media" in 7 and 70 ("media state" in 8); five claim annotations per article, "spokesman" in two
    notes."""
    rng = random.Random(5)
    news = []
    for i in range(1, ARTICLES + 1):
        words = [rng.choice(COMMON) for _ in range(250)]
        extra = {5: "curfew", 50: "curfew", 300: "curfew", 7: "state media", 70: "state media"}
        words.insert(100, extra.get(i, "media state" if i == 8 else "troops"))
        news.append(NewArticle(text=" ".join(words) + ".", title=f"Report {i}", source_file=f"{i}.txt"))
    added, _duplicates = repo.add_articles(news)
    notes = {3: "the spokesman denied it", 90: "a spokesman confirmed"}
    repo.add_annotations([new_annotation(repo.article(1), "claim", 0, 10, "ann", {"claim_key": "k"})])
    annotator = repo.annotator("ann").id
    rows = [  # the rest in one statement: add_annotations takes a second per hundred on a busy server
        {
            "id": str(uuid.uuid4()),
            "article_id": a.id,
            "kind": "claim",
            "start": k,
            "end": k + 10,
            "text": "x" * 10,
            "attributes": {"claim_key": f"k{k}"},
            "note": notes.get(a.id, "") if k == 0 else "",
            "annotator_id": annotator,
        }
        for a in added
        for k in range(0, 50, 10)
        if (a.id, k) != (1, 0)
    ]
    with repo.engine.begin() as connection:
        connection.execute(insert(AnnotationRow), rows)
    with repo.engine.begin() as connection:
        connection.execute(text("ANALYZE articles"))
        connection.execute(text("ANALYZE annotations"))


def _plans(repo: Repository, run) -> list[str]:
    """The JSON plans PostgreSQL makes for each SELECT that `run()` sends, with its parameters and
    the settings (SET LOCAL) it made before, replayed in one transaction per session."""
    sent: list[tuple[object, str, object]] = []

    def capture(conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "SET")):
            sent.append((conn, statement, parameters))  # one Connection per session

    event.listen(repo.engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(repo.engine, "before_cursor_execute", capture)
    plans = []
    for session in dict.fromkeys(c for c, _s, _p in sent):
        with repo.engine.begin() as connection:
            for _c, statement, parameters in (x for x in sent if x[0] is session):
                if statement.upper().startswith("SET"):
                    connection.exec_driver_sql(statement, parameters)
                else:
                    explain = f"EXPLAIN (VERBOSE, FORMAT JSON) {statement}"
                    plans.append(json.dumps(connection.exec_driver_sql(explain, parameters).scalar()))
    assert plans
    return plans


@pytest.fixture(scope="module")
def repo():
    """One project for the read-only tests of this module (a database of its own)."""
    url = next(database := fresh_database())
    repo = open_repository(url)
    try:
        _project(repo)
        yield repo
    finally:
        repo.close()
        next(database, None)


@pytest.mark.parametrize("query", ["troops", '"police troops"', "secur*", "troops AND city NOT curfew"])
def test_no_search_parses_text_at_query_time(repo, query):
    plans = _plans(
        repo, lambda: (repo.search_articles(parse(query), 200), repo.search_annotations(parse(query), 500))
    )
    assert len(plans) == 3  # the count, the first articles, the annotations
    for plan in plans:
        assert "search_vector" in plan
        assert "to_tsvector" not in plan, plan  # no filter or recheck re-parses a text or a note
    if '"' not in query:  # the index answers words and prefixes exactly: no article's vector is read
        assert '"Relation Name": "articles"' in plans[0] and '"Seq Scan"' not in plans[0], plans[0]


@pytest.mark.parametrize(
    ("query", "ids"), [("curfew", [5, 50, 300]), ('"state media"', [7, 70])]
)  # a prefix scans many index entries: the planner may rightly read the table's few pages instead
def test_a_rare_word_or_phrase_is_found_through_the_gin_index(repo, query, ids):
    found: list = []
    plans = _plans(repo, lambda: found.append(repo.search_articles(parse(query), 200)))
    total, rows = found[0]
    assert (total, [r[0] for r in rows]) == (len(ids), ids)
    for plan in plans:
        assert '"Node Type": "Bitmap Index Scan"' in plan and '"ix_articles_search_vector"' in plan, plan
        assert '"Seq Scan"' not in plan


def test_annotation_notes_are_found_through_the_gin_index(repo):
    found: list = []
    plans = _plans(repo, lambda: found.append(repo.search_annotations(parse("spokesman"), 500)))
    assert [row[1] for row in found[0]] == [3, 90]
    [plan] = plans
    assert '"ix_annotations_search_vector"' in plan and '"Seq Scan"' not in plan, plan
    hits = search_corpus(repo, '"the spokesman" OR curfew')
    assert [h.article_id for h in hits.hits] == [3, 5, 50, 300] and hits.articles == 3


def test_a_project_at_0012_gets_the_vectors_and_goes_back(pg_url):
    engine = make_engine(pg_url)
    try:
        upgrade(engine, None, target="0012")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO articles (sha256, title, source_file, imported_at, chars, text, boilerplate) "
                    "VALUES ('x', 'Curfew lifted', 'a.txt', now(), 22, 'State media said so.', '[]')"
                )
            )
        upgrade(engine, None)
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            indexes = set(connection.execute(text("SELECT indexname FROM pg_indexes")).scalars())
        assert {"ix_articles_search_vector", "ix_annotations_search_vector"} <= indexes
        assert not {"ix_articles_fts", "ix_annotations_fts"} & indexes
        repo = open_repository(pg_url)
        try:
            assert repo.search_articles(parse('curfew "state media"'), 10)[0] == 1
        finally:
            repo.close()
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0012")
        with engine.connect() as connection:
            indexes = set(connection.execute(text("SELECT indexname FROM pg_indexes")).scalars())
            columns = connection.execute(
                text("SELECT count(*) FROM information_schema.columns WHERE column_name = 'search_vector'")
            ).scalar()
        assert {"ix_articles_fts", "ix_annotations_fts"} <= indexes and columns == 0
    finally:
        engine.dispose()
