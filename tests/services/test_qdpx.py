"""REFI-QDA projects (.qdpx): our export against the schema, import of our own and of ATLAS.ti's."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from kzt_annotator.io.refi_project import read_project
from kzt_annotator.io.refi_xml import PROJECT_NS, read_qdpx, schema_errors
from kzt_annotator.services.qdpx_export import export_qdpx
from tests.services.test_exchange import tagged  # noqa: F401  (fixture)

N = f"{{{PROJECT_NS}}}"


def test_export_is_valid_against_the_project_schema_and_positions_are_our_offsets(tagged, tmp_path):  # noqa: F811
    out = tmp_path / "project.qdpx"
    report = export_qdpx(tagged, out)
    assert (report.sources, report.selections) == (5, 21)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        root = etree.fromstring(archive.read("project.qde"))
        texts = {
            n.split("/", 1)[1]: archive.read(n).decode("utf-8") for n in names if n.startswith("Sources/")
        }
    assert schema_errors(root, "Project-mrt2019.xsd") == []
    assert len(texts) == 5
    annotations = {a.id.upper(): a for a in tagged.annotations()}
    seen = 0
    for source in root.iter(N + "TextSource"):
        text = texts[source.get("plainTextPath").removeprefix("internal://")]
        for sel in source.iter(N + "PlainTextSelection"):
            ann = annotations[sel.get("guid")]
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            assert (start, end) == (ann.start, ann.end)
            assert text[start:end] == ann.text
            seen += 1
    assert seen == 21
    project = read_project(read_qdpx(out.read_bytes()).project_xml)
    assert {u.name for u in project.users} >= {"alice", "bob"}
    top = {c.name: c for c in project.codes}
    assert {"claim", "attribution", "figure"} <= set(top)
    assert "russia_sent_troops" in {c.name for c in top["claim"].children}
    assert "troops" in {c.name for c in top["figure"].children}
    assert [v.name for v in project.variables] == ["outlet", "author", "published", "url", "language"]
    assert len(project.notes) == 1 and project.notes[0].text.startswith("=HYPERLINK")


def test_round_trip_through_qdpx_keeps_every_annotation(tagged, tmp_path):  # noqa: F811
    from kzt_annotator.services.qdpx_import import import_qdpx
    from kzt_annotator.store.repository import open_repository

    out = tmp_path / "project.qdpx"
    export_qdpx(tagged, out)
    empty = open_repository(tmp_path / "empty.sqlite")
    try:
        report = import_qdpx(empty, out)
        assert report.annotations is not None
        assert (report.annotations.added, report.annotations.refused) == (21, [])
        assert report.annotations.articles_added == 5

        def key(a):
            return (
                a.id,
                str(a.kind),
                a.start,
                a.end,
                a.text,
                a.attributes,
                a.annotator,
                a.status,
                a.note,
                a.linked_ids,
                a.reviewer,
                a.review_note,
            )

        theirs = sorted(key(a) for a in empty.annotations())
        ours = sorted(key(a) for a in tagged.annotations())
        assert theirs == ours
        by_sha = {s.sha256: s for s in tagged.article_summaries()}
        for s in empty.article_summaries():
            original = by_sha[s.sha256]
            assert (s.title, s.outlet, s.author, s.published) == (
                original.title,
                original.outlet,
                original.author,
                original.published,
            )
        again = import_qdpx(empty, out)
        assert (again.annotations.added, again.annotations.unchanged) == (0, 21)
    finally:
        empty.close()


def _foreign_qdpx(tmp_path, text_bytes: bytes, start: int, end: int, name: str):
    import io

    project = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other tool" origin="Some QDA 1.0">
  <Users><User guid="AAAAAAAA-0000-0000-0000-000000000001" name="Carol"/></Users>
  <CodeBook><Codes>
    <Code guid="BBBBBBBB-0000-0000-0000-000000000001" name="figure" isCodable="false">
      <Code guid="BBBBBBBB-0000-0000-0000-000000000002" name="detained" isCodable="true" color="#112233"/>
    </Code>
    <Code guid="BBBBBBBB-0000-0000-0000-000000000003" name="Mood::calm" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="CCCCCCCC-0000-0000-0000-000000000001" name="outlet" typeOfVariable="Text"/></Variables>
  <Sources>
    <TextSource guid="DDDDDDDD-0000-0000-0000-000000000001" name="Report one" plainTextPath="internal://one.txt">
      <PlainTextSelection guid="EEEEEEEE-0000-0000-0000-000000000001" name="{name}" startPosition="{start}" endPosition="{end}" creatingUser="AAAAAAAA-0000-0000-0000-000000000001">
        <Coding guid="FFFFFFFF-0000-0000-0000-000000000001"><CodeRef targetGUID="BBBBBBBB-0000-0000-0000-000000000002"/></Coding>
        <Coding guid="FFFFFFFF-0000-0000-0000-000000000002"><CodeRef targetGUID="BBBBBBBB-0000-0000-0000-000000000003"/></Coding>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="CCCCCCCC-0000-0000-0000-000000000001"/><TextValue>Daily Planet</TextValue></VariableValue>
    </TextSource>
  </Sources>
  <Notes><Note guid="99999999-0000-0000-0000-000000000001" name="plan"><PlainTextContent>a project memo</PlainTextContent></Note></Notes>
</Project>""".encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", project)
        archive.writestr("Sources/one.txt", text_bytes)
    path = tmp_path / "other.qdpx"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(
    ("start", "end", "how"),
    [(33, 42, "each CR counted"), (32, 41, "a CRLF counted as one character")],
)
def test_another_tools_codings_land_on_the_right_characters(repo, tmp_path, start, end, how):
    from kzt_annotator.services.qdpx_import import import_qdpx

    raw = "Héllo 🙂 world.\r\nPolice said that 12 people were held.\r\n"
    path = _foreign_qdpx(tmp_path, raw.encode("utf-8"), start, end, "12 people")
    report = import_qdpx(repo, path)
    (ann,) = repo.annotations()
    assert ann.text == "12 people", how
    assert (str(ann.kind), ann.annotator) == ("figure", "Carol")
    assert ann.attributes.quantity == "detained"
    (article,) = repo.article_summaries()
    assert article.outlet == "Daily Planet" and article.title == "Report one"
    assert report.not_represented["codings with a code that is not a kind here"] == 1
    assert report.not_represented["notes not attached to a selection"] == 1
    assert "not represented here" in report.summary()


