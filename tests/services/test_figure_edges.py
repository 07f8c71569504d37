"""Interval edges worked out in SQL (store figure_edges + core.figure_edges) give exactly the groups
that core.figure_groups.summarise makes in Python from the figure index's rows."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_annotator.core.figure_edges import plans, summarise_articles
from kzt_annotator.core.figure_groups import GroupSummary
from kzt_annotator.core.intervals import rules_from_settings
from kzt_annotator.core.kinds import Qualifier, Status
from kzt_annotator.core.model import NewArticle
from kzt_annotator.services.figures import counted_statuses
from kzt_annotator.store.repository import open_repository
from tests.figure_oracle import summarise
from tests.services.test_figure_index import _annotation, figure

# the defaults; user bounds with unbounded ends (relative and absolute) and fractional factors
RULE_SETS = [
    None,
    {"approximately": [0.7, None], "up_to": [None, 1.0], "several": [None, 9], "multiple": [2, None]},
    {"less_than": [0.33, 0.99], "more_than": [1.01, 3.3], "dozens": [12.5, 144]},
]


def snapshot(groups: list[GroupSummary]) -> list[tuple]:
    """Everything a group holds that the panel shows or judges with."""
    return [
        (
            g.quantity,
            g.as_of,
            g.raw_quantities,
            g.dates,
            g.measure,
            g.units,
            g.variable_value,
            g.relation,
            g.uniform,
            g.signature if g.uniform else None,
            g.count,
            sorted((a.article_id, a) for a in g.articles.values()),
            sorted((a, g.article_conflicts(a)) for a in g.articles),
        )
        for g in groups
    ]


def assert_same_groups(repo) -> None:
    ids = list(repo.article_labels())
    split = {i: str(i % 2) for i in ids}
    for overrides in RULE_SETS:
        rules = rules_from_settings(overrides)
        for adjudicated in (False, True):
            statuses = counted_statuses(adjudicated)
            for by_date in (False, True):
                for values in (None, split):
                    sources = {i: 1 for i in ids if i % 3 == 0}  # copies of one story
                    python = summarise(repo.figure_summary(statuses), rules, by_date, sources, None, values)
                    rows = repo.figure_edges(plans(rules), statuses, by_date)
                    sql = summarise_articles(rows, by_date, sources, None, values)
                    assert snapshot(sql) == snapshot(python), (overrides, adjudicated, by_date, values)


FIXED = [  # open-ended intervals, every qualifier, ranges, negative values, units, several outlets
    {
        "article": a,
        "quantity": q,
        "value": v,
        "low": lo,
        "high": hi,
        "qualifier": k,
        "as_of": d,
        "status": s,
        "unit": u,
    }
    for a, q, v, lo, hi, k, d, s, u in [
        (0, "deaths", 12.0, None, None, Qualifier.MULTIPLE, None, Status.PROPOSED, None),
        (1, "deaths", 30.0, None, None, Qualifier.MORE_THAN, None, Status.ACCEPTED, None),
        (1, "deaths", 30.0, None, None, Qualifier.EXACT, None, Status.PROPOSED, None),
        (2, "deaths", 45.0, None, None, Qualifier.LESS_THAN, None, Status.PROPOSED, None),
        (2, "deaths", None, 20.0, 50.0, Qualifier.RANGE, None, Status.PROPOSED, None),
        (3, "deaths", None, None, None, Qualifier.DOZENS, date(2022, 1, 6), Status.PROPOSED, None),
        (
            3,
            "deaths",
            4.404,
            None,
            None,
            Qualifier.APPROXIMATELY,
            date(2022, 1, 6),
            Status.PROPOSED,
            "thousand",
        ),
        (4, "deaths", 4844.4, None, None, Qualifier.LESS_THAN, date(2022, 1, 6), Status.PROPOSED, None),
        (4, "deaths", -3.0, None, None, Qualifier.UP_TO, None, Status.PROPOSED, None),
        (5, "deaths", 7.0, 5.0, 9.0, None, None, Status.PROPOSED, "people"),
        (5, "deaths", 7.0, 5.0, 9.0, None, None, Status.PROPOSED, "people"),
        (0, "detained", 0.5, None, None, Qualifier.AT_LEAST, None, Status.PROPOSED, "fraction"),
        (1, "detained", 50.0, None, None, Qualifier.AT_LEAST, None, Status.PROPOSED, "%"),
        (2, "detained", 50.0, None, None, Qualifier.AT_LEAST, None, Status.PROPOSED, "%"),
        (3, "troops", 2.0, None, None, Qualifier.HUNDREDS, None, Status.REJECTED, "usd million"),
        (4, "troops", 2.0, None, None, Qualifier.THOUSANDS, None, Status.PROPOSED, None),
        (5, "troops", None, 8.0, None, Qualifier.SEVERAL, None, Status.PROPOSED, None),
    ]
]


def _repo_with(path, figures: list[dict], articles: int = 6):
    repo = open_repository(path, backup_keep=0)
    stored, _ = repo.add_articles(
        [
            NewArticle(
                text=f"article {i} " + "x" * 90, title=f"T{i}", source_file=f"{i}.txt", outlet=f"O{i % 4}"
            )
            for i in range(articles)
        ]
    )
    repo.add_annotations([_annotation(stored, f) for f in figures])
    return repo


def test_sql_edges_equal_python_edges_over_open_ends_qualifiers_units_and_outlets(tmp_path):
    repo = _repo_with(tmp_path / "p.sqlite", FIXED)
    try:
        assert len(repo.figure_edges(plans(None), counted_statuses(False))) < len(
            repo.figure_summary(counted_statuses(False))
        )  # fewer rows read: one per article and unit
        assert_same_groups(repo)
    finally:
        repo.close()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(figures=st.lists(figure.map(lambda f: {**f, "article": f["article"] * 2}), max_size=30))
def test_sql_edges_equal_python_edges_for_random_figures(tmp_path_factory, figures):
    repo = _repo_with(tmp_path_factory.mktemp("fe") / "p.sqlite", figures)
    try:
        assert_same_groups(repo)
    finally:
        repo.close()
