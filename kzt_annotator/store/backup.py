"""Rolling backups of SQLite project files with SQLite's online backup API.

A plain file copy of an open WAL database can capture a torn state; the backup API cannot.
Backups live beside the project in `backups/<project name>/`, named with a UTC timestamp and a
reason. Two groups are kept apart, each with its own count: on-open backups (taken whenever a
changed project is opened) and milestones (before an import, a migration, a restore, a text
replacement), so scripted edits never push out the backup taken before an import. Bytes count
too: all backups together stay within `max_bytes` and within half of the space the disk has for
them (free space plus what the backups use); the oldest go first, on-open ones before
milestones, and the newest of each group always stays. Leftover `.partial` files of interrupted
backups are removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kzt_annotator.core.errors import KztError
from kzt_annotator.store.project_file import SQLITE_HEADER

DEFAULT_KEEP = 10
ON_OPEN = "on-open"
DEFAULT_MAX_BYTES = 2 * 1024**3  # all backups of one project together
STALE_PARTIAL_SECONDS = 600  # a .partial this old belongs to no backup still running


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str
    size: int


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups" / db_path.stem


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a (possibly open) SQLite database consistently, then fsync and rename into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def make_backup(
    db_path: Path, reason: str, keep: int = DEFAULT_KEEP, max_bytes: int = DEFAULT_MAX_BYTES
) -> Path | None:
    """Back up `db_path` now; returns the backup's path (None when there is no file yet).

    `keep` bounds the backups of this one's group (on-open or milestone), `max_bytes` all of
    them (see the module docstring). Raises KztError when the copy cannot be written."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    safe_reason = "".join(c if c.isalnum() or c in "-_" else "-" for c in reason)[:40]
    target = backup_dir(db_path) / f"{db_path.stem}-{stamp}-{safe_reason}.sqlite"
    try:
        sqlite_copy(db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise KztError(
            f"could not back up {db_path} ({exc}); nothing was changed. "
            "Check free disk space and permissions of the backups folder."
        ) from exc
    prune_backups(db_path, keep, group=_group(safe_reason), max_bytes=max_bytes)
    return target


def backup_due(db_path: Path) -> bool:
    """Whether the project changed since its newest backup (or has none); False without a file."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return False
    newest = next(iter(list_backups(db_path)), None)
    wal = db_path.with_name(db_path.name + "-wal")
    changed = max(db_path.stat().st_mtime, wal.stat().st_mtime if wal.exists() else 0.0)
    return newest is None or newest.created.timestamp() < changed


def backup_if_changed(db_path: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """On open: back up when the project changed since its newest backup (or has none)."""
    if not backup_due(db_path):
        return None
    return make_backup(db_path, ON_OPEN, keep=keep)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in folder.glob(f"{db_path.stem}-*.sqlite"):
        rest = path.stem[len(db_path.stem) + 1 :]
        stamp, _, reason = rest.partition("-")
        try:
            created = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue  # another process (a second window, a script) pruned it just now
        found.append(BackupInfo(path, created, reason, size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def _group(reason: str) -> str:
    return ON_OPEN if reason == ON_OPEN else "milestone"


def prune_backups(
    db_path: Path, keep: int, group: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> None:
    """Apply the retention policy (module docstring); `group` limits the count rule to one group."""
    found = list_backups(db_path)  # newest first
    doomed: list[BackupInfo] = []
    for name in (ON_OPEN, "milestone"):
        if group is None or group == name:
            doomed += [b for b in found if _group(b.reason) == name][max(keep, 1) :]
    left = [b for b in found if b not in doomed]
    budget = min(max_bytes, _disk_budget(db_path, sum(b.size for b in left)))
    newest = {_group(b.reason): b for b in reversed(left)}  # the newest of each group stays
    total = sum(b.size for b in left)
    for candidate in sorted(left, key=lambda b: (_group(b.reason) != ON_OPEN, b.created)):
        if total <= budget:
            break
        if candidate is newest.get(_group(candidate.reason)):
            continue
        doomed.append(candidate)
        total -= candidate.size
    for old in doomed:
        with contextlib.suppress(OSError):
            old.path.unlink()
    _remove_stale_partials(db_path)


def _disk_budget(db_path: Path, backups_bytes: int) -> int:
    """Half of what the disk offers the backups: its free space plus what they already use."""
    try:
        free = shutil.disk_usage(backup_dir(db_path)).free
    except OSError:
        return DEFAULT_MAX_BYTES
    return (free + backups_bytes) // 2


def _remove_stale_partials(db_path: Path) -> None:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return
    now = datetime.now(UTC).timestamp()
    for partial in folder.glob("*.partial"):
        with contextlib.suppress(OSError):
            if now - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                partial.unlink()


def _is_database(db_path: Path) -> bool:
    """Whether `db_path` is missing or an SQLite database whose schema reads (a busy one counts)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return True
    with open(db_path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return False
    probe = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    finally:
        probe.close()
    return True


def _set_damaged_aside(db_path: Path) -> Path:
    """Move a damaged project file (and any journal beside it) into its backups folder, as bytes:
    SQLite cannot copy or write into it. Returns the copy (not listed among the backups)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = backup_dir(db_path) / f"{db_path.stem}-{stamp}-damaged{db_path.suffix}.bin"
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db_path, kept)
    for side in ("-wal", "-shm", "-journal"):  # a journal would be replayed into the restored file
        journal = db_path.with_name(db_path.name + side)
        if journal.exists():
            os.replace(journal, kept.with_name(kept.name + side))
    return kept


def restore_backup(db_path: Path, backup: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Replace the project with `backup`, after backing up the current file. Returns that copy.

    A damaged current file (not an SQLite database, or one whose schema does not read) is kept
    as bytes beside the backups (`<name>-<time>-damaged.sqlite.bin`, with its journal) and the
    backup is copied into its place."""
    if not backup.is_file():
        raise KztError(f"no backup at {backup}; run `kzt-annotator backups` to list them")
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise KztError(f"{backup} is not a usable SQLite database ({exc}); nothing changed") from exc
    finally:
        check.close()
    if ok != "ok":
        raise KztError(f"{backup} fails its integrity check ({ok}); nothing changed")
    if not _is_database(db_path):
        kept = _set_damaged_aside(db_path)
        sqlite_copy(backup, db_path)
        return kept
    safety = make_backup(db_path, "before-restore", keep=keep + 1)
    # Restore through the backup API into the live file so WAL readers see a consistent switch.
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return safety
