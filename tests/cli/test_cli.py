"""The CLI as a user runs it: exit codes, one-line errors, stable JSON."""

import json
import subprocess
import sys

import pytest

from kzt_annotator.cli import main
from tests.conftest import CORPUS, dump_database


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_corpus_then_again_reports_duplicates(capsys, db_path):
    code, out, _ = run(capsys, "import", "--db", db_path, CORPUS)
    assert code == 0
    assert out.strip().endswith("5 imported, 0 duplicate, 0 failed")
    assert "Shoot ‘without warning’ to quash revolt, Kazakhstan president orders troops" in out
    code, out, _ = run(capsys, "import", "--db", db_path, CORPUS)
    assert code == 0 and out.strip().endswith("0 imported, 5 duplicate, 0 failed")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not a text article"),
        ("empty.txt", b"", "the file is empty"),
        ("cut.docx", b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage", "this .docx is damaged"),
    ],
)
def test_bad_files_exit_nonzero_with_one_line_and_change_nothing(
    capsys, db_path, tmp_path, name, data, message
):
    run(capsys, "import", "--db", db_path, CORPUS)
    before = dump_database(db_path)
    bad = tmp_path / name
    bad.write_bytes(data)
    code, _, err = run(capsys, "import", "--db", db_path, bad)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in err
    assert dump_database(db_path) == before


def test_articles_json_is_stable(capsys, db_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, out, _ = run(capsys, "articles", "--db", db_path, "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data) == 5
    required = {
        "id",
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "sha256",
        "source_file",
        "chars",
        "counts",
    }
    assert required <= set(data[0])
    assert data[0]["counts"] == {"claim": 0, "attribution": 0, "figure": 0}
    assert data[2]["outlet"] == "Courthouse News Service"


def test_annotate_and_list(capsys, db_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    text = (CORPUS / "001_ab24bc317a40b3f1.txt").read_text(encoding="utf-8")
    start = text.index("up to 15,000 soldiers")
    code, out, err = run(
        capsys,
        "annotate",
        "2",
        "--db",
        db_path,
        "--kind",
        "figure",
        "--start",
        start,
        "--end",
        start + 21,
        "--attr",
        "value=15000",
        "--attr",
        "qualifier=up_to",
        "--attr",
        "unit=soldiers",
        "--attr",
        "quantity=troops",
        "--format",
        "json",
    )
    assert code == 0, err
    made = json.loads(out)
    assert made["text"] == "up to 15,000 soldiers" and made["annotator"] == "tester"
    assert made["attributes"]["value"] == 15000 and made["attributes"]["qualifier"] == "up_to"
    code, out, _ = run(capsys, "annotations", "--db", db_path, "--format", "json", "--kind", "figure")
    assert [a["id"] for a in json.loads(out)] == [made["id"]]
    code, out, _ = run(capsys, "articles", "--db", db_path, "--format", "json")
    assert json.loads(out)[1]["counts"]["figure"] == 1


def test_set_meta(capsys, db_path):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, _, _ = run(
        capsys, "set-meta", "5", "--db", db_path, "--outlet", "Security Management", "--date", "2022-01-07"
    )
    assert code == 0
    _, out, _ = run(capsys, "show", "5", "--db", db_path, "--format", "json")
    data = json.loads(out)
    assert data["outlet"] == "Security Management" and data["published"] == "2022-01-07"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["show", "99"], "no article with id 99"),
        (["annotate", "1", "--kind", "claim", "--start", "10", "--end", "5"], "outside article 1"),
        (
            ["annotate", "1", "--kind", "claim", "--start", "0", "--end", "5", "--attr", "value=3"],
            "'value' is not an attribute of a claim",
        ),
        (["set-meta", "1", "--date", "7 January"], "YYYY-MM-DD"),
    ],
)
def test_errors_are_one_line_without_traceback(capsys, db_path, argv, needle):
    run(capsys, "import", "--db", db_path, CORPUS)
    code, _, err = run(capsys, *argv, "--db", db_path)
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err


def test_env_var_selects_the_database(tmp_path):
    db = tmp_path / "env.sqlite"
    env = {
        "KZT_ANNOTATOR_DB": str(db),
        "PATH": "",
        "HOME": str(tmp_path),
        "KZT_ANNOTATOR_CONFIG_DIR": str(tmp_path / "cfg"),
        "KZT_ANNOTATOR_CLI_SERVER": "off",  # no server outlives the test
    }
    result = subprocess.run(
        [sys.executable, "-m", "kzt_annotator", "import", str(CORPUS)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_db_option_before_or_after_the_verb(capsys, db_path):
    code, out, _ = run(capsys, "--db", db_path, "import", CORPUS)
    assert code == 0 and "5 imported" in out
    _, out, _ = run(capsys, "--db", db_path, "articles", "--format", "json")
    assert len(json.loads(out)) == 5
    _, out, _ = run(capsys, "articles", "--db", db_path, "--format", "json")
    assert len(json.loads(out)) == 5
