import json

from kzt_annotator.cli import main
from tests.conftest import CORPUS
from tests.figures_fixture import tag_corpus_figures


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_and_import_round_trip_from_the_shell(capsys, corpus_repo, tmp_path):
    tag_corpus_figures(corpus_repo)
    db = corpus_repo.db_file
    code, out, _ = run(capsys, "export-csv", tmp_path / "a.csv", "--db", db, "--kind", "figure")
    assert code == 0 and "wrote 19 annotation(s)" in out
    for verb, target in (("export-jsonld", "a.jsonld"), ("export-bundle", "a.json"), ("export-brat", "brat")):
        assert run(capsys, verb, tmp_path / target, "--db", db)[0] == 0
    assert run(capsys, "export-html", "3", tmp_path / "r.html", "--db", db)[0] == 0
    other = tmp_path / "other.sqlite"
    run(capsys, "import", CORPUS, "--db", other)
    code, out, _ = run(capsys, "import-annotations", tmp_path / "a.csv", "--db", other)
    assert code == 0 and out.strip().endswith("19 added, 0 unchanged, 0 updated, 0 re-anchored, 0 refused")
    code, out, _ = run(capsys, "import-annotations", tmp_path / "a.json", "--db", other)
    assert code == 0 and "0 added, 19 unchanged" in out


def test_refused_import_exits_1_and_lists_rows(capsys, tmp_path):
    db = tmp_path / "p.sqlite"
    run(capsys, "import", CORPUS, "--db", db)
    bundle = {
        "format": "kzt-annotator-bundle",
        "articles": [],
        "annotations": [
            {
                "id": "11111111-1111-1111-1111-111111111111",
                "article_sha256": "ab" * 32,
                "kind": "claim",
                "start": 0,
                "end": 4,
                "text": "Nope",
            }
        ],
    }
    (tmp_path / "b.json").write_text(json.dumps(bundle))
    code, _, err = run(capsys, "import-annotations", tmp_path / "b.json", "--db", db)
    assert code == 1
    assert "annotations[1]: no article with sha256" in err and "nothing was imported" in err
