"""A relation survives export and import in brat, W3C JSON-LD and the bundle (golden files).

The golden files in tests/fixtures/golden/relations/ were written by hand from the formats'
rules (README "Export and exchange"); run-dependent values (export times, collection ids,
import times, the project's name) are replaced by placeholders before comparing.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Relation
from kzt_annotator.services.annotating import annotate, new_annotation
from kzt_annotator.services.annotation_import import import_annotations
from kzt_annotator.services.exporting import export_brat, export_bundle, export_jsonld
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.repository import open_repository
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "relations"
TEXT = "Tokayev said 18 officers died. The ministry said 19 officers died.\n"
WHEN = datetime(2022, 1, 8, 9, 30, tzinfo=UTC)
CLAIM, SPEAKER, FIGURE, OTHER = (f"00000000-0000-4000-8000-0000000000{n}" for n in ("01", "02", "03", "04"))
SOURCE_OF, SAME_EVENT, SUPPORTS = (f"00000000-0000-4000-8000-0000000000a{n}" for n in (1, 2, 3))


@pytest.fixture
def project(tmp_path):
    (tmp_path / "officers.txt").write_text(TEXT, encoding="utf-8")
    repo = open_repository(tmp_path / "p.sqlite", backup_keep=0)
    import_paths(repo, [tmp_path / "officers.txt"])
    article = repo.article(1)

    def add(ident, kind, phrase, attrs):
        start = TEXT.index(phrase)
        made = new_annotation(article, kind, start, start + len(phrase), "alice", attrs)
        annotate(repo, replace(made, id=ident, created_at=WHEN, updated_at=WHEN))

    add(CLAIM, Kind.CLAIM, "18 officers died", {"stance": "reports"})
    add(SPEAKER, Kind.ATTRIBUTION, "Tokayev said", {"speaker": "tokayev"})
    add(FIGURE, Kind.FIGURE, "18 officers", {"quantity": "deaths", "value": "18"})
    add(OTHER, Kind.FIGURE, "19 officers", {"quantity": "deaths", "value": "19"})
    repo.add_relation(Relation(SOURCE_OF, "source_of", SPEAKER, FIGURE, "alice", WHEN))
    repo.add_relation(Relation(SAME_EVENT, "same_event", FIGURE, OTHER, "bob", WHEN))
    repo.add_relation(Relation(SUPPORTS, "supports", SPEAKER, CLAIM, "alice", WHEN))
    yield repo
    repo.close()


def _relations(repo):
    return sorted((r.type, r.source_id, r.target_id) for r in repo.relations())


EXPECTED = [
    ("same_event", FIGURE, OTHER),
    ("source_of", SPEAKER, FIGURE),
    ("supports", SPEAKER, CLAIM),
]


def _round_trip(tmp_path, exported: Path):
    """Import into a project holding only the article (brat and bundles would bring it along)."""
    other = open_repository(tmp_path / "empty.sqlite", backup_keep=0)
    import_paths(other, [tmp_path / "officers.txt"])
    try:
        report = import_annotations(other, exported)
        assert report.refused == []
        assert _relations(other) == EXPECTED
        again = import_annotations(other, exported)  # a second import changes nothing
        assert again.added == 0 and _relations(other) == EXPECTED
        return other.relations()
    finally:
        other.close()


def test_brat_relation_lines_match_the_golden_file_and_import_back(project, tmp_path):
    folder = tmp_path / "brat"
    export_brat(project, folder)
    [ann] = folder.glob("*.ann")
    assert ann.read_text(encoding="utf-8") == (GOLDEN / "officers.ann").read_text(encoding="utf-8")
    assert (folder / "annotation.conf").read_text(encoding="utf-8") == (GOLDEN / "annotation.conf").read_text(
        encoding="utf-8"
    )
    _round_trip(tmp_path, folder)


def _normalised_jsonld(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    base = data["id"]
    text = path.read_text(encoding="utf-8").replace(base, "urn:uuid:COLLECTION")
    data = json.loads(text)
    data["created"] = "CREATED"
    data["generator"] = "GENERATOR"
    data["label"] = "LABEL"
    return data


def test_jsonld_linking_annotations_match_the_golden_file_and_import_back(project, tmp_path):
    out = tmp_path / "out.jsonld"
    export_jsonld(project, out)
    expected = json.loads((GOLDEN / "officers.jsonld").read_text(encoding="utf-8"))
    assert _normalised_jsonld(out) == expected
    kept = _round_trip(tmp_path, out)
    assert {r.id for r in kept} == {
        SOURCE_OF,
        SAME_EVENT,
        SUPPORTS,
    }  # ids travel with the linking annotations


def test_bundle_relations_match_the_golden_file_and_import_back(project, tmp_path):
    out = tmp_path / "out.json"
    export_bundle(project, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    golden = json.loads((GOLDEN / "officers.bundle.json").read_text(encoding="utf-8"))
    assert data["relations"] == golden["relations"]
    assert [a["linked_annotation_ids"] for a in data["annotations"]] == [
        a["linked_annotation_ids"] for a in golden["annotations"]
    ]
    kept = _round_trip(tmp_path, out)
    assert {(r.id, r.annotator) for r in kept} == {
        (SOURCE_OF, "alice"),
        (SAME_EVENT, "bob"),
        (SUPPORTS, "alice"),
    }
