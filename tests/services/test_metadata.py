"""Metadata and document variables for several articles at once, deleting articles, undo; the
discrepancy grouping by a variable and outlets never named by a title."""

import csv
import json

import pytest

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import UNKNOWN_OUTLET, CodebookKind
from kzt_annotator.services import codebook, metadata
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.exporting import ExportFilter, export_csv
from kzt_annotator.services.figures import claims_matrix, discrepancies, figure_groups, group_page
from kzt_annotator.services.labels import article_labels
from tests.conftest import dump_database


def figure(repo, article_id, value, quantity="deaths.security_forces"):
    article = repo.article(article_id)
    return repo.add_annotation(
        new_annotation(article, Kind.FIGURE, 0, 5, "tester", {"quantity": quantity, "value": str(value)})
    )


def test_several_articles_at_once_and_undo(corpus_repo):
    repo = corpus_repo
    metadata.add_variable(repo, "ownership", "category", ["state", "private"])
    command = metadata.metadata_command(
        repo, [1, 2], {"outlet": "Reuters", "memo": "wire copy"}, {"ownership": "State"}
    )
    command.do(repo)
    for i in (1, 2):
        summary = repo.article_summary(i)
        assert (summary.outlet, summary.memo, summary.variables) == (
            "Reuters",
            "wire copy",
            {"ownership": "state"},
        )
    command.undo(repo)
    assert repo.article_summary(1).outlet is None and repo.article_summary(1).variables == {}
    assert repo.article_summary(3).outlet == "Courthouse News Service"


@pytest.mark.parametrize(
    ("fields", "values", "message"),
    [
        ({}, {"ownership": "public"}, "not one of state, private"),
        ({}, {"leaning": "left"}, "no variable 'leaning'"),
        ({"published": "7 Jan"}, {}, "YYYY-MM-DD"),
        ({"title": " "}, {}, "needs a title"),
    ],
)
def test_bad_values_change_nothing(corpus_repo, db_path, fields, values, message):
    metadata.add_variable(corpus_repo, "ownership", "category", ["state", "private"])
    before = dump_database(db_path)
    with pytest.raises(InvalidInput, match=message):
        metadata.edit_metadata(corpus_repo, [1], fields, values)
    assert dump_database(db_path) == before


def test_variable_types_check_their_values(repo):
    from kzt_annotator.core.variables import make_variable, parse_value

    number = make_variable("readers", "number")
    assert parse_value(number, "15,000") == "15000"
    assert parse_value(make_variable("state_owned", "boolean"), "Yes") == "true"
    assert parse_value(make_variable("founded", "date"), "1991-12-16") == "1991-12-16"
    with pytest.raises(InvalidInput, match="not a number"):
        parse_value(number, "many")
    with pytest.raises(InvalidInput, match="needs its values"):
        make_variable("ownership", "category")
    with pytest.raises(InvalidInput, match="variable type"):
        make_variable("x", "colour")


def test_delete_removes_annotations_and_undo_restores_everything(corpus_repo, db_path):
    repo = corpus_repo
    metadata.add_variable(repo, "country", "text")
    metadata.edit_metadata(repo, [2], {"memo": "m"}, {"country": "KZ"})
    kept = figure(repo, 2, 18)
    repo.dismiss_suggestion(2, "figure", 10, 12, "tester")
    before = dump_database(db_path)
    command = metadata.delete_command(repo, [2])
    changes = command.do(repo)
    assert changes.removed_articles == {2}
    with pytest.raises(NotFound):
        repo.article(2)
    assert kept.id not in {a.id for a in repo.annotations()}
    assert not [r for r in repo.figure_summary() if r[3] == 2]  # the figure index followed
    command.undo(repo)
    assert dump_database(db_path) == before
    assert repo.annotation(kept.id).attributes.value == 18
    from kzt_annotator.store.backup import list_backups

    assert any(b.reason == "pre-delete-article" for b in list_backups(db_path))


def test_views_say_unknown_outlet_never_the_title(corpus_repo):
    repo = corpus_repo
    figure(repo, 1, 18)
    figure(repo, 3, 19)
    repo.add_annotation(
        new_annotation(repo.article(1), Kind.CLAIM, 10, 20, "tester", {"claim_key": "shoot_to_kill"})
    )
    titles = {repo.article(i).title for i in range(1, 6)}
    labels = article_labels(repo)
    assert labels[1][0] == UNKNOWN_OUTLET and labels[3][0] == "Courthouse News Service"
    [group] = discrepancies(repo)
    assert {r.outlet for r in group.reports} == {UNKNOWN_OUTLET, "Courthouse News Service"}
    header, summary = figure_groups(repo)  # deaths.security_forces under its parent's header
    assert header.children == [summary]
    reports, _n = group_page(repo, summary, labels)
    assert not {r.outlet for r in reports} & titles
    matrix = claims_matrix(repo)
    assert matrix.articles == [(1, UNKNOWN_OUTLET)]


