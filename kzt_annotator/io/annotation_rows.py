"""Rows of a bulk-tagging file (CSV or JSON Lines), as plain dicts of strings, numbered as the user
sees them: CSV rows as a spreadsheet shows them (the header is row 1), JSONL by line.

CSV: a header row with `article`, `kind`, `start`, `end`, optional `note` and `link`, and any other
column an attribute (`quantity`, `value`, `qualifier`, …; empty cells are left out).
JSONL: one object per line with the same keys; attributes may also sit under "attributes".

Raises InvalidInput (one line: the file, the row, what to fix) for a file that cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path

from kzt_annotator.core.errors import InvalidInput
from kzt_annotator.io.csv_rows import numbered_rows

REQUIRED = ("article", "kind", "start", "end")


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(row number, {column: text}) for every row; the format follows the suffix (.jsonl/.json or CSV)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text; save it as UTF-8 and try again") from None
    rows = _jsonl(path, text) if path.suffix.lower() in (".jsonl", ".json", ".ndjson") else _csv(path, text)
    for number, row in rows:
        missing = [name for name in REQUIRED if not str(row.get(name, "")).strip()]
        if missing:
            raise InvalidInput(
                f"{path} row {number}: no {', '.join(missing)} (every row needs {', '.join(REQUIRED)})"
            )
    return rows


def _csv(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    """Rows numbered as a spreadsheet shows them (the header is row 1; io.csv_rows)."""
    records = numbered_rows(text, str(path))
    header = [name.strip() for name in next(records, (1, []))[1]]
    if not set(REQUIRED) <= set(header):
        raise InvalidInput(
            f"{path}: the first row must name the columns {', '.join(REQUIRED)} (and attributes)"
        )
    out = []
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise InvalidInput(
                f"{path} row {number}: more cells than columns (a comma inside an unquoted cell?)"
            )
        row = dict(zip(header, cells, strict=False))
        out.append((number, {k: v.strip() for k, v in row.items() if k and v.strip()}))
    return out


def _jsonl(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"{path} line {number}: not JSON ({exc.msg}); write one object per line"
            ) from None
        if not isinstance(item, dict):
            raise InvalidInput(f'{path} line {number}: expected an object like {{"article": 1, ...}}')
        attributes = item.pop("attributes", None) or {}
        if not isinstance(attributes, dict):
            raise InvalidInput(f'{path} line {number}: "attributes" must be an object')
        merged = {**item, **attributes}
        out.append(
            (number, {k: "" if v is None else str(v) for k, v in merged.items() if v not in (None, "")})
        )
    return out
