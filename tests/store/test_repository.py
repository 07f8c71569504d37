import sqlite3
from dataclasses import replace

import pytest
from sqlalchemy import text

from kzt_annotator.core.errors import ConflictError, KztError, NotFound
from kzt_annotator.core.kinds import Kind
from kzt_annotator.services.annotating import new_annotation
from kzt_annotator.store.repository import AnnotationFilter, open_repository
from tests.conftest import dump_database


def test_sqlite_is_opened_with_wal_foreign_keys_full_sync_and_busy_timeout(repo):
    with repo.engine.connect() as connection:
        pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") >= 5000


def test_default_location_is_the_user_data_dir(monkeypatch, tmp_path):
    import platformdirs

    from kzt_annotator.store import location

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app: str(tmp_path / app))
    assert location.resolve_db_url(None) == f"sqlite:///{tmp_path}/kzt-annotator/kzt-annotator.sqlite"
    monkeypatch.setenv("KZT_ANNOTATOR_DB", str(tmp_path / "env.sqlite"))
    assert location.resolve_db_url(None).endswith("/env.sqlite")
    assert location.resolve_db_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_resolve_article_by_id_and_sha_prefix(corpus_repo):
    article = corpus_repo.article(3)
    assert corpus_repo.resolve_article("3").id == 3
    assert corpus_repo.resolve_article(article.sha256[:8]).id == 3
    with pytest.raises(NotFound):
        corpus_repo.resolve_article("ffffffffff")


def test_annotations_round_trip_with_emoji_offsets(repo, tmp_path):
    from kzt_annotator.services.importing import import_paths

    (tmp_path / "e.txt").write_text("Pay 😀 rose\n\nUp to 15,000 🪖 soldiers were sent, officials said.\n")
    import_paths(repo, [tmp_path / "e.txt"])
    article = repo.article(1)
    start = article.text.index("Up to 15,000")
    saved = repo.add_annotation(
        new_annotation(
            article, Kind.FIGURE, start, start + 23, "tester", {"value": "15000", "qualifier": "up_to"}
        )
    )
    assert saved.text == "Up to 15,000 🪖 soldiers"
    again = repo.annotations(AnnotationFilter(article_id=1, kind="figure"))[0]
    assert again == saved and again.created_at.tzinfo is not None


def test_a_new_annotation_is_one_insert_and_returned_as_a_read_back_gives_it(corpus_repo):
    from sqlalchemy import event

    article = corpus_repo.article(1)
    claim = corpus_repo.add_annotation(new_annotation(article, Kind.CLAIM, 0, 10, "alice"))
    statements: list[str] = []
    record = lambda _conn, _cursor, statement, *_args: statements.append(" ".join(statement.split()))  # noqa: E731
    event.listen(corpus_repo.engine, "before_cursor_execute", record)
    try:
        saved = corpus_repo.add_annotation(new_annotation(article, Kind.FIGURE, 20, 30, "newcomer"))
    finally:
        event.remove(corpus_repo.engine, "before_cursor_execute", record)
    assert sum(s.startswith("INSERT INTO annotations ") for s in statements) == 1
    assert not [s for s in statements if s.startswith("SELECT") and "FROM annotations" in s]  # no read-back
    assert corpus_repo.annotation(saved.id) == saved
    assert saved.version == 1 and saved.created_at.tzinfo is not None
    linked = corpus_repo.add_annotation(
        new_annotation(article, Kind.ATTRIBUTION, 40, 50, "newcomer", linked_ids=(claim.id,))
    )
    assert corpus_repo.annotation(linked.id) == linked and linked.linked_ids == (claim.id,)


def test_stale_edit_is_refused_and_loses_nothing(corpus_repo):
    article = corpus_repo.article(1)
    saved = corpus_repo.add_annotation(new_annotation(article, Kind.CLAIM, 0, 10, "alice"))
    corpus_repo.update_annotation(replace(saved, note="alice's note"))
    with pytest.raises(ConflictError, match="was not saved"):
        corpus_repo.update_annotation(replace(saved, note="bob's stale note"))
    assert corpus_repo.annotation(saved.id).note == "alice's note"


def test_database_made_by_the_first_migration_opens_with_its_data(tmp_path):
    from pathlib import Path

    fixture = Path(__file__).parent / "fixtures" / "schema_0001.sqlite"
    path = tmp_path / "old.sqlite"
    path.write_bytes(fixture.read_bytes())
    repo = open_repository(path)
    try:
        [ann] = repo.annotations()
        assert ann.text == "2,500 paratroopers" and ann.attributes.value == 2500
        assert repo.article(1).title == "Old project"
        from kzt_annotator.store.migrate import current_revision, head_revision

        assert current_revision(repo.engine) == head_revision()
    finally:
        repo.close()
    from kzt_annotator.store.backup import list_backups

    backup = next(b for b in list_backups(path) if "pre-migration" in b.reason)
    assert backup.path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_foreign_sqlite_file_is_not_taken_over(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("create table photos(id integer)")
    connection.commit()
    connection.close()
    with pytest.raises(KztError, match="not a kzt-annotator project"):
        open_repository(path)


def test_a_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    open_repository(path).close()
    connection = sqlite3.connect(path)
    connection.execute("update alembic_version set version_num='9999'")
    connection.commit()
    connection.close()
    before = dump_database(path)
    with pytest.raises(KztError, match="newer kzt-annotator"):
        open_repository(path)
    assert dump_database(path) == before  # no migration, no write: still the newer version's file
