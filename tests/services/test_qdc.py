"""REFI-QDA codebooks through `codebook import|export FILE`: .qdc valid against Codebook.xsd, tree,
colours, descriptions, labels and aliases kept; the ATLAS.ti project's 14 codes from its .qdpx."""

from __future__ import annotations

import pytest
from lxml import etree

from kzt_annotator.cli import main
from kzt_annotator.io.refi_xml import schema_errors
from tests.conftest import EXTERNAL

SAMPLE = EXTERNAL / "refi-qda" / "atlasti-standard-project.qdpx"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def entries(capsys, db):
    import json

    code, out, err = run(capsys, "codebook", "list", "--format", "json", "--db", db)
    assert code == 0, err
    return json.loads(out)


def shape(items):
    keep = ("kind", "key", "label", "colour", "description", "parent", "aliases")
    return sorted(
        tuple((k, tuple(e[k]) if isinstance(e.get(k), list) else e.get(k)) for k in keep) for e in items
    )


def test_qdc_export_is_valid_and_an_empty_project_gets_the_same_codebook(capsys, tmp_path):
    db, other, qdc = tmp_path / "a.sqlite", tmp_path / "b.sqlite", tmp_path / "book.qdc"
    assert run(capsys, "init", "--db", db)[0] == 0
    for argv in (
        ["quantity", "deaths", "--colour", "#C62828", "--description", "people killed, all sides"],
        ["quantity", "deaths.security_forces", "--parent", "deaths", "--label", "Security forces killed"],
        ["quantity", "deaths.protesters", "--parent", "deaths", "--description", "civilians & <protesters>"],
        ["speaker", "Kassym-Jomart Tokayev", "--alias", "Tokayev", "--alias", "Kassym-Shomart Tokayev"],
        ["outlet", "Reuters", "--colour", "#FF8000"],
        ["category", "framing", "--description", "how the story is framed"],
        ["category", "security frame", "--parent", "framing"],
    ):
        code, _, err = run(capsys, "codebook", "add", *argv, "--db", db)
        assert code == 0, err
    code, out, err = run(capsys, "codebook", "export", qdc, "--db", db)
    assert code == 0, err
    assert schema_errors(etree.fromstring(qdc.read_bytes()), "Codebook.xsd") == []
    code, out, err = run(capsys, "codebook", "import", qdc, "--db", other)
    assert code == 0, err
    assert shape(entries(capsys, other)) == shape(entries(capsys, db))


@pytest.mark.parametrize("how", ["codebook import", "import-qdpx --codebook-only"])
def test_the_atlas_ti_projects_14_codes_come_in_with_tree_colours_and_descriptions(capsys, tmp_path, how):
    db = tmp_path / "p.sqlite"
    argv = (
        ["codebook", "import", SAMPLE]
        if how == "codebook import"
        else ["import-qdpx", SAMPLE, "--codebook-only"]
    )
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 0, err
    got = {e["key"]: e for e in entries(capsys, db)}
    assert len(got) == 14 and {e["kind"] for e in got.values()} == {"category"}
    assert (got["diet Coke"]["parent"], got["full-fat Coke"]["parent"], got["Coke"]["parent"]) == (
        "Coke",
        "Coke",
        None,
    )
    assert (got["Coke"]["colour"], got["Coke"]["description"]) == ("#966450", "the breakfast of champions")
    assert got["cornflakes"]["description"] == "breakfast cereal made by Kellogg’s"
    assert got["milk"]["colour"] == ""
    assert run(capsys, "articles", "--format", "json", "--db", db)[1].strip() == "[]"
