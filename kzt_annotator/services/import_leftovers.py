"""What a folder import leaves out because of its type: counted from names alone, never opened.

`import FOLDER` reads only supported types (io.readers.SUPPORTED_SUFFIXES); the rest of the
folder (a spreadsheet, pictures, files with no extension) is counted here by suffix so the
summary can say so, and a folder with nothing importable can be refused before a project is
opened. The walk follows the import's rules: hidden files and folders are not looked at, links
to folders are not followed, and folder documents (README, LICENSE, ...) are not counted.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kzt_annotator.io.readers import SUPPORTED_SUFFIXES
from kzt_annotator.services.import_files import FOLDER_DOCS

NO_EXTENSION = "no extension"


@dataclass(frozen=True, slots=True)
class FolderScan:
    """The named folders' files: how many an import reads, and the others by suffix."""

    supported: int = 0
    unsupported: dict[str, int] = field(default_factory=dict)  # ".csv" / "no extension" -> count

    def left_out(self) -> str:
        """'3 files of unsupported types left out: .csv, .png, no extension' ('' when none)."""
        n = sum(self.unsupported.values())
        if not n:
            return ""
        kinds = sorted(self.unsupported, key=lambda k: (k == NO_EXTENSION, k))
        return f"{n} file(s) of unsupported types left out: {', '.join(kinds)}"


def scan_folders(paths: Iterable[Path]) -> FolderScan:
    """Count the files in the folders among `paths` (files named one by one are not counted:
    each of those is reported on its own). Reads directory entries only."""
    supported = 0
    unsupported: Counter[str] = Counter()
    for path in paths:
        if not path.is_dir():
            continue
        for folder, dirs, names in os.walk(path, followlinks=False):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                child = Path(folder) / name
                suffix = child.suffix.lower()
                if suffix in SUPPORTED_SUFFIXES:
                    supported += not child.stem.lower().startswith(FOLDER_DOCS)
                elif not child.stem.lower().startswith(FOLDER_DOCS) or suffix:
                    unsupported[suffix or NO_EXTENSION] += 1
    return FolderScan(supported, dict(unsupported))


def nothing_to_import(paths: list[Path], scan: FolderScan) -> str:
    """The one-line refusal when every path named is a folder and none holds a file an import
    reads ('' otherwise): an import that would find nothing is a mistake, like a missing path."""
    if not paths or not all(p.is_dir() for p in paths) or scan.supported:
        return ""
    where = str(paths[0]) if len(paths) == 1 else f"{len(paths)} folders"
    found = f" ({scan.left_out()})" if scan.unsupported else ""
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return f"{where} has no file of a type kzt-annotator imports{found}; it reads {kinds}"
