"""Every expected failure is one line naming what happened and what to do, with exit 1.

Exit 70 ("unexpected error, please report it") is kept for real bugs; a walk over every verb
with bad arguments checks that none of them reaches it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kzt_annotator.cli import build_parser, main
from tests.conftest import CORPUS, dump_database


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert code == 1, err
    assert len(lines) == 1, err
    assert "unexpected error" not in err and "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def project(capsys, db_path: Path) -> Path:
    code, _, _ = run(capsys, "import", "--db", db_path, CORPUS)
    assert code == 0
    return db_path


def test_import_annotations_of_a_missing_file(capsys, project, tmp_path):
    code, _, err = run(capsys, "import-annotations", "--db", project, tmp_path / "nope.csv")
    one_line_error(code, err, "nope.csv", "does not exist")


def test_export_csv_onto_a_folder(capsys, project, tmp_path):
    code, _, err = run(capsys, "export-csv", "--db", project, tmp_path)
    one_line_error(code, err, "is a folder", "file")


def test_export_brat_onto_a_file(capsys, project, tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(capsys, "export-brat", "--db", project, target)
    one_line_error(code, err, "is a file", "folder")
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("verb", ["export-csv", "export-jsonld", "export-bundle"])
def test_export_to_a_full_disk(capsys, project, verb):
    code, _, err = run(capsys, verb, "--db", project, "/dev/full")
    one_line_error(code, err, "disk is full", "/dev/full")
    assert Path("/dev/full").is_char_device()  # written into, never replaced


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A scratch folder an unprivileged user can enter (tmp_path's parents are root-only)."""
    with tempfile.TemporaryDirectory(prefix="kzt-perm-") as name:
        folder = Path(name)
        folder.chmod(0o777)
        yield folder


