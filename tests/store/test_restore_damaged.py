"""`restore` rescues the project its own error message sends the user to it for: a file that is
damaged or not a database at all. The damaged bytes (and a journal beside them, which would
otherwise be replayed into the restored file) are kept in the backups folder, never listed."""

from __future__ import annotations

import pytest

from kzt_annotator.cli import main
from kzt_annotator.store.backup import backup_dir, list_backups, make_backup
from kzt_annotator.store.repository import open_repository
from tests.conftest import CORPUS


def damaged_with_backup(db_path, capsys):
    assert main(["import", str(CORPUS), "--db", str(db_path)]) == 0
    backup = make_backup(db_path, "manual")
    garbage = bytes(range(256)) * 20
    db_path.write_bytes(garbage)
    db_path.with_name(db_path.name + "-wal").write_bytes(b"stale journal")
    capsys.readouterr()
    return backup, garbage


@pytest.mark.parametrize("damage", ["not a database", "damaged inside"])
def test_restore_replaces_a_damaged_project_and_keeps_its_bytes(db_path, capsys, damage):
    backup, garbage = damaged_with_backup(db_path, capsys)
    if damage == "damaged inside":
        garbage = b"SQLite format 3\x00" + bytes(range(256)) * 20
        db_path.write_bytes(garbage)
    assert main(["articles", "--db", str(db_path)]) == 1
    assert "restore a backup" in capsys.readouterr().err
    code = main(["restore", backup.name, "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"restored {db_path} from {backup}" in out
    [kept] = backup_dir(db_path).glob("*-damaged.sqlite.bin")
    assert kept.read_bytes() == garbage and f"saved as {kept}" in out
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"stale journal"
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert all(b.path != kept for b in list_backups(db_path))
    repo = open_repository(db_path)
    try:
        assert repo.count_articles() == 5
    finally:
        repo.close()
