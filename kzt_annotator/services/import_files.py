"""The files an import reads: folders expanded, links and undecodable names reported.

No database code (neither this module nor what it imports), so the command line can count the
files and start the worker processes before it opens the project (services/import_workers.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kzt_annotator.io.readers import SUPPORTED_SUFFIXES

# Files that describe a folder rather than being an article; skipped when a folder is imported.
FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing")


@dataclass(frozen=True, slots=True)
class ImportFailure:
    path: str
    reason: str


def shown_path(path: Path | str) -> str:
    """A path as text that can always be printed and stored (undecodable bytes as \\xNN)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _utf8_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def collect_files(
    paths: Iterable[Path], skipped: list[ImportFailure] | None = None
) -> tuple[list[Path], list[ImportFailure]]:
    """Expand folders (recursively, supported types only, in name order).

    Returns (files to read, failures). Inside a folder, links are never followed out of it:
    a link to a file outside the folder and a link to a folder are left out and listed in
    `skipped` with the reason; a file whose name is not valid UTF-8 is a failure (it cannot be
    named in the project) and the others go on.
    """
    files: list[Path] = []
    missing: list[ImportFailure] = []
    notes = skipped if skipped is not None else []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            found: list[Path] = []
            for folder, dirs, names in os.walk(path, followlinks=False):
                base = Path(folder)
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for d in dirs:
                    if (base / d).is_symlink():
                        notes.append(ImportFailure(shown_path(base / d), "a link to a folder; not followed"))
                found.extend(base / n for n in names if not n.startswith("."))
            for child in sorted(found):
                suffix, stem = child.suffix.lower(), child.stem.lower()
                if suffix not in SUPPORTED_SUFFIXES or stem.startswith(FOLDER_DOCS):
                    continue
                if child.is_symlink() and not _inside(child, root):
                    notes.append(
                        ImportFailure(shown_path(child), "a link to a file outside the folder; not followed")
                    )
                elif not child.is_file():
                    continue
                elif not _utf8_name(child):
                    missing.append(
                        ImportFailure(
                            shown_path(child),
                            "the file name is not valid UTF-8; rename it and import it again",
                        )
                    )
                else:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        else:
            missing.append(ImportFailure(shown_path(path), "no such file or folder"))
    return files, missing
