"""Size limits for imported files. Documented in the README; overridable by environment."""

from __future__ import annotations

import math
import os

from kzt_annotator.core.errors import InvalidInput

DEFAULT_MAX_FILE_MB = 25
ENV_MAX_FILE_MB = "KZT_ANNOTATOR_MAX_FILE_MB"


def max_file_bytes() -> int:
    """The largest file an import reads, in bytes: $KZT_ANNOTATOR_MAX_FILE_MB megabytes (MiB),
    else 25. Raises InvalidInput (one line naming the variable) for a value that is not a
    positive number, rather than silently using the default."""
    raw = os.environ.get(ENV_MAX_FILE_MB, "").strip()
    if not raw:
        return DEFAULT_MAX_FILE_MB * 1024 * 1024
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not (mb > 0 and math.isfinite(mb)):
        raise InvalidInput(
            f"{ENV_MAX_FILE_MB}={raw!r} is not a size: give a positive number of megabytes "
            f"(for example 50), or unset it for the default {DEFAULT_MAX_FILE_MB}"
        )
    return max(1, round(mb * 1024 * 1024))


def megabytes(size: int) -> str:
    """`size` bytes as megabytes (MiB) with enough digits to read: 25, 1.9, 0.00191 (three
    significant digits below 1 MB, where one decimal would show 0.0)."""
    mb = size / 1048576
    return f"{mb:.1f}".rstrip("0").rstrip(".") if mb >= 1 else f"{mb:.3g}"
