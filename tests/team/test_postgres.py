"""Team mode against a real PostgreSQL server: migrations, the same services, no lost update."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from kzt_annotator.core.commands import DeleteAnnotation
from kzt_annotator.core.errors import ConflictError
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.services.figures import discrepancies
from kzt_annotator.services.importing import import_paths
from kzt_annotator.store.migrate import current_revision, head_revision
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS, ROOT
from tests.figures_fixture import tag_corpus_figures
from tests.services.test_figure_index import comparable

pytestmark = pytest.mark.postgres  # a real server: `-m "not postgres"` leaves them out


def test_migrations_and_services_on_postgres(pg_url):
    repo = open_repository(pg_url)
    try:
        assert current_revision(repo.engine) == head_revision()
        report = import_paths(repo, [CORPUS])
        assert len(report.imported) == 5
        assert len(import_paths(repo, [CORPUS]).duplicates) == 5
        tag_corpus_figures(repo)
        troops = next(g for g in discrepancies(repo) if g.quantity == "troops")
        assert troops.relation.label == "conflicting"
        article = repo.article(1)
        saved = annotating.annotate(
            repo, annotating.new_annotation(article, Kind.CLAIM, 0, 10, "alice", {"claim_key": "k"})
        )
        assert repo.annotation(saved.id).attributes.claim_key == "k"
    finally:
        repo.close()


def test_the_figure_index_triggers_work_on_postgres(pg_url):
    repo = open_repository(pg_url)
    try:
        import_paths(repo, [CORPUS])
        ids = tag_corpus_figures(repo)
        full, summary = comparable(repo)
        assert summary == full and summary[("troops", "", None)][0].label == "conflicting"
        troops = repo.annotation(ids["001:up to 15,000 soldiers"])
        repo.update_annotation(replace(troops, attributes=replace(troops.attributes, value=2500.0)))
        repo.delete_annotation(ids["003:approximately 4,404 people"])
        full, summary = comparable(repo, by_date=True)
        assert summary == full and summary[("troops", "", None)][0].label != "conflicting"
        repo.rebuild_figure_index()
        assert comparable(repo, by_date=True) == (full, summary)
    finally:
        repo.close()


def test_a_stale_edit_is_refused_on_postgres(pg_url):
    first, second = open_repository(pg_url), open_repository(pg_url)
    try:
        import_paths(first, [CORPUS])
        article = first.article(1)
        made = annotating.annotate(first, annotating.new_annotation(article, Kind.CLAIM, 0, 10, "alice"))
        seen_by_bob = second.annotation(made.id)
        first.update_annotation(replace(first.annotation(made.id), note="alice wins"))
        with pytest.raises(ConflictError, match="not saved"):
            second.update_annotation(replace(seen_by_bob, note="bob's stale edit"))
        assert second.annotation(made.id).note == "alice wins"
    finally:
        first.close()
        second.close()


def test_a_stale_delete_is_refused_on_postgres(pg_url):
    first, second = open_repository(pg_url), open_repository(pg_url)
    try:
        import_paths(first, [CORPUS])
        made = annotating.annotate(
            first, annotating.new_annotation(first.article(1), Kind.CLAIM, 0, 10, "alice")
        )
        command = DeleteAnnotation(second.annotation(made.id))
        first.update_annotation(replace(first.annotation(made.id), note="alice's newer version"))
        with pytest.raises(ConflictError, match="changed elsewhere .* not deleted"):
            annotating.run(second, command)
        assert second.annotation(made.id).note == "alice's newer version"
    finally:
        first.close()
        second.close()


def test_two_processes_annotate_and_review_at_once_without_lost_updates(pg_url, capsys):
    repo = open_repository(pg_url)
    import_paths(repo, [CORPUS])
    tag_corpus_figures(repo)
    repo.close()
    rounds = 60
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.team.pg_worker", pg_url, name, str(rounds)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alice", "bob")
    ]
    outputs = [w.communicate(timeout=300) for w in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-800:]
    lines = [line.split() for out, _ in outputs for line in out.splitlines()]
    saved = sum(1 for line in lines if line[0] == "ok")
    conflicts = sum(1 for line in lines if line[0] == "conflict")
    added = {line[1] for line in lines if line[0] == "added"}
    repo = open_repository(pg_url)
    try:
        stored = repo.annotations()
        # Every saved edit raised a version by exactly one: nothing was silently overwritten.
        assert sum(a.version - 1 for a in stored) == saved
        assert added <= {a.id for a in stored}
    finally:
        repo.close()
    with capsys.disabled():
        print(
            f"\npostgres: 2 clients x {rounds} rounds: {saved} edits saved, {conflicts} conflicts refused, "
            f"{len(added)} annotations added, 0 lost"
        )
    assert saved + conflicts == 2 * rounds


def test_csv_export_streams_from_postgres_in_parts(pg_url):
    import io

    from kzt_annotator.services.csv_export import write_csv
    from kzt_annotator.store.repository import AnnotationFilter

    repo = open_repository(pg_url)
    try:
        import_paths(repo, [CORPUS])
        tag_corpus_figures(repo)
        outputs, builders = [], []
        for parallel in (False, True):
            buffer = io.StringIO(newline="")
            written = write_csv(
                repo,
                buffer,
                AnnotationFilter(),
                raw=False,
                tick=lambda *_: None,
                part_rows=4,
                parallel=parallel,
            )
            outputs.append((written.rows, buffer.getvalue()))
            builders.append(written.builders)
        assert outputs[0] == outputs[1] and outputs[0][0] == 19
        # the second export's parts were all built by worker processes, none by this one
        assert list(builders[0]) == [os.getpid()]
        assert os.getpid() not in builders[1] and sum(builders[1].values()) == sum(builders[0].values()) > 1
        assert "+00:00" in outputs[0][1]  # PostgreSQL's datetimes, formatted like SQLite's
    finally:
        repo.close()


def test_full_text_search_on_postgres(pg_url):
    from kzt_annotator.services.search import search, search_corpus

    repo = open_repository(pg_url)
    try:
        import_paths(repo, [CORPUS])
        ids = tag_corpus_figures(repo)
        results = search_corpus(repo, '"state of emergency" OR paratroop*')
        assert results.articles >= 2
        assert {h.match.lower() for h in results.hits if not h.annotation_id} >= {
            "state of emergency",
            "paratroopers",
        }
        hit = next(h for h in results.hits if h.match.lower() == "state of emergency")
        assert repo.article(hit.article_id).text[hit.start : hit.end].lower() == "state of emergency"
        found = {h.annotation_id for h in search(repo, "troops") if h.annotation_id}
        assert ids["000:2,500 troops"] in found  # the quantity attribute "troops"
        assert search(repo, "paratroopers NOT paratroopers") == []
        from kzt_annotator.services.annotating import annotate, new_annotation
        from kzt_annotator.services.schema_admin import add_kind

        add_kind(repo, "frame", ["frame_type:category=economic,security", "summary:text"])
        frame = annotate(
            repo,
            new_annotation(
                repo.article(1), "frame", 0, 5, "ann", {"frame_type": "security", "summary": "crackdown"},
                schema=repo.schema(),
            ),
        )  # fmt: skip
        assert [h.annotation_id for h in search(repo, "crackdown") if h.annotation_id] == [frame.id]
    finally:
        repo.close()


def test_adding_many_annotations_is_one_insert_on_postgres(pg_url):
    from tests.store.test_batch_insert import check_batched

    repo = open_repository(pg_url)
    try:
        import_paths(repo, [CORPUS])
        check_batched(repo)
    finally:
        repo.close()
