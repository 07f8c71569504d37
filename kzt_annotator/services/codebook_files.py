"""Codebook files by suffix: `codebook import FILE` and `codebook export FILE` dispatch here.

A format is a reader (path -> entries) and a writer (path, entries in tree order -> count).
`.csv` is built in (io.codebook_csv). REFI-QDA `.qdc` (read and write) and `.qdpx` (read its
code tree) are registered by services.qda_codebook, imported by `load_formats`; both verbs and
the GUI pick them up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import CodebookEntry
from kzt_annotator.io.codebook_csv import read_codebook_csv, write_codebook_csv


@dataclass(frozen=True, slots=True)
class CodebookFormat:
    name: str  # shown in file dialogs: "CSV", "REFI-QDA codebook"
    read: Callable[[Path], list[CodebookEntry]] | None
    write: Callable[[Path, Iterable[CodebookEntry]], int] | None


FORMATS: dict[str, CodebookFormat] = {
    ".csv": CodebookFormat("CSV", read_codebook_csv, write_codebook_csv),
}
# Suffixes we know of but cannot handle yet, with what they are.
PLANNED = {".qdc": "REFI-QDA codebook", ".qdpx": "REFI-QDA project"}
# Modules that register more formats when imported (an absent module is skipped).
PROVIDERS: tuple[str, ...] = ("kzt_annotator.services.qda_codebook",)


def register_format(suffix: str, fmt: CodebookFormat) -> None:
    FORMATS[suffix.lower()] = fmt


def load_formats() -> None:
    for name in PROVIDERS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            continue


def format_for(path: Path, *, writing: bool) -> CodebookFormat:
    """The format for `path`'s suffix; InvalidInput (one line) for unknown or unsupported ones."""
    load_formats()
    suffix = Path(path).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is not None and writing and fmt.write is None:
        raise InvalidInput(
            f"{Path(path).name}: a {fmt.name} is only read by the codebook; write .qdc or .csv "
            "(a whole project goes to .qdpx with export-qdpx)"
        )
    if fmt is None or (fmt.write if writing else fmt.read) is None:
        if suffix in PLANNED:
            raise InvalidInput(
                f"{PLANNED[suffix]} files ({suffix}) are not supported yet; use a .csv codebook for now"
            )
        known = ", ".join(sorted(s for s, f in FORMATS.items() if (f.write if writing else f.read)))
        raise InvalidInput(
            f"{Path(path).name}: unknown codebook file type {suffix or '(none)'!r}; use {known}"
        )
    return fmt
