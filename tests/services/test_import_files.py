"""Which files a folder import reads, and in which order (services/import_files.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kzt_annotator.services.import_files import collect_files


def _tree(root: Path) -> None:
    for name in (
        "a.txt", "a-b/x.txt", "a/b/y.md", "a/b/c/z.html", "a/B.TXT", "b.txt", "README.txt",
        "Licence.md", "notes.csv", ".hidden.txt", ".git/config.txt", "a/x.pdf",
    ):  # fmt: skip
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("text", encoding="utf-8")


def test_a_folder_gives_its_supported_files_in_path_order(tmp_path):
    """Recursively, supported types only, no hidden files or folders, no README/licence; ordered
    as pathlib orders paths (part by part: a/… before a-b/…, though '-' sorts before '/')."""
    _tree(tmp_path)
    files, failed = collect_files([tmp_path])
    assert failed == []
    shown = [p.relative_to(tmp_path).as_posix() for p in files]
    assert shown == ["a/B.TXT", "a/b/c/z.html", "a/b/y.md", "a/x.pdf", "a-b/x.txt", "a.txt", "b.txt"]
    assert files == sorted(files)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_what_is_not_a_regular_file_is_passed_over(tmp_path):
    """A named pipe with an article's name and a broken link are not read (reading a pipe would
    wait forever); neither is reported as a failure."""
    _tree(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    files, failed = collect_files([tmp_path])
    assert failed == []
    assert {p.name for p in files} == {"B.TXT", "z.html", "y.md", "x.pdf", "x.txt", "a.txt", "b.txt"}


def test_files_and_missing_paths_named_directly(tmp_path):
    _tree(tmp_path)
    files, failed = collect_files([tmp_path / "notes.csv", tmp_path / "nothing.txt", tmp_path / "a" / "b"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["notes.csv", "a/b/c/z.html", "a/b/y.md"]
    assert [(f.path, f.reason) for f in failed] == [(str(tmp_path / "nothing.txt"), "no such file or folder")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_the_current_folder_names_its_links_without_a_dot_part(tmp_path, monkeypatch):
    """Imported as ".", a folder's links to folders are named as its files are ("sub/link", not
    "./sub/link"), as pathlib writes them."""
    _tree(tmp_path)
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    skipped = []
    files, _failed = collect_files([Path(".")], skipped)
    assert files[0] == Path("a/B.TXT")
    assert [(s.path, s.reason) for s in skipped] == [("a/up", "a link to a folder; not followed")]
