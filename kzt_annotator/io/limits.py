"""Size limits for imported files. Documented in the README; overridable by environment."""

from __future__ import annotations

import os

DEFAULT_MAX_FILE_MB = 25
ENV_MAX_FILE_MB = "KZT_ANNOTATOR_MAX_FILE_MB"


def max_file_bytes() -> int:
    raw = os.environ.get(ENV_MAX_FILE_MB)
    try:
        mb = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        mb = DEFAULT_MAX_FILE_MB
    return int(mb * 1024 * 1024)
