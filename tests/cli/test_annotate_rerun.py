"""`annotate --from-file` run again with rows already stored adds only the new ones and says how
many it skipped (same article, kind, span, attributes and annotator); a bad row still writes nothing."""

from __future__ import annotations

import json

from kzt_annotator.cli import main
from kzt_annotator.store.repository import AnnotationFilter

HEADER = "article,kind,start,end,quantity,value\n"
ROWS = "1,claim,0,5,,\n1,figure,6,9,deaths,12\n2,claim,0,4,,\n"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(repo, annotator="alice"):
    return sorted(
        (a.article_id, str(a.kind), a.start, a.end)
        for a in repo.annotations(AnnotationFilter(annotator=annotator))
    )


def test_second_run_skips_identical_rows_and_counts_them(capsys, corpus_repo, tmp_path):
    db = corpus_repo.db_file
    tags = tmp_path / "tags.csv"
    tags.write_text(HEADER + ROWS, encoding="utf-8")
    code, out, err = run(capsys, "annotate", "--db", db, "--annotator", "alice", "--from-file", tags)
    assert code == 0, err
    assert out.strip() == "3 annotation(s) added from tags.csv"
    first = stored(corpus_repo)
    assert len(first) == 3

    tags.write_text(HEADER + ROWS + "2,claim,5,9,,\n1,figure,6,9,deaths,13\n", encoding="utf-8")
    code, out, err = run(capsys, "annotate", "--db", db, "--annotator", "alice", "--from-file", tags)
    assert code == 0, err
    assert out.strip() == "2 annotation(s) added from tags.csv, 3 already there (skipped)"
    assert len(stored(corpus_repo)) == 5  # a new span and a figure with another value are new

    # another annotator's identical rows are theirs, not duplicates
    code, out, err = run(capsys, "annotate", "--db", db, "--annotator", "bob", "--from-file", tags)
    assert code == 0 and out.strip() == "5 annotation(s) added from tags.csv", err


def test_repeated_row_in_one_file_is_stored_once(capsys, corpus_repo, tmp_path):
    tags = tmp_path / "tags.jsonl"
    row = {"article": "1", "kind": "claim", "start": 0, "end": 5}
    tags.write_text("\n".join(json.dumps(row) for _ in range(2)) + "\n", encoding="utf-8")
    argv = ("annotate", "--db", corpus_repo.db_file, "--annotator", "alice", "--from-file", tags)
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    assert len(json.loads(out)) == 1
    assert "1 row(s) already there (skipped)" in err
    assert stored(corpus_repo) == [(1, "claim", 0, 5)]


def test_bad_row_after_known_rows_still_writes_nothing(capsys, corpus_repo, tmp_path):
    tags = tmp_path / "tags.csv"
    tags.write_text(HEADER + ROWS, encoding="utf-8")
    argv = ("annotate", "--db", corpus_repo.db_file, "--annotator", "alice", "--from-file", tags)
    assert run(capsys, *argv)[0] == 0
    tags.write_text(HEADER + ROWS + "2,claim,5,9,,\n2,claim,9,5,,\n", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert code == 1 and "tags.csv row 6" in err and out == ""
    assert len(stored(corpus_repo)) == 3
