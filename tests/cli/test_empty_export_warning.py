"""An export that selects no annotation still writes its (empty) file with exit 0, but says on
stderr, in one line, why it is empty: an annotator with nothing, filters that match nothing."""

from __future__ import annotations

import pytest

from kzt_annotator.cli import main
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating, curation


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tagged(corpus_repo):
    article = corpus_repo.article(1)
    annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "alice"))
    annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 6, 9, "alice"))
    curation.set_role(corpus_repo, "carol", "curator")  # carol exists, but never tagged anything
    return corpus_repo


@pytest.mark.parametrize(
    ("verb", "name"),
    [
        ("export-csv", "x.csv"),
        ("export-jsonld", "x.jsonld"),
        ("export-brat", "brat"),
        ("export-bundle", "x.json"),
    ],
)
def test_annotator_with_nothing_warns(capsys, tagged, tmp_path, verb, name):
    out_path = tmp_path / name
    code, out, err = run(capsys, verb, "--db", tagged.db_file, "--annotator", "carol", out_path)
    assert code == 0 and "wrote 0 annotation(s)" in out
    assert err == f"warning: {out_path} has no annotations: carol has no annotations in this project\n"
    assert out_path.exists()


def test_filters_matching_none_of_the_annotators_annotations_warn(capsys, tagged, tmp_path):
    argv = ("export-csv", "--db", tagged.db_file, tmp_path / "x.csv", "--annotator", "alice")
    code, _, err = run(capsys, *argv, "--kind", "figure", "--status", "accepted")
    assert code == 0
    assert err.endswith("none of alice's 2 annotation(s) match kind figure, status accepted\n")
    assert err.count("\n") == 1
    code, _, err = run(capsys, "export-csv", "--db", tagged.db_file, tmp_path / "y.csv", "--kind", "figure")
    assert code == 0 and err.endswith("no annotation matches kind figure\n")


def test_export_of_an_empty_project_without_filters_says_nothing_on_stderr(capsys, corpus_repo, tmp_path):
    code, out, err = run(capsys, "export-csv", "--db", corpus_repo.db_file, tmp_path / "a.csv")
    assert code == 0 and "wrote 0 annotation(s)" in out and err == ""


def test_export_with_annotations_says_nothing_on_stderr(capsys, tagged, tmp_path):
    code, out, err = run(
        capsys, "export-csv", "--db", tagged.db_file, "--annotator", "alice", tmp_path / "a.csv"
    )
    assert code == 0 and "wrote 2 annotation(s)" in out and err == ""
