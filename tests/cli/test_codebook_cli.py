"""`codebook` verbs as a user runs them: tree listing, JSON, one-line errors that change nothing."""

import json

import pytest

from kzt_annotator.cli import main
from tests.conftest import dump_database


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def build(capsys, db):
    assert run(capsys, "init", "--db", db)[0] == 0  # only init and the import verbs make a project
    for argv in (
        ("add", "quantity", "deaths", "--label", "Deaths", "--colour", "#c62828", "--description", "all"),
        ("add", "quantity", "deaths.protesters", "--parent", "deaths"),
        ("add", "quantity", "deaths.security_forces", "--parent", "deaths"),
        (
            "add",
            "speaker",
            "tokayev",
            "--label",
            "Kassym-Jomart Tokayev",
            "--alias",
            "Kassym-Shomart Tokayev",
            "--alias",
            "Tokayev",
        ),
    ):
        code, _out, err = run(capsys, "codebook", *argv, "--db", db)
        assert code == 0, err


def test_list_shows_the_tree_and_json_carries_every_field(capsys, db_path):
    build(capsys, db_path)
    code, out, _ = run(capsys, "codebook", "list", "--kind", "quantity", "--db", db_path)
    assert code == 0
    lines = out.splitlines()[2:]
    assert [line.split()[1] for line in lines] == ["deaths", "deaths.protesters", "deaths.security_forces"]
    assert lines[1].index("deaths.protesters") == lines[0].index("deaths") + 2  # indented by depth
    code, out, _ = run(capsys, "codebook", "list", "--format", "json", "--db", db_path)
    data = json.loads(out)
    speaker = next(e for e in data if e["kind"] == "speaker")
    assert speaker == {
        "kind": "speaker",
        "key": "tokayev",
        "label": "Kassym-Jomart Tokayev",
        "parent": None,
        "aliases": ["Kassym-Shomart Tokayev", "Tokayev"],
        "colour": "",
        "description": "",
        "depth": 0,
    }
    assert next(e for e in data if e["key"] == "deaths")["colour"] == "#C62828"


def test_rename_move_merge_delete(capsys, db_path):
    build(capsys, db_path)
    assert run(capsys, "codebook", "rename", "quantity", "deaths", "killed", "--db", db_path)[0] == 0
    assert run(capsys, "codebook", "move", "quantity", "deaths.protesters", "--top", "--db", db_path)[0] == 0
    code, out, err = run(
        capsys, "codebook", "merge", "quantity", "deaths.protesters", "--into", "killed", "--db", db_path
    )
    assert code == 0, err
    assert run(capsys, "codebook", "delete", "quantity", "deaths.security_forces", "--db", db_path)[0] == 0
    code, out, _ = run(capsys, "codebook", "list", "--format", "json", "--kind", "quantity", "--db", db_path)
    [entry] = json.loads(out)
    assert entry["key"] == "killed" and entry["aliases"] == ["deaths.protesters"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("rename", "quantity", "nope", "x"), "no quantity 'nope' in the codebook"),
        (("move", "quantity", "deaths", "--parent", "deaths.protesters"), "cycle in the tree"),
        (("add", "quantity", "x", "--colour", "red"), "is not #RRGGBB"),
        (("add", "planet", "x"), "not a codebook kind"),
        (("merge", "speaker", "nobody", "--into", "tokayev"), "no speaker 'nobody'"),
        (("export", "out.xyz"), "unknown codebook file type"),
        (("import", "missing.csv"), "cannot read it"),
    ],
)
def test_bad_input_is_one_line_exit_1_and_changes_nothing(capsys, db_path, tmp_path, argv, message):
    build(capsys, db_path)
    before = dump_database(db_path)
    argv = tuple(str(tmp_path / a) if a.endswith((".qdc", ".csv")) else a for a in argv)
    code, out, err = run(capsys, "codebook", *argv, "--db", db_path)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert dump_database(db_path) == before


def test_export_then_import_into_an_empty_project(capsys, db_path, tmp_path):
    build(capsys, db_path)
    path = tmp_path / "codebook.csv"
    assert run(capsys, "codebook", "export", path, "--db", db_path)[0] == 0
    other = tmp_path / "other.sqlite"
    code, out, _ = run(capsys, "codebook", "import", path, "--db", other)
    assert code == 0 and out.strip() == "4 added, 0 updated, 0 unchanged"
    first = json.loads(run(capsys, "codebook", "list", "--format", "json", "--db", db_path)[1])
    second = json.loads(run(capsys, "codebook", "list", "--format", "json", "--db", other)[1])
    assert first == second
