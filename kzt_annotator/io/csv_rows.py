"""CSV records numbered as a spreadsheet numbers its rows: the header is row 1, the first data
row is row 2, a cell with a line break inside stays one row. Every reader of a user's CSV
(`annotate --from-file`, `import-annotations`) counts the same way, so an error names the row
the user sees.

Raises InvalidInput (one line) for broken quoting, naming the row and line where the unclosed
or stray quote starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from kzt_annotator.core.errors import InvalidInput


class BrokenQuoting(InvalidInput):
    """A quoted cell is never closed, or a quote inside a quoted cell is not doubled."""


def numbered_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record of `text`, the header first as row 1; an empty line
    gives an empty list (and still counts as a row). `name` names the file in errors."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    while True:
        line = reader.line_num + 1
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BrokenQuoting(broken_quoting(name, number, line, exc)) from None
        yield number, cells


def broken_quoting(name: str, row: int, line: int, exc: csv.Error) -> str:
    """The one-line message for a csv.Error raised reading row `row` (starting at line `line`)."""
    if "end of data" in str(exc):
        what = "a quote opened in row {row} (line {line}) is never closed"
    else:
        what = "row {row} (line {line}) has a quote inside a quoted cell that is not doubled"
    return (
        f"{name}: broken CSV quoting: {what.format(row=row, line=line)}; "
        'close the quote, or write a quote inside a cell as "" '
    ).rstrip()
