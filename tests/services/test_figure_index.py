"""The figure index (trigger-maintained aggregates) judges groups exactly like comparing every pair."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_annotator.core.attributes import FigureAttrs
from kzt_annotator.core.kinds import Kind, Qualifier, Status
from kzt_annotator.core.model import Annotation, NewArticle
from kzt_annotator.services.figures import discrepancies, figure_groups, group_page
from kzt_annotator.store.repository import open_repository
from tests.figures_fixture import tag_corpus_figures

QUANTITIES = ["deaths", "Deaths ", "detained", "troops"]
figure = st.fixed_dictionaries(
    {
        "article": st.integers(0, 2),
        "quantity": st.sampled_from(QUANTITIES),
        "value": st.none() | st.integers(-5, 40).map(float),
        "low": st.none() | st.integers(0, 40).map(float),
        "high": st.none() | st.integers(0, 40).map(float),
        "qualifier": st.none() | st.sampled_from(list(Qualifier)),
        "as_of": st.none() | st.sampled_from([date(2022, 1, 6), date(2022, 1, 10)]),
        "status": st.sampled_from(list(Status)),
        # units of one measure in several spellings and scales, and of other measures
        "unit": st.none()
        | st.sampled_from(["people", "thousand", "%", "fraction", "USD", "usd million", "EUR"]),
    }
)


def comparable(repo, **options) -> tuple[dict, dict]:
    """Both judgements, keyed by (quantity, measure, date): relation, report count, outlets,
    conflicting ids."""
    full = {
        (g.quantity, g.measure, g.as_of): (
            g.relation,
            len(g.reports),
            len({r.article_id for r in g.reports}),
            {i for p in g.pairs if p.relation.label == "conflicting" for i in (p.first, p.second)},
        )
        for g in discrepancies(repo, every_annotator=True, **options)  # every report, as stored
    }
    labels = repo.article_labels()
    summary = {}
    for g in figure_groups(repo, **options):
        reports, _read = group_page(
            repo,
            g,
            labels,
            adjudicated_only=options.get("adjudicated_only", False),
            limit=10_000,
            every_annotator=True,
        )
        assert len(reports) == g.count
        summary[(g.quantity, g.measure, g.as_of)] = (
            g.relation,
            g.count,
            g.outlets,
            {r.annotation_id for r in reports if g.conflicts(r)},
        )
    return full, summary


def summary_table(path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute("select * from figure_summary").fetchall())


def test_the_corpus_groups_match_the_pairwise_judgement(corpus_repo):
    tag_corpus_figures(corpus_repo)
    full, summary = comparable(corpus_repo)
    assert summary == full
    assert summary[("troops", "", None)][0].label == "conflicting"
    assert summary[("detained", "", None)][0].label == "compatible"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    figures=st.lists(figure, max_size=25),
    edits=st.lists(st.tuples(st.integers(0, 24), st.booleans(), figure), max_size=8),
)
def test_random_figures_edits_and_deletes_match_the_pairwise_judgement(tmp_path_factory, figures, edits):
    path = tmp_path_factory.mktemp("fi") / "p.sqlite"
    repo = open_repository(path, backup_keep=0)
    try:
        articles, _ = repo.add_articles(
            [
                NewArticle(text=f"article {i} " + "x" * 90, title=f"T{i}", source_file=f"{i}.txt")
                for i in range(3)
            ]
        )
        stored = repo.add_annotations([_annotation(articles, f) for f in figures])
        for index, remove, change in edits:
            if not stored:
                break
            target = stored[index % len(stored)]
            if remove:
                repo.delete_annotation(target.id)
                stored.remove(target)
            else:
                fresh = _annotation(articles, change)
                [saved] = repo.update_annotations(
                    [replace(repo.annotation(target.id), attributes=fresh.attributes, status=fresh.status)]
                )
                stored[stored.index(target)] = saved
        for options in ({}, {"by_date": True}, {"adjudicated_only": True}):
            full, summary = comparable(repo, **options)
            assert summary == full, options
        kept = summary_table(path)
        repo.rebuild_figure_index()
        assert summary_table(path) == kept
    finally:
        repo.close()


def test_deleting_an_article_elsewhere_empties_its_part_of_the_index(repo, db_path):
    articles, _ = repo.add_articles(
        [NewArticle(text=f"article {i} " + "x" * 90, title=f"T{i}", source_file=f"{i}.txt") for i in range(2)]
    )
    base = {"quantity": "deaths", "low": None, "high": None, "qualifier": None, "as_of": None}
    repo.add_annotations(
        [
            _annotation(articles, {**base, "article": i, "value": 10.0 + i, "status": Status.PROPOSED})
            for i in (0, 1)
        ]
    )
    assert figure_groups(repo)[0].relation.label == "conflicting"
    with sqlite3.connect(db_path) as other_client:  # a cascade delete by another program
        other_client.execute("pragma foreign_keys=on")
        other_client.execute("delete from articles where id = ?", (articles[1].id,))
    [group] = figure_groups(repo)
    assert (group.count, group.outlets, group.relation.label) == (1, 1, "equal")


def test_pages_come_smallest_first_and_add_up(repo):
    [article], _ = repo.add_articles([NewArticle(text="x" * 100, title="T", source_file="t.txt")])
    base = {"article": 0, "quantity": "deaths", "low": None, "high": None, "qualifier": None, "as_of": None}
    repo.add_annotations(
        [
            _annotation([article], {**base, "value": float(v), "status": Status.PROPOSED})
            for v in range(50, 0, -1)
        ]
    )
    [group] = figure_groups(repo)
    labels = repo.article_labels()
    first, read = group_page(repo, group, labels, limit=20)
    rest, _ = group_page(repo, group, labels, offset=read, limit=100)
    assert [r.value for r in first + rest] == [float(v) for v in range(1, 51)]


def _annotation(articles, f: dict) -> Annotation:
    attrs = FigureAttrs(
        quantity=f["quantity"],
        value=f["value"],
        value_low=f["low"],
        value_high=f["high"],
        qualifier=f["qualifier"],
        as_of=f["as_of"],
        unit=f.get("unit"),
    )
    article = articles[f["article"]]
    return Annotation(
        str(uuid.uuid4()), article.id, Kind.FIGURE, 0, 5, "xxxxx", attrs, "tester", status=f["status"]
    )
