"""Full-text search through the index: phrases, prefixes, boolean operators, keyword in context,
annotation attributes; the index follows inserts, edits and deletes (database triggers)."""

from __future__ import annotations

import sqlite3

import pytest

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import NewArticle
from kzt_annotator.services import annotating
from kzt_annotator.services.search import search, search_corpus
from kzt_annotator.store.search_index import TRIGGER_NAMES

TEXTS = [
    ("Troops", "Up to 15,000 soldiers arrived in Almaty. Officials said the state of emergency holds."),
    ("Detentions", "Police detained 4,404 people. Detainees were taken to Almaty courts."),
    ("Peacekeepers", "CSTO peacekeepers, 2,500 troops, left Kazakhstan on Thursday."),
]


@pytest.fixture
def articles(repo):
    added, _ = repo.add_articles(
        [
            NewArticle(text=t, title=title, source_file=f"{i}.txt", outlet="Wire")
            for i, (title, t) in enumerate(TEXTS)
        ]
    )
    return added


def spans(hits):
    return [(h.article_id, h.match) for h in hits]


def test_words_phrases_prefixes_and_operators(repo, articles):
    a, b, c = (x.id for x in articles)
    assert spans(search(repo, "almaty")) == [(a, "Almaty"), (b, "Almaty")]
    assert spans(search(repo, '"state of emergency"')) == [(a, "state of emergency")]
    assert spans(search(repo, '"emergency of state"')) == []
    assert spans(search(repo, "detain*")) == [(b, "detained"), (b, "Detainees")]
    assert spans(search(repo, "troops OR soldiers")) == [(a, "soldiers"), (c, "troops")]
    assert spans(search(repo, "Almaty NOT police")) == [(a, "Almaty")]
    assert spans(search(repo, "(soldiers OR troops) AND CSTO")) == [(c, "CSTO"), (c, "troops")]
    assert spans(search(repo, "2,500")) == [(c, "2,500")]


def test_a_hit_is_a_keyword_in_context_with_its_offsets(repo, articles):
    [hit] = search(repo, '"state of emergency"')
    article = repo.article(hit.article_id)
    assert article.text[hit.start : hit.end] == "state of emergency"
    assert hit.before.endswith("Officials said the") and hit.after == "holds."
    assert hit.snippet == f"{hit.before} state of emergency {hit.after}"


def test_an_accent_folded_match_has_the_offsets_of_the_accented_word(repo):
    """The index finds "Café" for "cafe"; the hit must point at it (it said 0-0 and showed the
    whole text), and the words around it keep the text's spacing (no space before a comma)."""
    text = "Café owners said 40 people were hurt, Tokayev, the president, said."
    [article], _ = repo.add_articles([NewArticle(text=text, title="Cafés", source_file="c.txt")])
    [hit] = search(repo, "cafe")
    assert (hit.start, hit.end, hit.match) == (0, 4, "Café") and text[hit.start : hit.end] == "Café"
    [hit] = search(repo, "tokayev")
    assert text[hit.start : hit.end] == "Tokayev"
    assert hit.in_context("[", "]") == "Café owners said 40 people were hurt, [Tokayev], the president, said."
    assert hit.snippet == hit.in_context()


def test_annotation_attributes_and_notes_are_searched_and_follow_edits(repo, articles):
    article = repo.article(articles[2].id)
    start = article.text.index("2,500 troops")
    saved = annotating.annotate(
        repo,
        annotating.new_annotation(
            article, Kind.FIGURE, start, start + 12, "tester", {"quantity": "peacekeepers", "value": "2500"}
        ),
    )
    [hit] = [h for h in search(repo, "peacekeep*") if h.annotation_id]
    assert (hit.annotation_id, hit.start, hit.end) == (saved.id, start, start + 12)
    assert hit.title == article.title  # looked up for the annotations' articles only
    assert repo.article_titles([article.id, 999]) == {article.id: article.title}
    assert [h.annotation_id for h in search(repo, "2500")] == [saved.id]
    annotating.edit(repo, saved.id, note="counted by the ministry")
    assert [h.annotation_id for h in search(repo, "ministry")] == [saved.id]
    annotating.delete(repo, saved.id)
    assert not [h for h in search(repo, "ministry OR 2500") if h.annotation_id]


def test_the_index_follows_deleted_articles_and_new_text(repo, articles, db_path):
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE articles SET text = 'Nothing about soldiers here.' WHERE id = ?", (articles[0].id,)
        )
        connection.execute("DELETE FROM articles WHERE id = ?", (articles[1].id,))
    connection.close()
    assert spans(search(repo, "almaty")) == []
    assert spans(search(repo, "soldiers")) == [(articles[0].id, "soldiers")]


def test_counts_and_a_malformed_query(repo, articles):
    results = search_corpus(repo, "almaty OR troops")
    assert results.articles == 3 and len(results.hits) == 3
    with pytest.raises(InvalidInput, match="ends with an operator"):
        search_corpus(repo, "almaty AND")
    assert search(repo, "   ") == []


def test_the_triggers_exist_at_head(repo, db_path):
    connection = sqlite3.connect(db_path)
    names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    connection.close()
    assert set(TRIGGER_NAMES) <= names, "a migration rebuilt a table: call search_index.create again"


def test_a_project_kind_and_its_text_and_number_fields_are_searched(repo, articles):
    from kzt_annotator.services.schema_admin import add_kind

    add_kind(repo, "frame", ["frame_type:category=economic,security", "summary:text", "weight:number"])
    article = repo.article(articles[0].id)
    saved = annotating.annotate(
        repo,
        annotating.new_annotation(
            article,
            "frame",
            0,
            9,
            "tester",
            {"frame_type": "security", "summary": "deployment of soldiers", "weight": "7"},
            schema=repo.schema(),
        ),
    )
    for query in ("security", "deploy*", "7"):
        hits = [h for h in search(repo, query) if h.annotation_id]
        assert [h.annotation_id for h in hits] == [saved.id], query
    assert hits[0].snippet.startswith("[frame] ")


def test_a_project_migrated_from_the_previous_revision_is_indexed(tmp_path):
    import shutil
    from pathlib import Path

    from kzt_annotator.store.repository import open_repository

    fixtures = Path(__file__).parents[1] / "store" / "fixtures"
    path = tmp_path / "old.sqlite"
    shutil.copy(max(fixtures.glob("schema_*.sqlite")), path)
    repo = open_repository(path)
    try:
        # the annotation (its unit attribute) first, then the article's text
        assert spans(search(repo, "paratroopers")) == [(1, "2,500 paratroopers"), (1, "paratroopers")]
        assert [h.annotation_id for h in search(repo, "troops") if h.annotation_id] == [
            "11111111-2222-3333-4444-555555555555"
        ]
    finally:
        repo.close()


def test_deleting_articles_and_undoing_it_keeps_the_index_right(repo, articles):
    from kzt_annotator.services import metadata

    article = repo.article(articles[2].id)
    start = article.text.index("2,500 troops")
    saved = annotating.annotate(
        repo,
        annotating.new_annotation(
            article, Kind.FIGURE, start, start + 12, "tester", {"quantity": "peacekeepers"}
        ),
    )
    command = metadata.delete_command(repo, [article.id])
    command.do(repo)
    assert search(repo, "CSTO OR peacekeep*") == []
    command.undo(repo)
    assert [h.annotation_id for h in search(repo, "peacekeep*") if h.annotation_id] == [saved.id]
    assert spans(search(repo, "CSTO")) == [(article.id, "CSTO")]
