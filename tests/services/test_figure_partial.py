"""A partial reload (the groups of the quantities an edit touched) reads only those quantities'
figures and gives exactly the groups a full reload gives for them: codebook spellings, quotes and
percent signs in quantity names included."""

from __future__ import annotations

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.figure_edges import plans
from kzt_annotator.core.kinds import Qualifier, Status
from kzt_annotator.core.model import CodebookKind, NewArticle
from kzt_annotator.services.codebook import add_entry
from kzt_annotator.services.figures import figure_groups, group_keys
from tests.services.test_figure_edges import FIXED, snapshot
from tests.services.test_figure_index import _annotation

ODD_NAMES = ["people's votes", "50% turnout", "fatalities"]  # the last: a spelling of "deaths"


def add_figures(repo) -> None:
    """Six articles with FIXED's figures, figures under ODD_NAMES, and "fatalities" made a
    codebook spelling of "deaths"."""
    stored, _ = repo.add_articles(
        [
            NewArticle(
                text=f"article {i} " + "x" * 90, title=f"T{i}", source_file=f"{i}.txt", outlet=f"O{i % 4}"
            )
            for i in range(6)
        ]
    )
    odd = [
        {
            "article": a,
            "quantity": name,
            "value": value,
            "low": None,
            "high": None,
            "qualifier": Qualifier.APPROXIMATELY if a % 2 else None,
            "as_of": None,
            "status": Status.PROPOSED,
        }
        for name in ODD_NAMES
        for a, value in ((1, 40.0), (2, 44.0), (3, 90.0))
    ]
    repo.add_annotations([_annotation(stored, f) for f in [*FIXED, *odd]])
    add_entry(repo, make_entry(CodebookKind.QUANTITY, "deaths", aliases=["fatalities"]))


def assert_partial_equals_full(repo) -> None:
    stored = repo.figure_quantities()
    assert set(ODD_NAMES) <= set(stored) and "" not in stored
    for options in ({}, {"by_date": True}, {"adjudicated_only": True}):
        full = [g for g in figure_groups(repo, **options) if not g.children]
        for name in [*stored, "no such quantity"]:
            keys = group_keys(repo, frozenset({name}))
            partial = figure_groups(repo, quantities=frozenset({name}), **options)
            assert snapshot(partial) == snapshot([g for g in full if g.quantity in keys]), (name, options)
    deaths = figure_groups(repo, quantities=frozenset({"fatalities"}))
    assert {g.quantity for g in deaths} == {"deaths"}  # both spellings, one group
    assert set(deaths[0].raw_quantities) == {"deaths", "fatalities"}
    assert figure_groups(repo, quantities=frozenset()) == []


def test_a_partial_reload_gives_the_full_reloads_groups_for_its_quantities(repo):
    add_figures(repo)
    assert_partial_equals_full(repo)


def test_a_partial_reload_reads_only_its_quantities_figures(repo):
    add_figures(repo)
    every = repo.figure_edges(plans(None))
    wanted = {"people's votes", "50% turnout"}
    some = repo.figure_edges(plans(None), quantities=sorted(wanted))
    assert {row[0] for row in some} == wanted
    assert sorted(some) == sorted(row for row in every if row[0] in wanted)
    assert repo.figure_edges(plans(None), quantities=[]) == []
