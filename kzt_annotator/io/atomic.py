"""Write files whole or not at all: a temp file beside the target, fsync, rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from kzt_annotator.core.errors import KztError


def _umask() -> int:
    """The process umask; read from /proc where possible, since setting it races with threads."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_writer(
    path: Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = ""
) -> Iterator[IO]:
    """Yield a handle whose content replaces `path` only when the block ends without error.

    The new file gets the mode a plain `open()` would give it (0666 less the umask). A target
    that exists and is not a regular file (a device such as /dev/stdout, a pipe) is written
    directly, never replaced. Raises KztError when `path` is a folder; OSError (disk full,
    permission denied) is left to the caller, with the partial file removed.
    """
    path = Path(path)
    kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
    if path.is_dir():
        raise KztError(f"{path} is a folder; give the name of a file to write")
    if path.exists() and not path.is_file():
        try:
            with open(path, mode, **kwargs) as direct:
                yield direct
        except OSError as exc:
            raise _named(exc, path) from exc
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:  # a folder that cannot hold files (/proc), or no permission
        if exc.errno == errno.ENOENT and path.parent.is_dir():
            raise KztError(
                f"cannot create {path}: the folder {path.parent} does not accept new files; "
                "choose another folder"
            ) from exc
        raise _named(exc, path) from exc
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _named(exc, path) from exc
        raise


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, naming the target the user gave (not a temporary file, not nothing)."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else exc


def safe_filename(title: str, fallback: str = "article", limit: int = 80) -> str:
    """A file name from an article title: no path separators, control or reserved characters."""
    cleaned = "".join(c if (c.isalnum() or c in " -_.,()") else "_" for c in title)
    cleaned = " ".join(cleaned.split()).strip(" .")[:limit].strip(" .")
    reserved = {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
    if not cleaned or cleaned.upper() in reserved:
        return fallback
    return cleaned