def test_outlets_and_quantities_resolve_through_codebook_aliases(corpus_repo):
    repo = corpus_repo
    repo.update_article_meta(1, outlet="AP")
    codebook.add_entry(repo, make_entry(CodebookKind.OUTLET, "ap", "Associated Press", aliases=["AP"]))
    codebook.add_entry(
        repo, make_entry(CodebookKind.QUANTITY, "deaths.security_forces", aliases=["officers killed"])
    )
    figure(repo, 1, 18)
    figure(repo, 3, 19, quantity="officers killed")
    figure(repo, 4, 100, quantity="deaths.protesters")
    groups = discrepancies(repo)
    security = next(g for g in groups if g.quantity == "deaths.security_forces")
    assert len(security.reports) == 2 and security.relation.label == "conflicting"
    assert {r.outlet for r in security.reports} == {"Associated Press", "Courthouse News Service"}
    assert [g.quantity for g in figure_groups(repo)].count("deaths.security_forces") == 1


def test_discrepancies_by_variable_split_groups_and_reports_carry_the_value(corpus_repo):
    repo = corpus_repo
    metadata.add_variable(repo, "ownership", "category", ["state", "private"])
    metadata.edit_metadata(repo, [1, 2], {}, {"ownership": "state"})
    metadata.edit_metadata(repo, [3], {}, {"ownership": "private"})
    for article_id, value in ((1, 18), (2, 18), (3, 19)):
        figure(repo, article_id, value)
    groups = discrepancies(repo, by_variable="ownership")
    assert sorted((g.variable_value, len(g.reports), g.relation.label) for g in groups) == [
        ("private", 1, "equal"),
        ("state", 2, "equal"),
    ]
    assert all(r.variable_value == g.variable_value for g in groups for r in g.reports)
    summaries = figure_groups(repo, by_variable="ownership")
    groups_only = [g for g in summaries if not g.children]  # without the parent's header
    assert sorted((g.variable_value, g.count) for g in groups_only) == [("private", 1), ("state", 2)]
    state = next(g for g in summaries if g.variable_value == "state")
    reports, _n = group_page(repo, state, article_labels(repo))
    assert {r.article_id for r in reports} == {1, 2}
    with pytest.raises(InvalidInput, match="no variable 'leaning'"):
        discrepancies(repo, by_variable="leaning")


def test_csv_export_has_one_column_per_variable_and_filters_by_it(corpus_repo, tmp_path):
    repo = corpus_repo
    metadata.add_variable(repo, "ownership", "category", ["state", "private"])
    metadata.add_variable(repo, "country", "text")
    metadata.edit_metadata(repo, [1], {}, {"ownership": "state", "country": "=KZ"})
    figure(repo, 1, 18)
    figure(repo, 3, 19)
    out = tmp_path / "all.csv"
    export_csv(repo, out, ExportFilter())
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0])[-3:] == ["var_ownership", "var_country", "neutralised"]
    by_article = {r["article_id"]: r for r in rows}
    assert (by_article["1"]["var_ownership"], by_article["1"]["var_country"]) == ("state", "'=KZ")
    assert by_article["3"]["outlet"] == "Courthouse News Service" and by_article["3"]["var_ownership"] == ""
    only = tmp_path / "state.csv"
    export_csv(repo, only, ExportFilter(variables=(("ownership", "state"),)))
    assert [r["article_id"] for r in csv.DictReader(only.open(encoding="utf-8", newline=""))] == ["1"]
    # our own CSV with var_ columns imports back (the columns are ignored there)
    from kzt_annotator.services.annotation_import import import_annotations

    report = import_annotations(repo, out)
    assert not report.refused


def test_cli_variable_set_meta_delete_article(capsys, db_path, tmp_path):
    from kzt_annotator.cli import main
    from tests.conftest import CORPUS

    def run(*argv):
        code = main([str(a) for a in argv] + ["--db", str(db_path)])
        out, err = capsys.readouterr()
        return code, out, err

    assert run("import", CORPUS)[0] == 0
    code, out, _ = run("variable", "add", "ownership", "--type", "category", "--values", "state,private")
    assert code == 0 and "var_ownership" in out
    assert run("set-meta", "1", "--var", "ownership=state", "--memo", "a note")[0] == 0
    before = dump_database(db_path)
    code, out, err = run("set-meta", "2", "--var", "ownership=public")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not one of state, private" in err
    assert dump_database(db_path) == before
    data = json.loads(run("articles", "--format", "json")[1])
    assert data[0]["variables"] == {"ownership": "state"} and data[0]["memo"] == "a note"
    code, out, _ = run("discrepancies", "--by-variable", "ownership")
    assert code == 0 and json.loads(out) == []
    code, out, err = run("delete-article", "2")
    assert code == 0 and "deleted article #2" in out
    assert [a["id"] for a in json.loads(run("articles", "--format", "json")[1])] == [1, 3, 4, 5]
    code, _out, err = run("delete-article", "2")
    assert code == 1 and "no article" in err
