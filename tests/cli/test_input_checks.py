"""Bad input a new user types: one line saying what happened and what to do, exit 1, nothing
changed; and reports that say exactly what was done."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kzt_annotator.cli import main
from kzt_annotator.core.kinds import Kind, Status
from kzt_annotator.services import annotating, relations
from tests.conftest import CORPUS, dump_database
from tests.figures_fixture import tag_corpus_figures


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code, err, message):
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert message in err, err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "mysql://x",
            "unsupported database 'mysql://x': kzt-annotator works with an SQLite project file (a path) "
            "or PostgreSQL (postgresql+psycopg://",
        ),
        ("postgresql://u:secret@h/d", "write postgresql+psycopg://"),
        (
            "postgresql+psycopg://x:secret@127.0.0.1:1/db",
            "cannot connect to the PostgreSQL server at 127.0.0.1:1 (connection refused); "
            "check the URL and that the server runs",
        ),
    ],
)
def test_a_database_url_we_cannot_use_is_one_line(capsys, url, message):
    code, _, err = run(capsys, "--db", url, "articles")
    one_line_error(code, err, message)
    assert "secret" not in err and "upgrad" not in err and "left unchanged" not in err


def test_an_export_error_names_the_users_path(capsys, corpus_repo):
    code, _, err = run(capsys, "export-jsonld", "--db", corpus_repo.db_file, "/proc/x.jsonld")
    one_line_error(code, err, "cannot create /proc/x.jsonld: the folder /proc does not accept new files")
    assert ".partial" not in err


def test_export_jsonld_counts_annotations_and_relations_apart(capsys, corpus_repo, tmp_path):
    article = corpus_repo.article(1)
    claim = annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "t"))
    speaker = annotating.annotate(
        corpus_repo, annotating.new_annotation(article, Kind.ATTRIBUTION, 6, 9, "t")
    )
    relations.relate(corpus_repo, speaker.id, claim.id, "supports", "t")
    out = tmp_path / "a.jsonld"
    code, printed, err = run(capsys, "export-jsonld", "--db", corpus_repo.db_file, out)
    assert code == 0, err
    assert printed.startswith("wrote 2 annotation(s) and 1 relation(s) (as linking annotations) to ")
    assert len(json.loads(out.read_text(encoding="utf-8"))["first"]["items"]) == 3


def test_export_filters_refuse_typos(capsys, corpus_repo, tmp_path):
    annotating.annotate(
        corpus_repo, annotating.new_annotation(corpus_repo.article(1), Kind.CLAIM, 0, 5, "ann")
    )
    db = corpus_repo.db_file
    for verb in ("export-csv", "export-jsonld", "export-bundle"):
        target = tmp_path / f"out.{verb}"
        code, _, err = run(capsys, verb, "--db", db, target, "--kind", "bogus")
        one_line_error(code, err, "unknown kind 'bogus'; the kinds are: claim, attribution, figure")
        code, _, err = run(capsys, verb, "--db", db, target, "--annotator", "nobody")
        one_line_error(code, err, "no annotations by 'nobody' (annotators: ann); check --annotator")
        assert not target.exists()
    code, _, err = run(capsys, "annotations", "--db", db, "--annotator", "nobody")
    one_line_error(code, err, "no annotations by 'nobody'")


def test_status_curated_is_a_filter(capsys, corpus_repo, tmp_path):
    article = corpus_repo.article(1)
    made = annotating.annotate(corpus_repo, annotating.new_annotation(article, Kind.CLAIM, 0, 5, "ann"))
    corpus_repo.update_annotations([replace(made, status=Status.CURATED)])
    code, out, err = run(
        capsys, "annotations", "--db", corpus_repo.db_file, "--status", "curated", "--format", "json"
    )
    assert code == 0, err
    assert [a["id"] for a in json.loads(out)] == [made.id]
    code, out, err = run(
        capsys, "export-csv", "--db", corpus_repo.db_file, tmp_path / "c.csv", "--status", "curated"
    )
    assert code == 0 and out.startswith("wrote 1 annotation(s)"), err


def test_merge_keys_refuses_an_unknown_key_and_tag_all_an_empty_phrase(capsys, corpus_repo):
    tag_corpus_figures(corpus_repo)
    db = corpus_repo.db_file
    before = dump_database(db)
    code, _, err = run(capsys, "merge-keys", "nothere", "--into", "x", "--db", db)
    one_line_error(code, err, "no figure uses the quantity key(s) 'nothere'")
    code, _, err = run(capsys, "tag-all", "", "--kind", "claim", "--db", db)
    one_line_error(code, err, "the phrase is empty")
    code, _, err = run(capsys, "tag-all", "   ", "--kind", "claim", "--db", db)
    one_line_error(code, err, "the phrase is empty")
    assert dump_database(db) == before


def test_search_refuses_a_negative_limit_and_counts_do_not_follow_the_limit(capsys, corpus_repo):
    db = corpus_repo.db_file
    article = corpus_repo.article(1)
    for start in (0, 10):
        annotating.annotate(
            corpus_repo,
            annotating.new_annotation(article, Kind.CLAIM, start, start + 5, "t", None, "zebrafinch"),
        )
    code, _, err = run(capsys, "search", "zebrafinch", "--limit", "-1", "--db", db)
    one_line_error(code, err, "the limit -1 is negative")
    lines = {}
    for limit in ("0", "1", "500"):
        code, out, err = run(capsys, "search", "zebrafinch", "--limit", limit, "--db", db)
        assert code == 0, err
        lines[limit] = out.strip().splitlines()[-1]
    assert all("2 annotation(s) by attribute or note" in line for line in lines.values()), lines
    assert "(the first 1: --limit)" in lines["1"] and "--limit" not in lines["500"]


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan"])
def test_a_bad_max_file_size_is_refused_naming_the_variable(capsys, db_path, monkeypatch, value):
    monkeypatch.setenv("KZT_ANNOTATOR_MAX_FILE_MB", value)
    code, _, err = run(capsys, "import", "--db", db_path, CORPUS)
    one_line_error(code, err, f"KZT_ANNOTATOR_MAX_FILE_MB={value!r} is not a size")
    assert not db_path.exists()


def test_a_tiny_max_file_size_is_shown_with_enough_digits(capsys, db_path, monkeypatch):
    monkeypatch.setenv("KZT_ANNOTATOR_MAX_FILE_MB", "0.001")
    code, _, err = run(capsys, "import", "--db", db_path, CORPUS)
    assert code == 1
    assert "over the 0.001 MB limit" in err and "0.0 MB" not in err, err


def test_a_folder_import_counts_the_files_it_leaves_out(capsys, db_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Troops were sent to Almaty on Thursday.\n", encoding="utf-8")
    for name in ("noext", "data.csv", "pic.png"):
        (folder / name).write_bytes(b"\x00never read")
        (folder / name).chmod(0)  # counted by name; never opened
    code, out, err = run(capsys, "import", "--db", db_path, folder)
    assert code == 0, err
    assert out.strip().splitlines()[-1] == (
        "1 imported, 0 duplicate, 0 failed; 3 file(s) of unsupported types left out: .csv, .png, no extension"
    )


def test_a_folder_with_nothing_to_import_is_refused_and_makes_no_project(capsys, db_path, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "import", "--db", db_path, empty)
    one_line_error(code, err, f"{empty} has no file of a type kzt-annotator imports; it reads .docx")
    (empty / "table.csv").write_text("a,b\n", encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", db_path, empty)
    one_line_error(code, err, "(1 file(s) of unsupported types left out: .csv)")
    assert not db_path.exists()