def test_document_variables_and_memos_go_across(corpus_repo, tmp_path):
    from kzt_annotator.io.refi_project import read_project
    from kzt_annotator.services import metadata
    from kzt_annotator.services.qdpx_import import import_qdpx
    from kzt_annotator.store.repository import open_repository

    metadata.add_variable(corpus_repo, "ownership", "category", ["state", "private"])
    metadata.add_variable(corpus_repo, "circulation", "number")
    first, second = [s.id for s in corpus_repo.article_summaries()[:2]]
    metadata.edit_metadata(
        corpus_repo, [first], {"memo": "check the date line"}, {"ownership": "state", "circulation": "12500"}
    )
    metadata.edit_metadata(corpus_repo, [second], {}, {"ownership": "private"})
    out = tmp_path / "vars.qdpx"
    export_qdpx(corpus_repo, out)
    project = read_project(read_qdpx(out.read_bytes()).project_xml)
    kinds = {v.name: v.type for v in project.variables}
    assert (kinds["ownership"], kinds["circulation"]) == ("Text", "Float")
    assert any(n.text == "check the date line" for n in project.notes)
    empty = open_repository(tmp_path / "empty.sqlite")
    try:
        report = import_qdpx(empty, out)
        assert "not represented" not in report.summary()
        variables = {v.name: v for v in empty.variables()}
        assert variables["ownership"].values == ("state", "private")
        assert str(variables["circulation"].type) == "number"
        by_sha = {s.sha256: s for s in empty.article_summaries()}
        originals = {s.sha256: s for s in corpus_repo.article_summaries()}
        for sha, original in originals.items():
            assert (by_sha[sha].variables, by_sha[sha].memo) == (original.variables, original.memo)
    finally:
        empty.close()
