"""The project as the GUI reaches it: opening, backups and restoring, completions, through services."""

from __future__ import annotations

import pytest

from kzt_annotator.core.codebook import make_entry
from kzt_annotator.core.curation import CurationState
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import CodebookKind, NewArticle
from kzt_annotator.core.variables import Variable, VariableType
from kzt_annotator.services import codebook, curation
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.completions import completion_values
from kzt_annotator.services.project import (
    annotation_rows,
    annotations_by_ids,
    annotator_names,
    article,
    article_annotations,
    article_summaries,
    article_summary,
    article_titles,
    backups,
    change_marker,
    close_project,
    count_articles,
    login,
    open_project,
    project_location,
    project_name,
    refresh_schema,
    restore,
    schema,
    variable_names,
    variables,
)
from kzt_annotator.store.backup import make_backup


def test_a_backup_restored_brings_back_what_it_held(tmp_path):
    db = tmp_path / "p.sqlite"
    project = open_project(db, backup_keep=5)
    make_backup(db, "before-edit", keep=5)
    project.add_articles([NewArticle(text="added after the backup", title="Late", source_file="late.txt")])
    assert project.count_articles() == 1
    [chosen] = [b for b in backups(project) if b.reason == "before-edit"]
    project.close()
    restore(project, chosen, keep=5)
    reopened = open_project(db, backup_keep=5)
    assert reopened.count_articles() == 0  # the file is the backup again
    assert login(reopened) is None  # a project file has no database login
    reopened.close()


def test_a_server_project_has_no_backups_to_restore(tmp_path):
    project = open_project(tmp_path / "p.sqlite", backup_keep=0)
    server = type("Server", (), {"db_file": None})()
    assert backups(server) == []
    with pytest.raises(InvalidInput, match="server project"):
        restore(server, None)
    project.close()


def test_completions_and_reads_for_windows(corpus_repo):
    repo = corpus_repo
    article = repo.article(1)
    repo.add_annotation(new_annotation(article, Kind.ATTRIBUTION, 0, 7, "tester", {"speaker": "Tokayev"}))
    assert "Tokayev" in completion_values(repo)["speaker"]
    assert [a.article_id for a in article_annotations(repo, article.id)] == [article.id]
    assert variable_names(repo) == [v.name for v in repo.variables()]


def test_the_reads_the_windows_make_return_what_the_project_holds(corpus_repo, db_path):
    repo = corpus_repo
    first = article(repo, 1)
    made = repo.add_annotation(new_annotation(first, Kind.FIGURE, 0, 5, "tester", {"value": "18"}))
    other = repo.add_annotation(new_annotation(first, Kind.CLAIM, 10, 20, "second"))
    assert count_articles(repo) == 5
    assert [s.id for s in article_summaries(repo)] == [1, 2, 3, 4, 5]
    assert [s.id for s in article_summaries(repo, [4, 2])] == [2, 4]
    assert article_summary(repo, 1).counts[Kind.FIGURE] == 1
    assert article_titles(repo)[1] == first.title
    rows = annotation_rows(repo, 1)  # lazy: ids and spans first
    assert rows.ids() == [made.id, other.id] and rows[1] == other
    assert {a.id for a in annotations_by_ids(repo, [other.id, "no-such-id"])} == {other.id}
    assert annotator_names(repo) == ["second", "tester"]
    repo.add_variable(Variable("region", VariableType.TEXT))
    assert [v.name for v in variables(repo)] == variable_names(repo) == ["region"]
    assert schema(repo) is schema(repo)  # read once, kept
    assert refresh_schema(repo).kind_names == schema(repo).kind_names
    assert project_name(repo) == str(db_path) and project_location(repo).endswith(db_path.name)


def test_the_change_marker_moves_with_any_write(corpus_repo):
    before = change_marker(corpus_repo)
    assert change_marker(corpus_repo) == before
    corpus_repo.add_annotation(new_annotation(article(corpus_repo, 2), Kind.CLAIM, 0, 9, "tester"))
    assert change_marker(corpus_repo) != before


def test_a_closed_project_opens_again_from_its_location(tmp_path):
    project = open_project(tmp_path / "p.sqlite", backup_keep=0)
    where = project_location(project)
    close_project(project)
    again = open_project(where, backup_keep=0)
    assert count_articles(again) == 0
    close_project(again)


def test_the_curation_state_and_an_entrys_uses_in_one_article(corpus_repo):
    repo = corpus_repo
    assert curation.curation_state(repo, 1) == CurationState.OPEN.value
    repo.set_curation_state(1, CurationState.IN_CURATION.value, "tester")
    assert curation.curation_state(repo, 1) == CurationState.IN_CURATION.value
    codebook.add_entry(repo, make_entry(CodebookKind.QUANTITY, "deaths", "Deaths", aliases=["killed"]))
    values = {"value": "18"}
    here = [
        repo.add_annotation(
            new_annotation(article(repo, 1), Kind.FIGURE, a, a + 3, "tester", dict(values, quantity=q))
        )
        for a, q in ((0, "deaths"), (10, "Deaths"), (20, "killed"), (30, "arrests"))
    ]
    repo.add_annotation(
        new_annotation(article(repo, 2), Kind.FIGURE, 0, 3, "tester", dict(values, quantity="deaths"))
    )
    entry = codebook.load(repo).get(CodebookKind.QUANTITY, "deaths")
    assert sorted(codebook.article_uses(repo, entry, 1)) == sorted(a.id for a in here[:3])
