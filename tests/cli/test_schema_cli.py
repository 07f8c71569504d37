"""A project-defined kind, and relations, through the CLI: no code change, one-line errors."""

from __future__ import annotations

import csv
import json

import pytest

from tests.cli.test_cli import run
from tests.conftest import CORPUS, dump_database

FRAME = [
    "schema",
    "add-kind",
    "frame",
    "--field",
    "frame_type:category=economic,security,political",
    "--field",
    "strength:number",
    "--field",
    "explicit:boolean",
]


@pytest.fixture
def project(capsys, db_path):
    assert run(capsys, "import", "--db", db_path, CORPUS)[0] == 0
    return db_path


def _annotate(capsys, db, *args):
    code, out, err = run(
        capsys, "annotate", "--db", db, "1", "--annotator", "alice", "--format", "json", *args
    )
    assert code == 0, err
    return json.loads(out)


def test_a_project_kind_is_tagged_and_exported_as_csv_columns_and_brat_attributes(capsys, project, tmp_path):
    code, out, _ = run(capsys, *FRAME, "--db", project)
    assert code == 0 and out.startswith("added kind frame (key 4)")
    made = _annotate(
        capsys,
        project,
        "--kind",
        "frame",
        "--start",
        "0",
        "--end",
        "10",
        "--attr",
        "frame_type=Security",
        "--attr",
        "strength=2",
        "--attr",
        "explicit=yes",
    )
    assert made["kind"] == "frame"
    assert made["attributes"] == {"frame_type": "security", "strength": 2.0, "explicit": True}

    out_csv = tmp_path / "out.csv"
    assert run(capsys, "export-csv", "--db", project, out_csv)[0] == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    header = out_csv.read_text(encoding="utf-8").splitlines()[0].split(",")
    # the project kind's fields come after the fixed columns; the neutralised marker ends the row
    assert header[-6:] == ["relations", "orphaned", "frame_type", "strength", "explicit", "neutralised"]
    [row] = rows
    assert (row["kind"], row["frame_type"], row["strength"], row["explicit"]) == (
        "frame",
        "security",
        "2",
        "true",
    )
    assert row["quantity"] == "" and row["stance"] == ""

    folder = tmp_path / "brat"
    assert run(capsys, "export-brat", "--db", project, folder)[0] == 0
    [ann] = folder.glob("*.ann")
    lines = ann.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("T1\tFrame 0 10\t")
    assert (
        "A1\tframe_type T1 security" in lines
        and "A2\tstrength T1 2" in lines
        and "A3\texplicit T1 true" in lines
    )
    assert "Frame" in (folder / "annotation.conf").read_text(encoding="utf-8").split("[relations]")[0]

    # and back: the CSV imports into a fresh project with the same kind
    other = tmp_path / "other.sqlite"
    assert run(capsys, "import", "--db", other, CORPUS)[0] == 0
    assert run(capsys, *FRAME, "--db", other)[0] == 0
    assert run(capsys, "import-annotations", "--db", other, out_csv)[0] == 0
    code, out, _ = run(capsys, "annotations", "--db", other, "--kind", "frame", "--format", "json")
    assert json.loads(out)[0]["attributes"] == made["attributes"]


def test_schema_list_shows_kinds_fields_and_relation_types(capsys, project):
    run(capsys, *FRAME, "--db", project)
    code, out, _ = run(capsys, "schema", "list", "--db", project, "--format", "json")
    data = json.loads(out)
    kinds = {k["name"]: k for k in data["kinds"]}
    assert list(kinds) == ["claim", "attribution", "figure", "frame"]
    figure_fields = sorted(kinds["figure"]["fields"], key=lambda f: f["editor_position"])
    assert [f["name"] for f in figure_fields][:4] == ["quantity", "value", "qualifier", "figure_source"]
    assert kinds["frame"]["fields"][0] == {
        "name": "frame_type",
        "type": "category",
        "label": "Frame type",
        "values": ["economic", "security", "political"],
        "codebook": None,
        "editor_position": 1,
    }
    assert {r["name"]: (r["from"], r["to"]) for r in data["relation_types"]}["supports"] == (
        ["attribution"],
        ["claim"],
    )
    code, out, _ = run(capsys, "schema", "list", "--db", project)
    assert code == 0 and "frame_type:category=economic,security,political" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["schema", "add-kind", "frame", "--field", "x:colour"], "unknown type 'colour'"),
        (["schema", "add-kind", "figure", "--field", "x:text"], "a kind named 'figure' exists already"),
        (["schema", "add-kind", "event", "--field", "quantity:text"], "declared by kind 'figure'"),
        (["schema", "add-relation", "causes", "--from", "nothing"], "unknown kind 'nothing'"),
        (
            [
                "annotate",
                "1",
                "--kind",
                "frame",
                "--start",
                "0",
                "--end",
                "5",
                "--attr",
                "frame_type=cultural",
            ],
            "frame_type: 'cultural' is not one of economic, security, political",
        ),
        (["annotate", "1", "--kind", "framing", "--start", "0", "--end", "5"], "unknown kind 'framing'"),
    ],
)
def test_bad_schema_input_is_one_line_exit_1_and_changes_nothing(capsys, project, argv, message):
    run(capsys, *FRAME, "--db", project)
    before = dump_database(project)
    code, _, err = run(capsys, *argv, "--db", project)
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1 and message in err
    assert dump_database(project) == before


def test_relate_relations_unrelate(capsys, project):
    claim = _annotate(capsys, project, "--kind", "claim", "--start", "0", "--end", "10")
    figure = _annotate(capsys, project, "--kind", "figure", "--start", "20", "--end", "30")
    speaker = _annotate(
        capsys, project, "--kind", "attribution", "--start", "40", "--end", "50", "--link", claim["id"]
    )
    assert speaker["linked_annotation_ids"] == [claim["id"]]
    code, out, _ = run(
        capsys,
        "relate",
        "--db",
        project,
        speaker["id"],
        figure["id"],
        "--type",
        "source_of",
        "--format",
        "json",
    )
    assert code == 0
    relation = json.loads(out)
    assert (relation["type"], relation["source"], relation["target"]) == (
        "source_of",
        speaker["id"],
        figure["id"],
    )

    before = dump_database(project)
    code, _, err = run(capsys, "relate", "--db", project, figure["id"], claim["id"], "--type", "supports")
    assert code == 1 and err.count("\n") == 1
    assert "a supports relation goes from attribution to claim, not from figure to claim" in err
    assert dump_database(project) == before

    assert (
        run(
            capsys,
            "schema",
            "add-relation",
            "cites",
            "--from",
            "claim",
            "--to",
            "claim,figure",
            "--db",
            project,
        )[0]
        == 0
    )
    assert run(capsys, "relate", "--db", project, claim["id"], figure["id"], "--type", "cites")[0] == 0
    code, out, _ = run(capsys, "relations", "--db", project, "--article", "1", "--format", "json")
    assert [r["type"] for r in json.loads(out)] == ["supports", "source_of", "cites"]
    assert run(capsys, "unrelate", "--db", project, relation["id"])[0] == 0
    code, out, _ = run(capsys, "relations", "--db", project, "--format", "json")
    assert [r["type"] for r in json.loads(out)] == ["supports", "cites"]
    # deleting the claim takes its relations with it
    assert run(capsys, "delete-annotation", "--db", project, claim["id"], "--annotator", "alice")[0] == 0
    code, out, _ = run(capsys, "relations", "--db", project, "--format", "json")
    assert json.loads(out) == []
