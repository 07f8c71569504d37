"""export-qdpx / import-qdpx from the shell: the ATLAS.ti sample, bad files, exit codes."""

from __future__ import annotations

import io
import zipfile

import pytest

from kzt_annotator.cli import main
from tests.conftest import EXTERNAL, dump_database

SAMPLE = EXTERNAL / "refi-qda" / "atlasti-standard-project.qdpx"
SOURCES = [
    "1960s Coca Cola commercial - Audio.docx",
    "1960s Coca Cola commercial - Visual.docx",
    "1994 Diet Coke-Diet Coke Break.docx",
    "Mabêl 2ième.txt",
    "Mabel.txt",
    "Simon.docx",
]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empty_db(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    assert run(capsys, "init", "--db", db)[0] == 0
    return db


def test_atlas_ti_sample_without_its_sources_names_all_six_and_imports_nothing(capsys, empty_db):
    before = dump_database(empty_db)
    code, out, err = run(capsys, "import-qdpx", SAMPLE, "--db", empty_db)
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert "6 of 6 text sources are missing" in err
    for name in SOURCES:
        assert name in err
    assert "--codebook-only" in err
    assert dump_database(empty_db) == before


def _qdpx(project: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", project)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD_HEAD = b'<Project xmlns="urn:QDA-XML:project:1.0" name="t">'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_qdpx(b'<Project xmlns="urn:QDA-XML:project:1.0"/>'), "does not follow the REFI-QDA schema"),
        (_qdpx(GOOD_HEAD + b"<Bogus/></Project>"), "does not follow the REFI-QDA schema"),
        (_qdpx(GOOD_HEAD + b"</Project>", {"../../escape.txt": b"x"}), "unsafe path"),
        (b"plain text, not a zip", "not a ZIP file"),
        (
            _qdpx(
                GOOD_HEAD + b'<Sources><TextSource guid="11111111-1111-1111-1111-111111111111" name="a" '
                b'plainTextPath="internal://a.txt"><PlainTextSelection guid="22222222-2222-2222-2222-222222222222" '
                b'startPosition="3" endPosition="99"/></TextSource></Sources></Project>',
                {"Sources/a.txt": b"short text"},
            ),
            "outside its text of 10 characters",
        ),
    ],
)
def test_bad_qdpx_is_one_line_exit_1_and_changes_nothing(capsys, empty_db, tmp_path, content, expected):
    bad = tmp_path / "bad.qdpx"
    bad.write_bytes(content)
    before = dump_database(empty_db)
    code, _, err = run(capsys, "import-qdpx", bad, "--db", empty_db)
    assert code == 1
    assert expected in err and err.count("\n") == 1
    assert dump_database(empty_db) == before
