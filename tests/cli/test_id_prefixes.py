"""Annotation and relation ids typed as the tables show them: one prefix rule for every verb.

A prefix needs core.id_prefixes.MIN_PREFIX (4) characters, so an article id typed by mistake
never picks a random annotation; relate, unrelate, codebook split and annotate --from-file accept
the 8-character ids the tables show."""

from __future__ import annotations

import json
from dataclasses import replace

from kzt_annotator.cli import main
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from tests.conftest import dump_database


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _made(repo, kind, start, end, ident=None, **attrs):
    ann = annotating.new_annotation(repo.article(1), kind, start, end, "tester", attrs or None)
    if ident:
        ann = replace(ann, id=ident)
    return annotating.annotate(repo, ann)


def test_destructive_verbs_refuse_a_prefix_shorter_than_four(capsys, corpus_repo):
    made = _made(corpus_repo, Kind.CLAIM, 0, 5)
    before = dump_database(corpus_repo.db_file)
    for argv in (
        ("delete-annotation", made.id[0]),
        ("review", made.id[:3], "--accept", "--reviewer", "r"),
        ("orphans", "--delete", made.id[:2]),
    ):
        code, out, err = run(capsys, *argv, "--db", corpus_repo.db_file)
        assert code == 1, (argv, out, err)
        assert len(err.strip().splitlines()) == 1
        assert "too short for an annotation id" in err
        assert "at least its first 4 characters" in err
    assert dump_database(corpus_repo.db_file) == before
    code, out, err = run(capsys, "delete-annotation", made.id[:4], "--db", corpus_repo.db_file)
    assert code == 0 and made.id in out, err


def test_an_ambiguous_four_character_prefix_is_refused(capsys, corpus_repo):
    _made(corpus_repo, Kind.CLAIM, 0, 5, "abcd0001-0000-4000-8000-000000000000")
    _made(corpus_repo, Kind.CLAIM, 6, 9, "abcd0002-0000-4000-8000-000000000000")
    before = dump_database(corpus_repo.db_file)
    code, _, err = run(capsys, "delete-annotation", "abcd", "--db", corpus_repo.db_file)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "abcd is the start of several annotation ids; give more of the id" in err
    assert dump_database(corpus_repo.db_file) == before


def test_relate_and_unrelate_take_the_short_ids_the_tables_show(capsys, corpus_repo):
    db = corpus_repo.db_file
    claim = _made(corpus_repo, Kind.CLAIM, 0, 10)
    speaker = _made(corpus_repo, Kind.ATTRIBUTION, 20, 30)
    code, out, err = run(
        capsys, "relate", speaker.id[:8], claim.id[:8], "--type", "supports", "--format", "json", "--db", db
    )
    assert code == 0, err
    relation = json.loads(out)
    assert (relation["source"], relation["target"]) == (speaker.id, claim.id)
    code, _, err = run(capsys, "unrelate", relation["id"][:3], "--db", db)
    assert code == 1 and "too short for a relation id" in err
    code, out, err = run(capsys, "unrelate", relation["id"][:8], "--db", db)
    assert code == 0, err
    assert relation["id"] in out
    code, _, err = run(capsys, "unrelate", "ffffffff", "--db", db)
    assert code == 1 and "no relation ffffffff; list them with `kzt-annotator relations`" in err


def test_codebook_split_takes_a_short_id(capsys, corpus_repo):
    db = corpus_repo.db_file
    assert run(capsys, "codebook", "add", "quantity", "soldiers", "--db", db)[0] == 0
    figure = _made(corpus_repo, Kind.FIGURE, 0, 5, quantity="soldiers", value="10")
    code, out, err = run(
        capsys, "codebook", "split", "quantity", "soldiers", "soldiers.ru", "--annotation", figure.id[:8],
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    assert corpus_repo.annotation(figure.id).attributes.quantity == "soldiers.ru"


def test_from_file_links_take_short_ids_and_errors_name_the_row(capsys, corpus_repo, tmp_path):
    db = corpus_repo.db_file
    claim = _made(corpus_repo, Kind.CLAIM, 0, 10)
    rows = tmp_path / "spans.csv"
    rows.write_text(f"article,kind,start,end,link\n1,attribution,20,30,{claim.id[:8]}\n", encoding="utf-8")
    code, out, err = run(capsys, "annotate", "--from-file", rows, "--format", "json", "--db", db)
    assert code == 0, err
    assert json.loads(out)[0]["linked_annotation_ids"] == [claim.id]
    before = dump_database(db)
    rows.write_text(
        f"article,kind,start,end,link\n1,attribution,20,30,{claim.id[:8]}\n1,attribution,40,50,ffffffff\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "annotate", "--from-file", rows, "--db", db)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "spans.csv row 3: no annotation ffffffff" in err
    assert dump_database(db) == before


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them_in_both_readers(capsys, corpus_repo, tmp_path):
    """The same bad row is row 3 (the header is row 1) for annotate --from-file and
    import-annotations, and an unclosed quote is named as broken quoting with its row."""
    db = corpus_repo.db_file
    before = dump_database(db)
    spans = tmp_path / "spans.csv"
    spans.write_text("article,kind,start,end\n1,claim,0,5\n1,claim,x,9\n", encoding="utf-8")
    code, _, err = run(capsys, "annotate", "--from-file", spans, "--db", db)
    assert code == 1 and "spans.csv row 3: start 'x' is not a whole number" in err
    ours = tmp_path / "ours.csv"
    ours.write_text("article_id,kind,start,end,text\n1,claim,0,5,abcde\n1,claim,x,9,abc\n", encoding="utf-8")
    code, _, err = run(capsys, "import-annotations", ours, "--db", db)
    assert code == 1 and "row 3" in err and len(err.strip().splitlines()) == 1
    spans.write_text('article,kind,start,end,note\n1,claim,0,5,"unclosed\n1,claim,6,9,x\n', encoding="utf-8")
    code, _, err = run(capsys, "annotate", "--from-file", spans, "--db", db)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "broken CSV quoting: a quote opened in row 2 (line 2) is never closed" in err
    ours.write_text('article_id,kind,start,end,text\n1,claim,0,5,"abcde\n', encoding="utf-8")
    code, _, err = run(capsys, "import-annotations", ours, "--db", db)
    assert code == 1 and "a quote opened in row 2 (line 2) is never closed" in err
    assert dump_database(db) == before
