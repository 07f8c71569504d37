"""Every imported span is checked against the text the file says it covers: a mismatch is
re-anchored or refused with its reason, never stored at raw offsets; an import never changes text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kzt_annotator.core.kinds import Kind
from kzt_annotator.io.csv_format import COLUMNS
from kzt_annotator.services import annotating, exporting
from kzt_annotator.services.annotation_import import ImportRefused, import_annotations
from kzt_annotator.services.importing import import_paths
from tests.conftest import dump_database

TEXT = "Police and army officials said 40 people died.\n\nThe ministry said at least 225 people were killed."


@pytest.fixture
def project(repo, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(TEXT, encoding="utf-8")
    report = import_paths(repo, [source])
    assert len(report.imported) == 1
    return repo


def _brat(tmp_path: Path, ann: str) -> Path:
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.ann").write_text(ann, encoding="utf-8")
    return folder


def _stored(repo) -> list[tuple[int, int, str]]:
    article = repo.article(1)
    found = [(a.start, a.end, a.text) for a in repo.annotations()]
    for start, end, text in found:
        assert article.text[start:end] == text
    return sorted(found)


def test_brat_discontinuous_span_with_words_between_is_refused_and_counted(project, tmp_path):
    folder = _brat(tmp_path, "T1\tSpeaker 0 6;16 25\tPolice officials\nT2\tFigure 31 33\t40\n")
    with pytest.raises(ImportRefused) as refused:
        import_annotations(project, folder)
    ((where, why),) = refused.value.report.refused
    assert "T1" in where and "discontinuous" in why and "and army" in why
    assert _stored(project) == []
    report = import_annotations(project, folder, partial=True)
    assert report.added == 1 and len(report.refused) == 1
    assert _stored(project) == [(31, 33, "40")]


def test_brat_fragments_separated_only_by_whitespace_join(project, tmp_path):
    start = TEXT.index("died.")
    end = TEXT.index("ministry") + len("ministry")
    newline = TEXT.index("\n")
    ann = f"T1\tClaim {start} {newline};{newline + 2} {end}\tdied. The ministry\n"
    report = import_annotations(project, _brat(tmp_path, ann))
    assert report.added == 1 and not report.refused
    assert _stored(project) == [(start, end, TEXT[start:end])]


def test_brat_defining_an_id_twice_is_reported(project, tmp_path):
    folder = _brat(tmp_path, "T1\tFigure 31 33\t40\nT1\tFigure 0 6\tPolice\n")
    with pytest.raises(ImportRefused) as refused:
        import_annotations(project, folder)
    ((where, why),) = refused.value.report.refused
    assert "T1" in where and "defined twice" in why and "lines 1 and 2" in why


def test_brat_shown_text_that_is_elsewhere_is_reanchored_or_refused(project, tmp_path):
    at = TEXT.index("225")
    # The line says "225" but its offsets cover other characters: re-anchored onto "225".
    report = import_annotations(project, _brat(tmp_path, f"T1\tFigure {at - 3} {at}\t225\n"))
    assert report.reanchored == 1 and _stored(project) == [(at, at + 3, "225")]


def test_brat_shown_text_that_is_nowhere_is_refused(project, tmp_path):
    with pytest.raises(ImportRefused) as refused:
        import_annotations(project, _brat(tmp_path, "T1\tFigure 31 33\t4000\n"))
    assert "not found" in refused.value.report.refused[0][1]


def _csv(tmp_path: Path, rows: list[dict], header=COLUMNS, name="in.csv") -> Path:
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(header), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_negative_offsets_are_refused(project, tmp_path):
    sha = project.article(1).sha256
    text = TEXT[-10:-5]
    path = _csv(tmp_path, [{"article_sha256": sha, "kind": "claim", "start": -10, "end": -5, "text": text}])
    before = dump_database(project.db_file)
    with pytest.raises(ImportRefused) as refused:
        import_annotations(project, path)
    assert "negative" in refused.value.report.refused[0][1]
    assert dump_database(project.db_file) == before


def test_csv_short_row_counts_the_cells(project, tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("article_sha256,kind,start,end,text\nabc,claim,1\n", encoding="utf-8")
    with pytest.raises(Exception) as failed:
        import_annotations(project, path)
    assert "row 2: has 3 cells, the header has 5" in str(failed.value)


def test_raw_csv_reimport_never_changes_text(project, tmp_path):
    text = "'-5' was the answer"
    article_text = TEXT + "\n\n" + text
    source = tmp_path / "quoted.txt"
    source.write_text(article_text, encoding="utf-8")
    (article,) = import_paths(project, [source]).imported
    start = article.text.index(text)
    made = annotating.annotate(
        project,
        annotating.new_annotation(
            article, Kind.CLAIM, start, start + len(text), "alice", note="'=already quoted"
        ),
    )
    for raw in (True, False):
        out = tmp_path / f"export-{raw}.csv"
        exporting.export_csv(project, out, raw=raw)
        annotating.delete(project, made.id)
        report = import_annotations(project, out)
        assert report.added == 1 and not report.refused, report.summary()
        back = project.annotation(made.id)
        assert (
            back.text == text
            and back.note == "'=already quoted"
            and (back.start, back.end)
            == (
                start,
                start + len(text),
            )
        )


def test_neutralised_cells_are_restored_only_in_marked_rows(project, tmp_path):
    sha = project.article(1).sha256
    row = {
        "article_sha256": sha,
        "kind": "claim",
        "start": 0,
        "end": 6,
        "text": "Police",
        "note": "'=SUM(A1)",
    }
    plain = _csv(tmp_path, [row], name="plain.csv")
    import_annotations(project, plain)
    assert project.annotations()[0].note == "'=SUM(A1)"
    marked = _csv(
        tmp_path,
        [dict(row, start=7, end=10, text="and", neutralised="yes")],
        header=(*COLUMNS, "neutralised"),
        name="marked.csv",
    )
    import_annotations(project, marked)
    assert {a.note for a in project.annotations()} == {"'=SUM(A1)", "=SUM(A1)"}


def test_bundle_boilerplate_outside_the_text_is_refused(repo, tmp_path):
    bundle = tmp_path / "b.json"
    bundle.write_text(
        json.dumps(
            {
                "format": "kzt-annotator-bundle",
                "articles": [{"text": "short", "title": "t", "boilerplate": [{"start": 2, "end": 900}]}],
                "annotations": [],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(Exception) as failed:
        import_annotations(repo, bundle)
    assert "2-900 is outside the article text (5 characters)" in str(failed.value)
    assert repo.count_articles() == 0
