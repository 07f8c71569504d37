"""Export and exchange on the sample corpus: round trips, W3C validation, safety, malformed files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.kinds import Kind
from kzt_annotator.io.csv_format import COLUMNS
from kzt_annotator.services import annotating, exporting
from kzt_annotator.services.annotation_import import ImportRefused, import_annotations
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS, EXTERNAL, dump_database
from tests.figures_fixture import article_for, tag_corpus_figures
from tests.io.w3c_validator import run_assertions


@pytest.fixture
def tagged(corpus_repo):
    tag_corpus_figures(corpus_repo)
    article = article_for(corpus_repo, "002")
    claim_at = article.text.index("The Kremlin sent 2,500 paratroopers")
    claim = annotating.annotate(
        corpus_repo,
        annotating.new_annotation(
            article,
            Kind.CLAIM,
            claim_at,
            claim_at + 35,
            "alice",
            {"claim_key": "russia_sent_troops", "stance": "reports"},
            note='=HYPERLINK("http://evil.example","click")',
        ),
    )
    said = article.text.index("The Interior Ministry said")
    annotating.annotate(
        corpus_repo,
        annotating.new_annotation(
            article,
            Kind.ATTRIBUTION,
            said,
            said + 26,
            "bob",
            {"speaker": "Interior Ministry"},
            linked_ids=(claim.id,),
        ),
    )
    return corpus_repo


@pytest.fixture
def fresh(tmp_path):
    repo = open_repository(tmp_path / "fresh.sqlite")
    import_paths(repo, [CORPUS])
    yield repo
    repo.close()


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_round_trip_gives_identical_rows(tagged, fresh, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert exporting.export_csv(tagged, first) == 21
    report = import_annotations(fresh, first)
    assert (report.added, report.refused) == (21, [])
    exporting.export_csv(fresh, second)
    assert read_rows(first) == read_rows(second)
    again = import_annotations(fresh, first)
    assert (again.added, again.unchanged, again.updated) == (0, 21, 0)


def test_csv_columns_types_and_formula_safety(tagged, tmp_path):
    out = tmp_path / "a.csv"
    exporting.export_csv(tagged, out)
    rows = read_rows(out)
    assert tuple(rows[0]) == (*COLUMNS, "neutralised")
    frame = pd.read_csv(out)
    assert list(frame.columns) == [*COLUMNS, "neutralised"]
    assert (frame["neutralised"] == "yes").all()
    assert frame["start"].dtype.kind == "i" and frame["value"].dtype.kind == "f"
    claim = frame[frame["kind"] == "claim"].iloc[0]
    assert claim["note"].startswith("'=HYPERLINK(")
    assert frame[frame["kind"] == "figure"]["created_at"].str.match(r"\d{4}-\d\d-\d\dT").all()
    raw = tmp_path / "raw.csv"
    exporting.export_csv(tagged, raw, raw=True)
    assert tuple(read_rows(raw)[0]) == COLUMNS
    assert pd.read_csv(raw).query("kind == 'claim'").iloc[0]["note"].startswith("=HYPERLINK(")
    with_bom = tmp_path / "bom.csv"
    exporting.export_csv(tagged, with_bom, bom=True)
    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbf")


def test_csv_rows_say_what_the_stored_annotations_say(tagged, tmp_path):
    """The export reads plain rows for speed; each row must still match the annotation objects."""
    out = tmp_path / "a.csv"
    exporting.export_csv(tagged, out, raw=True)
    rows = {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in read_rows(out)[1:]}
    annotations = tagged.annotations()
    assert set(rows) == {a.id for a in annotations}
    for a in annotations:
        row = rows[a.id]
        expected = {
            "kind": a.kind.value,
            "start": str(a.start),
            "end": str(a.end),
            "text": a.text,
            "annotator": a.annotator,
            "status": a.status.value,
            "note": a.note,
            "linked_annotation_ids": ";".join(a.linked_ids),
            "created_at": a.created_at.isoformat(),
            "updated_at": a.updated_at.isoformat(),
            **{k: v for k, v in attributes_to_strings(a.attributes).items()},
        }
        assert {k: row[k] for k in expected} == expected, a.text
        text = tagged.article(a.article_id).text
        assert row["context_before"] == text[max(0, a.start - 80) : a.start]


def test_csv_filters(tagged, tmp_path):
    out = tmp_path / "f.csv"
    assert exporting.export_csv(tagged, out, exporting.ExportFilter(kind="claim")) == 1
    assert exporting.export_csv(tagged, out, exporting.ExportFilter(annotator="bob")) == 1
    assert exporting.export_csv(tagged, out, exporting.ExportFilter(outlet="Courthouse News Service")) == 8


def test_bundle_round_trip_into_an_empty_project(tagged, tmp_path):
    bundle, again = tmp_path / "b.json", tmp_path / "c.json"
    exporting.export_bundle(tagged, bundle)
    empty = open_repository(tmp_path / "empty.sqlite")
    try:
        report = import_annotations(empty, bundle)
        assert report.articles_added == 4 and report.added == 21
        exporting.export_bundle(empty, again)
        strip = lambda d: {
            "articles": [
                {k: v for k, v in a.items() if k not in {"id", "imported_at"}} for a in d["articles"]
            ],
            "annotations": [{k: v for k, v in a.items() if k != "article_id"} for a in d["annotations"]],
        }
        assert strip(json.loads(bundle.read_text())) == strip(json.loads(again.read_text()))
    finally:
        empty.close()


def test_bundle_merge_newer_wins_and_conflict_is_listed(tagged, fresh, tmp_path):
    bundle = tmp_path / "b.json"
    exporting.export_bundle(tagged, bundle)
    import_annotations(fresh, bundle)
    target = fresh.annotations()[0]
    annotating.edit(fresh, target.id, note="edited later here")
    report = import_annotations(fresh, bundle)
    assert report.conflicts == [(target.id, "kept the project's newer version")]
    assert fresh.annotation(target.id).note == "edited later here"


def test_jsonld_validates_against_the_w3c_suite(tagged, tmp_path):
    out = tmp_path / "a.jsonld"
    exporting.export_jsonld(tagged, out)
    data = json.loads(out.read_text())
    assert run_assertions(data, "collections/collectionMusts.test") == []
    assert (
        run_assertions(data, "collections/pages/pageMusts.test") == []
    )  # a collection with its page embedded
    for item in data["first"]["items"]:
        assert run_assertions(item, "annotations/annotationMusts.test") == []


def test_jsonld_round_trip(tagged, fresh, tmp_path):
    out = tmp_path / "a.jsonld"
    exporting.export_jsonld(tagged, out)
    report = import_annotations(fresh, out)
    assert report.added == 21 and not report.refused

    def fields(repo):
        return sorted(
            (a.id, a.kind, a.start, a.end, a.text, a.attributes, a.note, a.annotator, a.linked_ids)
            for a in repo.annotations()
        )

    def relations(repo):
        return sorted((r.id, r.type, r.source_id, r.target_id, r.annotator) for r in repo.relations())

    # every field the format carries came back; the attribution's claim link is its `supports`
    # relation (a linking annotation), read back as a relation row and as the derived link
    assert fields(fresh) == fields(tagged)
    assert relations(fresh) == relations(tagged) and relations(tagged)
    assert any(a.linked_ids for a in fresh.annotations())


def test_brat_round_trip(tagged, tmp_path):
    folder = tmp_path / "brat"
    exporting.export_brat(tagged, folder)
    empty = open_repository(tmp_path / "empty.sqlite")
    try:
        report = import_annotations(empty, folder)
        assert report.added == 21 and report.articles_added == 4
        exporting.export_brat(empty, tmp_path / "brat2")
        for ann in sorted(folder.glob("*.ann")):
            assert ann.read_text() == (tmp_path / "brat2" / ann.name).read_text()
        attribution = next(a for a in empty.annotations() if a.kind is Kind.ATTRIBUTION)
        claim = next(a for a in empty.annotations() if a.kind is Kind.CLAIM)
        assert attribution.linked_ids == (claim.id,)
    finally:
        empty.close()


def test_real_brat_sample_imports_and_says_what_it_skipped(tmp_path):
    sample = tmp_path / "news"
    shutil.copytree(EXTERNAL / "brat-sample" / "news", sample)
    repo = open_repository(tmp_path / "brat.sqlite")
    try:
        from kzt_annotator.io.brat import DEFAULT_TYPE_MAP

        type_map = dict(DEFAULT_TYPE_MAP, person=Kind.ATTRIBUTION, organization=Kind.CLAIM, gpe=Kind.CLAIM)
        report = import_annotations(repo, sample, type_map=type_map)
        assert report.articles_added >= 10 and report.added > 50
        assert any(k.startswith("E") or k.startswith("R") or k == "*" for k in report.skipped)
        spans = {(a.start, a.end, a.text) for a in repo.annotations()}
        exporting.export_brat(repo, tmp_path / "out")
        again = open_repository(tmp_path / "again.sqlite")
        try:
            import_annotations(again, tmp_path / "out")
            assert {(a.start, a.end, a.text) for a in again.annotations()} == spans
        finally:
            again.close()
        rerun = import_annotations(repo, sample, type_map=type_map)
        assert rerun.added == 0 and rerun.unchanged == report.added
    finally:
        repo.close()


def test_html_report_escapes_everything(repo, tmp_path):
    evil = '<script>alert(1)</script> headline\n\nThe <b>ministry</b> said 26 people & "others" died.\n'
    (tmp_path / "evil.txt").write_text(evil)
    import_paths(repo, [tmp_path / "evil.txt"])
    article = repo.article(1)
    at = article.text.index("26 people")
    annotating.annotate(
        repo,
        annotating.new_annotation(
            article, Kind.FIGURE, at, at + 9, "x<y>", {"value": "26", "unit": "<img src=x onerror=alert(1)>"}
        ),
    )
    out = exporting.export_html(repo, "1", tmp_path / "r.html")
    html = out.read_text()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and '<mark class="figure"' in html and "Content-Security-Policy" in html


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("bad.csv", "id,foo\n1,2\n", "wrong columns"),
        ("broken.json", '{"format": ', "invalid JSON at line 1"),
        ("shape.json", '{"hello": 1}', "unknown shape"),
    ],
)
def test_malformed_files_name_the_problem_and_change_nothing(tagged, tmp_path, name, content, needle):
    before = dump_database(tagged.db_file)
    path = tmp_path / name
    path.write_text(content)
    from kzt_annotator.core.errors import KztError

    with pytest.raises(KztError, match=needle):
        import_annotations(tagged, path)
    assert dump_database(tagged.db_file) == before


def test_bad_offsets_and_unknown_articles_refuse_the_whole_file(tagged, fresh, tmp_path):
    out = tmp_path / "a.csv"
    exporting.export_csv(tagged, out)
    rows = read_rows(out)
    rows[3][COLUMNS.index("text")] = "words that appear nowhere"
    rows[4][COLUMNS.index("article_sha256")] = "f" * 64
    rows[5][COLUMNS.index("start")] = "12"  # wrong offset, but the quote is findable: re-anchored
    with open(out, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    before = dump_database(fresh.db_file)
    with pytest.raises(ImportRefused) as err:
        import_annotations(fresh, out)
    reasons = dict(err.value.report.refused)
    assert "row 4" in reasons and "not found in the article" in reasons["row 4"]
    assert "row 5" in reasons and "no article with sha256" in reasons["row 5"]
    assert dump_database(fresh.db_file) == before
    partial = import_annotations(fresh, out, partial=True)
    assert partial.added == 19 and partial.reanchored == 1


def test_broken_quoting_is_named(tagged, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(",".join(COLUMNS) + '\n"unterminated,1\n')
    from kzt_annotator.core.errors import KztError

    with pytest.raises(KztError, match="row|quoting|cells"):
        import_annotations(tagged, path)


def test_jsonld_from_another_server_gets_local_ids_and_keeps_its_links(corpus_repo, tmp_path):
    """Another server's annotations are named by IRIs: each becomes a UUID derived from its IRI
    (a second import finds the same annotations), links between them still meet, and the
    creator's nickname names the annotator."""
    import uuid

    article = corpus_repo.article(1)
    claim_text = article.text[200:260]
    who_text = article.text[100:120]
    source = f"urn:sha256:{article.sha256}"
    creator = {"id": "http://example.org/users/7", "nickname": "ann"}

    def quote(exact: str) -> dict:
        return {"source": source, "selector": {"type": "TextQuoteSelector", "exact": exact}}

    items = [
        {
            "id": "http://example.org/anno/claim",
            "type": "Annotation",
            "creator": creator,
            "body": {"type": "TextualBody", "value": "claim", "purpose": "tagging"},
            "target": quote(claim_text),
        },
        {
            "id": "http://example.org/anno/who",
            "type": "Annotation",
            "creator": creator,
            "body": {"type": "TextualBody", "value": "attribution", "purpose": "tagging"},
            "target": quote(who_text),
        },
        {
            "id": "http://example.org/anno/link",
            "type": "Annotation",
            "motivation": "linking",
            "creator": creator,
            "body": [
                {"type": "TextualBody", "value": "supports", "purpose": "tagging"},
                {"type": "SpecificResource", "purpose": "linking", "source": "http://example.org/anno/claim"},
            ],
            "target": "http://example.org/anno/who",
        },
    ]
    path = tmp_path / "elsewhere.jsonld"
    path.write_text(json.dumps({"type": "AnnotationPage", "items": items}), encoding="utf-8")
    report = import_annotations(corpus_repo, path)
    assert report.added == 2 and not report.refused, report.refused
    claim_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "http://example.org/anno/claim"))
    who_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "http://example.org/anno/who"))
    stored = {a.id: a for a in corpus_repo.annotations()}
    assert set(stored) == {claim_id, who_id}
    assert stored[claim_id].text == claim_text and stored[who_id].annotator == "ann"
    assert [(r.source_id, r.target_id) for r in corpus_repo.relations()] == [(who_id, claim_id)]
    again = import_annotations(corpus_repo, path)
    assert again.added == 0 and len(corpus_repo.annotations()) == 2
