"""An imported folder's links are never followed out of it; what was skipped is said."""

from __future__ import annotations

import os

import pytest

from kzt_annotator.cli import main
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def test_links_out_of_the_folder_are_skipped_and_listed(tmp_path, capsys):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0: a file outside the folder must never become an article", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for source in sorted(CORPUS.glob("*.txt"))[:2]:
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "shadow.txt").symlink_to(secret)
    (folder / "elsewhere").symlink_to(secret.parent, target_is_directory=True)
    (folder / "inside.txt").symlink_to(folder / sorted(p.name for p in folder.glob("0*.txt"))[0])
    db = tmp_path / "p.sqlite"
    code = main(["import", "--db", str(db), str(folder)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip().endswith("2 imported, 1 duplicate, 0 failed, 2 skipped")
    assert "shadow.txt: a link to a file outside the folder; not followed" in err
    assert "elsewhere: a link to a folder; not followed" in err
    main(["show", "--db", str(db), "1", "--format", "json"])
    main(["articles", "--db", str(db), "--format", "json"])
    assert "root:x" not in capsys.readouterr().out


def test_the_projects_own_files_are_never_read_as_articles(repo, tmp_path):
    """Named among the files to import, the project file and its journal fail with a reason and
    are never opened (a read and close would drop the project's own SQLite locks)."""
    from kzt_annotator.services.importing import OWN_FILE, import_paths

    first = sorted(CORPUS.glob("*.txt"))[0]
    db = repo.db_file
    import_paths(repo, [first])
    wal = db.with_name(db.name + "-wal")
    assert wal.exists()
    report = import_paths(repo, [db, wal, sorted(CORPUS.glob("*.txt"))[1]])
    assert [f.reason for f in report.failed] == [OWN_FILE, OWN_FILE]
    assert [f.path for f in report.failed] == [str(db), str(wal)]
    assert len(report.imported) == 1


def test_a_link_to_the_project_file_under_another_name_is_refused_as_its_own(repo, tmp_path):
    """Only files named as the project's are resolved before the import (resolving every file
    was a tenth of a large import's time), and links are: a link by another name is caught too."""
    from kzt_annotator.services.importing import OWN_FILE, import_paths

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").symlink_to(repo.db_file)
    (folder / "story.txt").write_text(
        sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8"), encoding="utf-8"
    )
    report = import_paths(repo, [folder / "notes.txt", folder / "story.txt"])
    assert [(f.path, f.reason) for f in report.failed] == [(str(folder / "notes.txt"), OWN_FILE)]
    assert len(report.imported) == 1
