"""Copies of one wire story count as one source in the discrepancy engine and in the figure index."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_annotator.cli import main
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import NewArticle
from kzt_annotator.services import annotating
from kzt_annotator.services.figures import discrepancies, discrepancy_labels, figure_groups
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository
from tests.conftest import FIXTURES
from tests.services.test_figure_index import _annotation, comparable, figure

SYNDICATION = FIXTURES / "exports" / "syndication.txt"
WIRE = " ".join(
    f"The wire story sentence {i} says that officials counted people in Almaty." for i in range(8)
)


def tag(repo, article_id: int, phrase: str, value: str) -> None:
    article = repo.article(article_id)
    start = article.text.index(phrase)
    annotating.annotate(
        repo,
        annotating.new_annotation(
            article,
            Kind.FIGURE,
            start,
            start + len(phrase),
            "tester",
            {"quantity": "detained", "value": value},
        ),
    )


def test_three_copies_of_a_wire_story_are_one_source(repo, capsys, db_path):
    import_paths(repo, [SYNDICATION])
    # The three copies carry "more than 3,000 people detained"; one copy's figure was typed
    # differently by the annotator (3,100). Between copies nothing is judged: one source.
    for article_id, value in ((1, "3000"), (2, "3000"), (3, "3100")):
        tag(repo, article_id, "3,000 people detained", value)
    [group] = discrepancies(repo)
    assert group.relation.label == "equal" and group.pairs == [] and group.syndicated == {1: [1, 2, 3]}
    [summary] = figure_groups(repo)
    assert (summary.relation.label, summary.outlets, summary.independent_sources) == ("equal", 3, 1)
    # An independent outlet's report (about 3,000) is judged against each copy's figure.
    text = repo.article(4).text
    annotating.annotate(
        repo,
        annotating.new_annotation(
            repo.article(4),
            Kind.FIGURE,
            text.index("50 tenge"),
            text.index("50 tenge") + 2,
            "tester",
            {"quantity": "detained", "value": "3000", "qualifier": "approximately"},
        ),
    )
    [group] = discrepancies(repo)
    assert group.relation.label == "compatible" and len(group.pairs) == 3
    [summary] = figure_groups(repo)
    assert (summary.relation.label, summary.independent_sources) == ("compatible", 2)
    assert main(["discrepancies", "--db", str(db_path), "--format", "json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["syndicated"] == [
        {
            "source": 1,
            "article_ids": [1, 2, 3],
            "outlets": ["The Daily Steppe", "Caspian Herald", "Capital Times"],
        }
    ]
    labels = discrepancy_labels(repo)
    assert labels[2][0] == "Caspian Herald (same story as: Capital Times, The Daily Steppe)"
    assert labels[4][0] == "Caspian Herald"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(figures=st.lists(figure, max_size=20))
def test_with_syndicated_copies_the_index_matches_the_pairwise_judgement(tmp_path_factory, figures):
    repo = open_repository(tmp_path_factory.mktemp("syn") / "p.sqlite", backup_keep=0)
    try:
        articles, _ = repo.add_articles(
            [
                NewArticle(text=f"Outlet A\n\n{WIRE}", title="A", source_file="a.txt"),
                NewArticle(text=f"Outlet B reports\n\n{WIRE}", title="B", source_file="b.txt"),
                NewArticle(text="article 2 " + "x" * 90, title="C", source_file="c.txt"),
            ]
        )
        assert repo.syndication_sources() == {articles[0].id: articles[0].id, articles[1].id: articles[0].id}
        repo.add_annotations([_annotation(articles, f) for f in figures])
        for options in ({}, {"by_date": True}, {"adjudicated_only": True}):
            full, summary = comparable(repo, **options)
            assert summary == full, options
    finally:
        repo.close()
