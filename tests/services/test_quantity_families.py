"""A parent quantity shows its children side by side: each child is its own group with its own
relation, listed under the parent; nothing is pooled into one relation."""

from __future__ import annotations

import json

import pytest

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind, NewArticle
from kzt_annotator.services import annotating
from kzt_annotator.services.codebook import add_entry
from kzt_annotator.services.figures import discrepancies, discrepancy_labels, figure_groups, group_page

TEXTS = (
    "Officials said 19 security officers and 26 protesters died; 225 people were killed in all.",
    "At least 18 security officers died and 26 protesters were killed; 40 people died in Almaty.",
)
FIGURES = (  # (article, phrase, quantity, value, qualifier)
    (0, "19 security officers", "deaths.security_forces", "19", "exact"),
    (0, "26 protesters", "deaths.protesters", "26", "exact"),
    (0, "225 people", "deaths", "225", "exact"),
    (1, "18 security officers", "deaths.security_forces", "18", "exact"),
    (1, "26 protesters", "deaths.protesters", "26", "exact"),
    (1, "40 people", "deaths", "40", "exact"),
)


def _tag(repo, with_codebook: bool) -> None:
    articles, _ = repo.add_articles(
        [
            NewArticle(text=t, title=f"T{i}", source_file=f"{i}.txt", outlet=f"Outlet {i}")
            for i, t in enumerate(TEXTS)
        ]
    )
    if with_codebook:
        add_entry(repo, make_entry(CodebookKind.QUANTITY, "deaths"))
        add_entry(repo, make_entry(CodebookKind.QUANTITY, "officers_killed", parent="deaths"))
        add_entry(repo, make_entry(CodebookKind.QUANTITY, "protesters_killed", parent="deaths"))
    for index, phrase, quantity, value, qualifier in FIGURES:
        article = repo.article(articles[index].id)
        start = article.text.index(phrase)
        if with_codebook:
            quantity = {
                "deaths.security_forces": "officers_killed",
                "deaths.protesters": "protesters_killed",
            }.get(quantity, quantity)
        attrs = {"quantity": quantity, "value": value, "qualifier": qualifier}
        annotating.annotate(
            repo, annotating.new_annotation(article, Kind.FIGURE, start, start + len(phrase), "ann", attrs)
        )


@pytest.mark.parametrize("with_codebook", [False, True], ids=["dotted keys", "codebook tree"])
def test_the_panel_lists_the_children_under_their_parent_each_with_its_relation(repo, with_codebook):
    _tag(repo, with_codebook)
    officers = "officers_killed" if with_codebook else "deaths.security_forces"
    protesters = "protesters_killed" if with_codebook else "deaths.protesters"
    groups = figure_groups(repo)
    children = sorted([protesters, officers])  # siblings by key
    assert [(g.quantity, g.depth, bool(g.children)) for g in groups] == [
        ("deaths", 0, True),  # the header: no relation of its own
        ("deaths", 1, False),  # the parent's own figures (225 and 40 people)
        (children[0], 1, False),
        (children[1], 1, False),
    ]
    header, own = groups[:2]
    protest, security = (next(g for g in groups if g.quantity == key) for key in (protesters, officers))
    assert header.children == groups[1:]
    assert (own.relation.label, protest.relation.label, security.relation.label) == (
        "conflicting",
        "equal",
        "conflicting",
    )
    assert (header.count, header.outlets) == (6, 2)
    reports, _read = group_page(repo, header, discrepancy_labels(repo))
    assert [r.quantity for r in reports] == ["deaths"] * 2 + [children[0]] * 2 + [children[1]] * 2
    conflicting = {r.text for r in reports if header.conflicts(r)}
    assert "26 protesters" not in conflicting  # judged in its own group: equal there
    assert {"19 security officers", "18 security officers", "225 people"} <= conflicting


def test_the_cli_report_keeps_each_child_a_group_of_its_own_under_the_parent(repo, capsys, db_path):
    _tag(repo, with_codebook=False)
    groups = discrepancies(repo)
    assert [(g.quantity, g.family, g.depth) for g in groups] == [
        ("deaths", "deaths", 0),
        ("deaths.protesters", "deaths", 1),
        ("deaths.security_forces", "deaths", 1),
    ]
    assert [len(g.reports) for g in groups] == [2, 2, 2]
    from kzt_annotator.cli import main

    repo.close()
    assert main(["discrepancies", "--db", str(db_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(g["quantity"], g["parent"]) for g in out] == [
        ("deaths", None),
        ("deaths.protesters", "deaths"),
        ("deaths.security_forces", "deaths"),
    ]


def test_the_csv_report_names_each_row_s_measure_and_parent(repo, capsys, db_path):
    import csv
    import io

    _tag(repo, with_codebook=False)
    repo.close()
    from kzt_annotator.cli import main

    assert main(["discrepancies", "--db", str(db_path), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["quantity"], r["parent"], r["measure"]) for r in rows] == [
        ("deaths", "", ""),
        ("deaths", "", ""),
        ("deaths.protesters", "deaths", ""),
        ("deaths.protesters", "deaths", ""),
        ("deaths.security_forces", "deaths", ""),
        ("deaths.security_forces", "deaths", ""),
    ]
