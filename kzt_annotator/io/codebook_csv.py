"""The codebook as CSV: one row per entry, UTF-8, RFC 4180 quoting, CRLF line ends.

Columns, in this order: `kind` (quantity, speaker, claim_key, outlet, category), `key`, `label`,
`parent` (the parent's key, same kind; empty for a top-level entry), `aliases` (joined by `;`),
`colour` (#RRGGBB or empty), `description`. Text cells that a spreadsheet would run as a formula
get a leading `'`, which reading takes off again (as in the annotation CSV).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from kzt_annotator.core.codebook import make_entry, parse_kind
from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.core.model import CodebookEntry
from kzt_annotator.io.atomic import atomic_writer
from kzt_annotator.io.csv_format import neutralise, unneutralise
from kzt_annotator.io.errors import FileRefused

COLUMNS = ("kind", "key", "label", "parent", "aliases", "colour", "description")
MAX_BYTES = 25 * 1024 * 1024


def entry_row(entry: CodebookEntry) -> list[str]:
    cells = [
        entry.kind.value,
        entry.key,
        entry.label,
        entry.parent or "",
        ";".join(entry.aliases),
        entry.colour,
        entry.description,
    ]
    return [neutralise(c) for c in cells]


def write_codebook_csv(path: Path, entries: Iterable[CodebookEntry]) -> int:
    """Write `entries` (parents before children is the caller's order) atomically; returns the count."""
    count = 0
    with atomic_writer(Path(path)) as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for entry in entries:
            writer.writerow(entry_row(entry))
            count += 1
    return count


def read_codebook_csv(path: Path) -> list[CodebookEntry]:
    """Entries from a codebook CSV; FileRefused naming the row for anything malformed."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRefused(f"{path.name}: cannot read it ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise FileRefused(f"{path.name}: larger than 25 MB; a codebook is never that big")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(f"{path.name}: not UTF-8 text; save it as UTF-8 CSV") from None
    return parse_codebook_csv(text, path.name)


def parse_codebook_csv(text: str, name: str = "codebook.csv") -> list[CodebookEntry]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise FileRefused(f"{name}: broken CSV quoting ({exc})") from None
    if not rows:
        raise FileRefused(f"{name}: empty; the first row must be the header {','.join(COLUMNS)}")
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("kind", "key") if c not in header]
    if missing:
        raise FileRefused(
            f"{name}: no {' or '.join(missing)} column; the header should be {','.join(COLUMNS)}"
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise FileRefused(
            f"{name}: unknown column(s) {', '.join(unknown)}; the columns are {','.join(COLUMNS)}"
        )
    entries: list[CodebookEntry] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise FileRefused(f"{name}, row {number}: {len(row)} cells, the header has {len(header)}")
        cells = {h: unneutralise(c) for h, c in zip(header, row, strict=True)}
        try:
            entry = make_entry(
                parse_kind(cells["kind"]),
                cells["key"],
                cells.get("label", ""),
                colour=cells.get("colour", ""),
                description=cells.get("description", ""),
                parent=cells.get("parent") or None,
                aliases=[a for a in cells.get("aliases", "").split(";") if a.strip()],
            )
        except InvalidInput as exc:
            raise FileRefused(f"{name}, row {number}: {exc}") from None
        if (entry.kind.value, entry.key) in seen:
            raise FileRefused(f"{name}, row {number}: {entry.kind.value} {entry.key!r} appears twice")
        seen.add((entry.kind.value, entry.key))
        entries.append(entry)
    return entries
