"""Why a file was refused, in words a researcher can act on."""

from kzt_annotator.core.errors import KztError


class FileRefused(KztError):
    """The file cannot be imported; the message says why and what to do."""


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file operation: what happened to which path, and what to do.

    `exc` is any OSError (its errno, strerror and filename are used). The words depend on the
    errno: a full disk, a missing file, a permission or read-only file system, a folder where a
    file was expected and the other way round.
    """
    import errno

    where = exc.filename if exc.filename is not None else ""
    if isinstance(where, bytes):
        where = where.decode("utf-8", "backslashreplace")
    where = str(where)
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return f"the disk is full: could not write {where}; free some space (or use another disk) and retry"
    if code == errno.ENOENT:
        return f"{where} does not exist; check the path"
    if code in (errno.EACCES, errno.EPERM):
        return f"permission denied for {where}; choose a file or folder you may write to (or fix permissions)"
    if code == errno.EROFS:
        return f"{where} is on a read-only file system; choose a folder you can write to"
    if code == errno.EISDIR:
        return f"{where} is a folder; give a file name"
    if code == errno.ENOTDIR:
        return f"{where} is not a folder (a file is in the way); give another path"
    if code == errno.EEXIST:
        return f"{where} already exists and is in the way; give another path"
    reason = exc.strerror or str(exc)
    return f"{reason}: {where}; check the path and the disk" if where else f"{reason}; check the disk"
