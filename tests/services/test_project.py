"""The project as the GUI reaches it: opening, backups and restoring, completions, through services."""

from __future__ import annotations

import pytest

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import NewArticle
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.services.completions import completion_values
from kzt_annotator.services.project import (
    article_annotations,
    backups,
    login,
    open_project,
    restore,
    variable_names,
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
