import sqlite3

from kzt_annotator.cli import main
from kzt_annotator.store.backup import list_backups, make_backup, restore_backup
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS


def test_backups_are_rolling_and_bounded(db_path):
    open_repository(db_path).close()
    for _ in range(6):
        make_backup(db_path, "manual", keep=3)
    assert len(list_backups(db_path)) == 3


def test_on_open_backup_only_when_changed(db_path):
    open_repository(db_path).close()
    first = len(list_backups(db_path))
    open_repository(db_path).close()
    assert len(list_backups(db_path)) == first + 1  # the first open created the file: now backed up
    open_repository(db_path).close()
    assert len(list_backups(db_path)) == first + 1  # unchanged since: no new backup


def test_restore_brings_back_the_old_state_and_keeps_the_current(db_path, capsys):
    main(["import", str(CORPUS), "--db", str(db_path)])
    backup = make_backup(db_path, "manual")
    main(["set-meta", "1", "--title", "Changed after the backup", "--db", str(db_path)])
    capsys.readouterr()
    assert main(["restore", backup.name, "--db", str(db_path)]) == 0
    assert "restored" in capsys.readouterr().out
    repo = open_repository(db_path)
    try:
        assert repo.article(1).title != "Changed after the backup"
    finally:
        repo.close()
    assert any(b.reason == "before-restore" for b in list_backups(db_path))
    assert main(["backups", "--db", str(db_path)]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_restore_refuses_a_damaged_backup(db_path, tmp_path):
    open_repository(db_path).close()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    import pytest

    from kzt_annotator.core.errors import KztError

    with pytest.raises(KztError, match="nothing changed"):
        restore_backup(db_path, bad)
    assert sqlite3.connect(db_path).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_listing_tolerates_a_backup_pruned_meanwhile(db_path, monkeypatch):
    from pathlib import Path

    open_repository(db_path).close()
    make_backup(db_path, "manual")
    real_stat = Path.stat
    gone = list_backups(db_path)[0].path

    def stat(self, *args, **kwargs):
        if self == gone:
            raise FileNotFoundError(self)
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    assert gone not in [b.path for b in list_backups(db_path)]


def test_scripted_annotate_calls_never_evict_the_before_import_backup(db_path, capsys):
    assert main(["import", str(CORPUS), "--db", str(db_path)]) == 0
    assert main(["import", str(CORPUS), "--db", str(db_path)]) == 0  # a second import: no change
    before_import = make_backup(db_path, "before-import")
    for n in range(11):
        code = main(
            ["annotate", "1", "--db", str(db_path), "--kind", "claim", "--start", str(n), "--end", str(n + 3)]
        )
        assert code == 0
    capsys.readouterr()
    found = list_backups(db_path)
    assert before_import in [b.path for b in found]
    assert sum(b.reason == "on-open" for b in found) == 10


def test_backups_are_bounded_in_bytes_keeping_the_newest_of_each_group(db_path):
    from kzt_annotator.store.backup import prune_backups

    assert main(["import", str(CORPUS), "--db", str(db_path)]) == 0
    for reason in ("before-import", "on-open", "before-import", "on-open", "before-import"):
        make_backup(db_path, reason)
    size = list_backups(db_path)[0].size
    prune_backups(db_path, keep=10, max_bytes=int(size * 2.5))
    left = list_backups(db_path)
    assert len(left) == 2 and {b.reason for b in left} == {"on-open", "before-import"}
    assert sum(b.size for b in left) <= size * 2.5


def test_stale_partial_files_are_removed(db_path):
    import os
    import time

    from kzt_annotator.store.backup import backup_dir

    assert main(["import", str(CORPUS), "--db", str(db_path)]) == 0
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stale = folder / "project-20200101T000000000000Z-on-open.sqlite.partial"
    fresh = folder / "project-20990101T000000000000Z-on-open.sqlite.partial"
    stale.write_bytes(b"x" * 100)
    fresh.write_bytes(b"x" * 100)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    make_backup(db_path, "manual")
    assert not stale.exists() and fresh.exists()  # a partial still being written is left alone
