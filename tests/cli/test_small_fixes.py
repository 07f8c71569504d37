"""Small but visible: file modes, --annotator on every write verb, id prefixes, booleans and
numbers in CSV and JSON output."""

from __future__ import annotations

import json
import os
import stat

from kzt_annotator.cli import main
from kzt_annotator.core.intervals import Interval
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from tests.conftest import CORPUS
from tests.figures_fixture import tag_corpus_figures


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_exports_get_the_umask_mode(capsys, corpus_repo, tmp_path):
    old = os.umask(0o022)
    try:
        for verb, name in (
            ("export-csv", "a.csv"),
            ("export-jsonld", "a.jsonld"),
            ("export-bundle", "a.json"),
        ):
            code, _, err = run(capsys, verb, "--db", corpus_repo.db_file, tmp_path / name)
            assert code == 0, err
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
        os.umask(0o077)
        run(capsys, "export-csv", "--db", corpus_repo.db_file, tmp_path / "private.csv")
        assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_import_and_merge_keys_accept_annotator(capsys, db_path):
    code, _, err = run(capsys, "import", "--db", db_path, "--annotator", "alice", CORPUS)
    assert code == 0, err
    code, _, err = run(capsys, "merge-keys", "a", "--into", "b", "--db", db_path, "--annotator", "alice")
    assert code == 1 and "no figure uses the quantity key(s) 'a'" in err  # the option itself is taken


def test_delete_and_review_accept_a_unique_id_prefix(capsys, corpus_repo):
    article = corpus_repo.article(1)
    first = annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "tester"))
    second = annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 6, 9, "tester"))
    code, out, err = run(
        capsys, "review", first.id[:8], "--accept", "--reviewer", "r", "--db", corpus_repo.db_file
    )
    assert code == 0, err
    assert corpus_repo.annotation(first.id).status.value == "accepted"
    code, out, err = run(capsys, "delete-annotation", second.id[:8], "--db", corpus_repo.db_file)
    assert code == 0 and second.id in out
    code, _, err = run(capsys, "delete-annotation", "", "--db", corpus_repo.db_file)
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_claims_csv_writes_lowercase_booleans(capsys, corpus_repo):
    for n, stance in ((1, "endorses"), (2, "disputes")):
        article = corpus_repo.article(n)
        annotating.annotate(
            corpus_repo,
            annotating.new_annotation(article, Kind.CLAIM, 0, 5, "a", {"claim_key": "k", "stance": stance}),
        )
    article = corpus_repo.article(3)
    annotating.annotate(
        corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "a", {"claim_key": "same"})
    )
    code, out, _ = run(capsys, "claims", "--db", corpus_repo.db_file, "--format", "csv")
    flags = {line.split(",")[1] for line in out.splitlines()[1:]}
    assert code == 0 and flags == {"true", "false"}


def test_intervals_print_without_float_noise(capsys, corpus_repo):
    assert Interval(4404 * 0.9, 4404 * 1.1).as_list() == [3963.6, 4844.4]
    tag_corpus_figures(corpus_repo)
    code, out, _ = run(capsys, "discrepancies", "--db", corpus_repo.db_file, "--format", "json")
    assert code == 0 and "00000000" not in out and "99999999" not in out
    code, out, _ = run(capsys, "discrepancies", "--db", corpus_repo.db_file, "--format", "csv")
    assert code == 0 and "00000000" not in out and "99999999" not in out
    assert json.loads(run(capsys, "discrepancies", "--db", corpus_repo.db_file)[1])
