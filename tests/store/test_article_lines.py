"""The article list's compact read: what each line holds, ids, chunks, and what lines share."""

from __future__ import annotations

from datetime import date

from kzt_annotator.core.article_edits import MetaEdit
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import ArticleLine, NewArticle
from kzt_annotator.core.variables import Variable, VariableType
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.store import repo_article_lines


def _project(repo, count: int = 5) -> list[int]:
    repo.add_articles(
        [
            NewArticle(
                text=f"Text number {i}.", title=f"Title {i}", source_file=f"a{i}.txt", outlet="Reuters"
            )
            for i in range(count)
        ]
    )
    ids = [s.id for s in repo.article_summaries()]
    repo.add_variable(Variable("country", VariableType.TEXT))
    repo.add_variable(Variable("ownership", VariableType.TEXT))
    repo.write_metadata(
        [
            MetaEdit(ids[1], {"published": date(2022, 1, 5), "memo": "check"}, {"ownership": "state"}),
        ]
    )
    first = repo.article(ids[1])
    repo.add_annotation(new_annotation(first, Kind.FIGURE, 0, 4, "alice"))
    repo.add_annotation(new_annotation(first, Kind.FIGURE, 5, 11, "alice"))
    repo.add_annotation(new_annotation(first, Kind.CLAIM, 0, 11, "alice"))
    return ids


def test_a_line_holds_what_the_list_shows_in_the_order_it_was_read_with(repo):
    ids = _project(repo)
    lines, kinds, variables = repo.article_lines()
    assert [line.id for line in lines] == ids
    assert variables == ("country", "ownership")
    assert kinds[:3] == ("claim", "attribution", "figure")
    line = lines[1]
    assert isinstance(line, ArticleLine)
    assert (line.title, line.outlet, line.published, line.syndication_group) == (
        "Title 1",
        "Reuters",
        date(2022, 1, 5),
        None,
    )
    # what only the tooltip shows is read for one article when asked for
    assert repo.article_details(ids[1]) == ("a1.txt", len("Text number 1."), "check")
    assert repo.article_details(ids[0]).memo == "" and repo.article_details(999_999) is None
    assert dict(zip(kinds, line.counts, strict=True))["figure"] == 2
    assert dict(zip(kinds, line.counts, strict=True))["claim"] == 1
    assert line.variables == ("", "state")
    summary = repo.article_summary(ids[1])  # the same figures as the full summary
    assert summary.counts == dict(zip(kinds, line.counts, strict=True))
    assert summary.variables == {"ownership": "state"}


def test_articles_without_annotations_or_values_share_one_tuple_each(repo):
    ids = _project(repo)
    lines, kinds, variables = repo.article_lines()
    plain = [line for line in lines if line.id != ids[1]]
    assert len({id(line.counts) for line in plain}) == 1 and plain[0].counts == (0,) * len(kinds)
    assert len({id(line.variables) for line in plain}) == 1 and plain[0].variables == ("", "")
    assert len({id(line.outlet) for line in lines}) == 1  # one "Reuters" string for all five


def test_some_ids_in_chunks_missing_ones_left_out(repo, monkeypatch):
    ids = _project(repo, count=7)
    monkeypatch.setattr(repo_article_lines, "CHUNK", 2)
    monkeypatch.setattr(repo_article_lines, "ID_CHUNK", 3)
    assert [line.id for line in repo.article_lines()[0]] == ids
    wanted = [ids[6], ids[1], ids[3], 999_999, ids[0]]
    lines, _kinds, variables = repo.article_lines(wanted)
    assert [line.id for line in lines] == sorted([ids[6], ids[1], ids[3], ids[0]])
    assert variables == ("country", "ownership")
    assert repo.article_lines([]) == ([], repo.article_lines()[1], ("country", "ownership"))


def test_a_whole_table_read_keeps_a_small_page_cache_and_puts_the_size_back(repo):
    from sqlalchemy import text

    from kzt_annotator.store.engine import SCAN_CACHE_KIB, one_pass

    _project(repo)
    with repo.engine.connect() as connection:
        before = connection.execute(text("PRAGMA cache_size")).scalar()
        with one_pass(connection):
            assert connection.execute(text("PRAGMA cache_size")).scalar() == -SCAN_CACHE_KIB
            assert len(connection.execute(text("SELECT id, title FROM articles")).all()) == 5
        assert connection.execute(text("PRAGMA cache_size")).scalar() == before
    repo.article_lines(), repo.syndication_sources()  # both read with one_pass
    with repo.engine.connect() as connection:  # the pooled connections keep their own size
        assert connection.execute(text("PRAGMA cache_size")).scalar() == before
