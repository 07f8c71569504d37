"""Relations as rows: the migration from linked_ids, referential integrity, undo of a delete."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from kzt_annotator.core.commands import DeleteAnnotation
from kzt_annotator.core.errors import InvalidInput, NotFound
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import relations as relation_service
from kzt_annotator.services.annotating import annotate, new_annotation
from kzt_annotator.store.engine import make_engine
from kzt_annotator.store.migrate import upgrade
from kzt_annotator.store.repository import open_repository

FIXTURES = Path(__file__).parent / "fixtures"
PREVIOUS = "0007"  # the revision before relations became rows


def _insert_annotation(
    db: sqlite3.Connection, ident: str, kind: str, start: int, end: int, links: list[str]
) -> None:
    db.execute(
        'INSERT INTO annotations (id, article_id, kind, start, "end", text, attributes, note, annotator_id,'
        " status, linked_ids, review_note, created_at, updated_at, version, orphaned)"
        " VALUES (?, 1, ?, ?, ?, 'x', '{}', '', 1, 'proposed', ?, '', '2026-01-05 10:00:00.000000',"
        " '2026-01-05 10:00:00.000000', 1, 0)",
        (ident, kind, start, end, json.dumps(links)),
    )


def test_the_migration_turns_links_into_relations_and_drops_dangling_ids(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"schema_{PREVIOUS}.sqlite", path)
    db = sqlite3.connect(path)
    [(annotator_id,)] = db.execute("SELECT annotator_id FROM annotations").fetchall()
    assert annotator_id == 1
    claim, attribution, figure, source, odd = (f"00000000-0000-4000-8000-00000000000{i}" for i in range(1, 6))
    _insert_annotation(db, claim, "claim", 0, 3, [])
    _insert_annotation(db, attribution, "attribution", 4, 6, [claim, "gone-long-ago"])
    _insert_annotation(db, figure, "figure", 7, 9, [])
    _insert_annotation(db, source, "attribution", 10, 12, [figure])
    _insert_annotation(db, odd, "claim", 13, 15, [claim])  # a link no relation type describes
    db.commit()
    db.close()
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine, path, keep=0)
    finally:
        engine.dispose()
    repo = open_repository(path, backup_keep=0)
    try:
        found = {(r.type, r.source_id, r.target_id) for r in repo.relations()}
        assert found == {
            ("supports", attribution, claim),
            ("source_of", source, figure),
            ("linked", odd, claim),
        }
        assert "linked" in repo.schema().relation_names  # declared so the link stays meaningful
        assert repo.annotation(attribution).linked_ids == (claim,)  # derived from `supports`
        assert all(r.annotator == repo.annotation(attribution).annotator for r in repo.relations())
    finally:
        repo.close()
    raw = sqlite3.connect(path)
    assert {row[0] for row in raw.execute("SELECT linked_ids FROM annotations")} == {"[]"}
    raw.close()


def _claim_and_attribution(repo):
    article = repo.article(1)
    claim = annotate(repo, new_annotation(article, Kind.CLAIM, 0, 5, "alice", {"stance": "reports"}))
    attribution = annotate(
        repo,
        new_annotation(
            article, Kind.ATTRIBUTION, 10, 20, "alice", {"speaker": "tokayev"}, linked_ids=(claim.id,)
        ),
    )
    figure = annotate(repo, new_annotation(article, Kind.FIGURE, 30, 35, "alice", {"value": "5"}))
    return claim, attribution, figure


def test_deleting_a_supported_claim_removes_the_relation_and_undo_restores_both(corpus_repo):
    repo = corpus_repo
    claim, attribution, _figure = _claim_and_attribution(repo)
    [relation] = repo.relations()
    assert (relation.type, relation.source_id, relation.target_id) == ("supports", attribution.id, claim.id)
    command = DeleteAnnotation(repo.annotation(claim.id))
    changes = command.do(repo)
    assert changes.removed_annotations == {claim.id} and changes.removed_relations == {relation.id}
    assert repo.relations() == []
    assert repo.annotation(attribution.id).linked_ids == ()
    changes = command.undo(repo)
    assert changes.annotations == {claim.id} and changes.relations == {relation.id}
    assert repo.relations() == [relation]  # the very same row: id, annotator, time
    assert repo.annotation(attribution.id).linked_ids == (claim.id,)


def test_relation_types_are_checked_against_the_kinds(corpus_repo):
    repo = corpus_repo
    claim, attribution, figure = _claim_and_attribution(repo)
    relation, changes = relation_service.relate(repo, attribution.id, figure.id, "source_of", "bob")
    assert changes.relations == {relation.id} and changes.articles == {1}
    with pytest.raises(
        InvalidInput, match="a supports relation goes from attribution to claim, not from figure to claim"
    ):
        relation_service.relate(repo, figure.id, claim.id, "supports", "bob")
    with pytest.raises(InvalidInput, match="already have a source_of relation"):
        relation_service.relate(repo, attribution.id, figure.id, "source_of", "bob")
    with pytest.raises(NotFound):
        relation_service.relate(repo, attribution.id, "no-such-id", "same_event", "bob")
    gone, changes = relation_service.unrelate(repo, relation.id)
    assert gone == relation and changes.removed_relations == {relation.id}
    assert [r.type for r in repo.relations()] == ["supports"]