def run_unprivileged(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The CLI in a child process that permissions apply to (as root, run it as 'nobody')."""
    env = dict(os.environ, KZT_ANNOTATOR_CONFIG_DIR=str(cwd / "config"), KZT_ANNOTATOR_USER="tester")
    (cwd / "config").mkdir(exist_ok=True)
    (cwd / "config").chmod(0o777)
    extra = {"user": 65534} if os.geteuid() == 0 else {}
    return subprocess.run(
        [sys.executable, "-m", "kzt_annotator.cli", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **extra,
    )


def _make_project(folder: Path) -> Path:
    db = folder / "project.sqlite"
    assert main(["import", "--db", str(db), str(CORPUS)]) == 0
    for path in [db, *folder.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    return db


def test_export_into_a_read_only_folder(shared_dir, capsys):
    db = _make_project(shared_dir)
    capsys.readouterr()
    locked = shared_dir / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    done = run_unprivileged(["export-csv", "--db", str(db), str(locked / "out.csv")], shared_dir)
    one_line_error(done.returncode, done.stderr, "permission denied", "out.csv")
    assert list(locked.iterdir()) == []


def test_a_read_only_project_folder_is_named_as_such(shared_dir, capsys):
    folder = shared_dir / "ro"
    folder.mkdir()
    db = _make_project(folder)
    capsys.readouterr()
    folder.chmod(0o555)
    try:
        done = run_unprivileged(["articles", "--db", str(db)], shared_dir)
    finally:
        folder.chmod(0o777)
    one_line_error(done.returncode, done.stderr, "read-only", str(folder))
    assert "back up" not in done.stderr and "disk space" not in done.stderr


def test_a_read_takes_no_backup_and_a_write_refuses_without_one(shared_dir, capsys):
    db = _make_project(shared_dir)
    capsys.readouterr()
    backups = shared_dir / "backups"
    backups.mkdir(exist_ok=True)
    backups.chmod(0o555)
    for sub in backups.iterdir():
        sub.chmod(0o555)
    db.touch()  # changed since the newest backup: an on-open backup is due
    try:
        read = run_unprivileged(["articles", "--db", str(db), "--format", "json"], shared_dir)
        export = run_unprivileged(["export-csv", "--db", str(db), str(shared_dir / "x.csv")], shared_dir)
        write = run_unprivileged(["set-meta", "1", "--db", str(db), "--outlet", "X"], shared_dir)
    finally:
        for sub in backups.iterdir():
            sub.chmod(0o777)
        backups.chmod(0o777)
    assert read.returncode == 0 and len(json.loads(read.stdout)) == 5 and read.stderr == ""
    assert export.returncode == 0 and (shared_dir / "x.csv").exists() and export.stderr == ""
    one_line_error(write.returncode, write.stderr, "back up")


def test_a_damaged_project_file_is_named_as_such(capsys, tmp_path):
    damaged = tmp_path / "project.sqlite"
    damaged.write_bytes(b"this is not a database " * 200)
    code, _, err = run(capsys, "articles", "--db", damaged)
    one_line_error(code, err, "damaged", "restore")
    assert "back up" not in err and "disk space" not in err
    assert not (tmp_path / "backups").exists()


def test_a_project_damaged_inside_is_named_as_such(capsys, project):
    data = bytearray(project.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page after the schema's first
    project.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        project.with_name(project.name + extra).unlink(missing_ok=True)
    code, _, err = run(capsys, "annotations", "--db", project)
    one_line_error(code, err, "restore")


@pytest.mark.parametrize("verb", ["articles", "annotations", "claims", "export-csv", "annotate", "backups"])
def test_a_mistyped_db_is_not_silently_created(capsys, tmp_path, verb):
    missing = tmp_path / "projcet.sqlite"
    extra = {
        "export-csv": [tmp_path / "x.csv"],
        "annotate": ["1", "--kind", "claim", "--start", "0", "--end", "3"],
    }
    code, _, err = run(capsys, verb, "--db", missing, *extra.get(verb, []))
    if verb == "backups":  # lists backups of a file: none, and says so
        assert code in (0, 1)
    else:
        one_line_error(code, err, "no project at", "import")
    assert not missing.exists()


def test_init_and_import_create_the_project(capsys, tmp_path):
    new = tmp_path / "new.sqlite"
    code, _, _ = run(capsys, "import", "--db", new, CORPUS)
    assert code == 0 and new.exists()
    empty = tmp_path / "empty.sqlite"
    code, out, _ = run(capsys, "init", "--db", empty)
    assert code == 0 and empty.exists() and "0 article(s)" in out
    code, out, _ = run(capsys, "articles", "--db", empty, "--format", "json")
    assert code == 0 and out.strip() == "[]"


def test_annotate_link_to_a_missing_annotation(capsys, project):
    before = dump_database(project)
    code, _, err = run(
        capsys,
        "annotate",
        "1",
        "--db",
        project,
        "--kind",
        "attribution",
        "--start",
        "0",
        "--end",
        "5",
        "--link",
        "0000dead-0000-0000-0000-000000000000",
    )
    one_line_error(code, err, "no annotation 0000dead")
    assert dump_database(project) == before


def test_argparse_errors_are_one_line_and_exit_1(capsys, project):
    code, _, err = run(capsys, "annotations", "--db", project, "--format", "foo")
    one_line_error(code, err, "invalid choice", "--help")
    code, _, err = run(capsys, "no-such-verb")
    one_line_error(code, err, "invalid choice")
    code, out, _ = run(capsys, "annotations", "--help")
    assert code == 0 and "usage" in out


def test_a_file_name_that_is_not_utf8_does_not_stop_the_import(capsys, tmp_path, db_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt"))[:2]:
        (folder / source.name).write_bytes(source.read_bytes())
    bad = os.path.join(os.fsencode(folder), b"caf\xe9-\xff.txt")
    with open(bad, "wb") as handle:
        handle.write(b"A short article about the protests in Almaty.\n\nIt has a body.")
    code, out, err = run(capsys, "import", "--db", db_path, folder)
    assert code == 1
    assert out.strip().endswith("2 imported, 0 duplicate, 1 failed")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "not valid UTF-8" in lines[0] and "caf\\xe9-\\xff.txt" in lines[0]


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        (
            "target.jsonld",
            {"type": "AnnotationPage", "items": [{"type": "Annotation", "target": "urn:x", "body": 5}]},
            "annotation 1",
        ),
        (
            "offsets.jsonld",
            {
                "type": "Annotation",
                "body": {"purpose": "tagging", "value": "claim"},
                "target": {
                    "source": "urn:sha256:00",
                    "selector": [{"type": "TextPositionSelector", "start": [1], "end": {}}],
                },
            },
            "TextPositionSelector.start must be a whole number",
        ),
        (
            "selector.jsonld",
            {"type": "Annotation", "body": [], "target": {"selector": 7}},
            "target.selector",
        ),
        ("pages.jsonld", {"type": "AnnotationCollection", "first": {"items": 3}}, "items must be a list"),
        (
            "bundle-key.json",
            {
                "format": "kzt-annotator-bundle",
                "articles": [{"text": "abc", "title": "t", "boilerplate": [{}]}],
            },
            "needs a start and an end",
        ),
        (
            "bundle-type.json",
            {
                "format": "kzt-annotator-bundle",
                "articles": [],
                "annotations": [
                    {"kind": "claim", "start": 0, "end": 1, "text": "a", "linked_annotation_ids": 5}
                ],
            },
            "linked_annotation_ids must be a list",
        ),
        (
            "bundle-list.json",
            {"format": "kzt-annotator-bundle", "articles": {"a": 1}},
            "articles must be a list",
        ),
    ],
)
def test_json_of_the_wrong_shape_is_refused_in_one_line(capsys, project, tmp_path, name, data, needle):
    before = dump_database(project)
    code, _, err = run(capsys, "import-annotations", "--db", project, _write_json(tmp_path / name, data))
    one_line_error(code, err, needle)
    assert dump_database(project) == before


def test_json_nested_100000_deep(capsys, project, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run(capsys, "import-annotations", "--db", project, deep)
    one_line_error(code, err, "nested too deeply")


# -- every verb with bad arguments ---------------------------------------------------------


def _verbs() -> dict[str, object]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return dict(sub.choices)


def _bad_argvs(verb: str, sub_parser, db: Path, scratch: Path) -> list[list[str]]:
    """Command lines that must fail plainly: missing arguments, unknown options, values that
    name nothing (no such article, file or annotation), and a project that does not exist."""
    positional, required = [], []
    for action in sub_parser._actions:
        if action.option_strings:
            if action.required:
                required += [action.option_strings[0], (action.choices and list(action.choices)[0]) or "7"]
        elif action.dest != "help":
            positional.append(action)
    names = ["99999", str(scratch / "no-such-file.csv"), "no-such-id"]
    argvs = [[verb, "--db", str(db)], [verb, "--db", str(db), "--no-such-option"]]
    for value in names:
        values = [value] * sum(1 if a.nargs in (None, 1) else 1 for a in positional)
        argvs.append([verb, "--db", str(db), *values, *required])
    argvs.append([verb, "--db", str(scratch / "missing.sqlite"), *(["1"] * len(positional)), *required])
    argvs.append([verb, "--db", str(db), *(["x"] * len(positional)), *required, "--start", "-5"])
    return argvs


def test_every_verb_with_bad_arguments_exits_0_or_1_with_one_line(capsys, project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # verbs that write take a bad argument as a file name: keep it here
    verbs = _verbs()
    assert len(verbs) >= 20
    seen = 0
    for verb, sub_parser in verbs.items():
        for argv in _bad_argvs(verb, sub_parser, project, tmp_path):
            code = main(argv)
            _, err = capsys.readouterr()
            seen += 1
            assert code in (0, 1), (argv, code, err)
            assert "unexpected error" not in err and "Traceback" not in err, (argv, err)
            if code == 1:
                assert len(err.strip().splitlines()) == 1, (argv, err)
    assert seen >= 6 * len(verbs)
