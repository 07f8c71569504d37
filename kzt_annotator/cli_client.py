"""Run a CLI verb in a warm server process, so a verb starts in about 0.1 s instead of 0.2-0.4 s.

Most of a verb's start is importing the database code (SQLAlchemy alone is about 0.2 s on a
2-core machine). The first verb runs as usual and then starts a small server in the background
(cli_server.py) that has those modules imported; later verbs hand it their command line,
working directory, environment and their standard input, output and error themselves (the file
descriptors, passed over a Unix socket), and the server forks a copy of itself that runs the verb
exactly as this process would have, writing straight to this process's terminal or pipes. The
exit status comes back here. The server ends after IDLE_SECONDS without a verb.

The same idea as mypy's dmypy and Gradle's daemon, with a fork per verb so that no verb sees
another's state. Only the standard library is imported here: this module runs before anything
else. POSIX only (fork, SCM_RIGHTS); elsewhere, in a frozen build, or with
KZT_ANNOTATOR_CLI_SERVER=off, every verb runs in its own process as before.

Protocol (one connection per verb): the client sends a 4-byte big-endian length and a JSON
request, with descriptors 0, 1 and 2 attached to the first bytes; the server answers
b"S" + 8-byte pid once the verb's process is set up (before that, nothing has run and the
client may run the verb itself), then b"X" + 4-byte signed exit status when the verb ends.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Sequence

ENV_SWITCH = "KZT_ANNOTATOR_CLI_SERVER"  # "off" (or 0/no/false): no server; a number: idle seconds
ENV_TRACE = "KZT_ANNOTATOR_CLI_SERVER_TRACE"  # a file: each verb appends "served" or "direct" (tests)
IDLE_SECONDS = 600.0  # a server with no verb for this long ends
_MAX_SOCKET_PATH = 100  # bytes: sun_path is 108 on Linux, 104 on macOS


def idle_seconds() -> float | None:
    """How long a server waits for the next verb, or None when the server is switched off."""
    raw = os.environ.get(ENV_SWITCH, "").strip().lower()
    if raw in {"off", "0", "no", "false"}:
        return None
    if not raw or raw in {"on", "yes", "true"}:
        return IDLE_SECONDS
    try:
        value = float(raw)
    except ValueError:
        return IDLE_SECONDS
    return value if value > 0 else None


def usable() -> bool:
    """Whether verbs may go through a server: POSIX with descriptor passing, not a frozen build,
    not switched off, and this process's standard streams are its real descriptors 0-2 (not a
    test's captured output)."""
    if getattr(sys, "frozen", False) or not hasattr(socket, "send_fds") or not hasattr(os, "fork"):
        return False
    if idle_seconds() is None:
        return False
    streams = (
        (sys.stdin, sys.__stdin__, 0),
        (sys.stdout, sys.__stdout__, 1),
        (sys.stderr, sys.__stderr__, 2),
    )
    for current, original, fd in streams:
        if current is None or current is not original:
            return False
        try:
            if current.fileno() != fd:
                return False
        except (OSError, ValueError):
            return False
    return True


def runtime_dir() -> str | None:
    """A directory only this user can enter, for the server's socket: $XDG_RUNTIME_DIR's
    kzt-annotator, else kzt-annotator-UID in $TMPDIR or /tmp; None when it cannot be made
    private. (Paths are strings here: pathlib and tempfile cost a verb 10-40 ms to import.)"""
    import stat

    base = os.environ.get("XDG_RUNTIME_DIR") or ""
    if base and os.path.isdir(base):
        folder = os.path.join(base, "kzt-annotator")
    else:
        folder = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"kzt-annotator-{os.getuid()}")
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    try:
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # a link, someone else's, or others may enter: never trust a socket there
    return folder


def fingerprint() -> str:
    """What a server must share with this process to run its verbs as it would: the interpreter,
    the module search path and when each of its directories last changed, the text encodings,
    and each of the package's source files (time, size, inode), so an upgrade, an installed
    package or an edit starts a new server. 16 hex digits."""
    import locale

    package = os.path.dirname(os.path.realpath(__file__))
    # Every source file's name, time, size and inode: a file replaced by one with an older time
    # (cp -p, rsync -a, tar) changes too, not only the newest edit.
    files_seen = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                files_seen.append(f"{folder}/{name}:{info.st_mtime_ns}:{info.st_size}:{info.st_ino}")
    # A package installed, upgraded or removed changes its site-packages directory's time (pip
    # adds and removes *.dist-info folders there), so a server never mixes two versions' modules.
    # (Only those directories: the others, the working directory among them, change with use.)
    places = []
    for entry in sys.path:
        if os.path.basename(entry) in {"site-packages", "dist-packages"}:
            try:
                entry = f"{entry}:{os.stat(entry).st_mtime_ns}"
            except OSError:
                pass
        places.append(entry)
    parts = [
        sys.executable,
        sys.version,
        *places,
        sys.getfilesystemencoding(),
        locale.getencoding(),
        str(sys.flags.utf8_mode),
        package,
        *files_seen,
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def socket_path() -> str | None:
    """The socket of the server for this interpreter and package, or None (no private dir)."""
    folder = runtime_dir()
    if folder is None:
        return None
    path = os.path.join(folder, f"cli-{fingerprint()}.sock")
    return path if len(os.fsencode(path)) <= _MAX_SOCKET_PATH else None


def trace(word: str) -> None:
    """Note how a verb ran ("served" or "direct") in $KZT_ANNOTATOR_CLI_SERVER_TRACE, if set."""
    target = os.environ.get(ENV_TRACE)
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(word + "\n")


def _request(argv: Sequence[str]) -> bytes:
    def stream(s: object) -> dict[str, object]:
        return {
            "encoding": getattr(s, "encoding", None) or "utf-8",
            "errors": getattr(s, "errors", None) or "strict",
            "line_buffering": bool(getattr(s, "line_buffering", False)),
            "write_through": bool(getattr(s, "write_through", False)),  # python -u, PYTHONUNBUFFERED
        }

    umask = os.umask(0o022)
    os.umask(umask)
    request = {
        "argv0": sys.argv[0] if sys.argv else "kzt-annotator",
        "argv": list(argv),
        "cwd": os.getcwd(),
        "env": dict(os.environ),
        "umask": umask,
        "streams": [stream(sys.stdin), stream(sys.stdout), stream(sys.stderr)],
    }
    body = json.dumps(request).encode("utf-8", "surrogateescape")
    return struct.pack(">I", len(body)) + body


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the server closed the connection")
        data += chunk
    return data


def run_served(argv: Sequence[str]) -> int | None:
    """Run the verb in the server and return its exit status; None when no server took it (none
    runs, or it ended before setting the verb up): then nothing has run, and the caller runs it.
    Ctrl-C meanwhile interrupts the verb, as if it ran in this process (exit status 130)."""
    path = socket_path()
    if path is None:
        return None
    verb: dict[str, int] = {}  # "pid" once the server has set the verb up, "interrupted" before

    def forward(_signum: int, _frame: object) -> None:
        if "pid" in verb:
            try:
                os.kill(verb["pid"], signal.SIGINT)
            except OSError:
                pass
        else:
            verb["interrupted"] = 1

    previous = signal.signal(signal.SIGINT, forward)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        try:
            conn.connect(path)
            payload = _request(argv)
            sys.stdout.flush()
            sys.stderr.flush()
            socket.send_fds(conn, [payload[:4096]], [0, 1, 2])
            if len(payload) > 4096:
                conn.sendall(payload[4096:])
            tag = _read(conn, 9)
        except OSError:
            tag = b""  # no server, a stale socket, or one ending: nothing ran
        if tag[:1] != b"S":
            if "interrupted" in verb:
                raise KeyboardInterrupt
            return None
        verb["pid"] = struct.unpack(">q", tag[1:])[0]
        trace("served")
        if "interrupted" in verb:
            forward(signal.SIGINT, None)
        return _wait(conn)
    finally:
        conn.close()
        signal.signal(signal.SIGINT, previous)


def _wait(conn: socket.socket) -> int:
    """The verb's exit status, once its process has sent it."""
    try:
        tag = _read(conn, 5)
    except OSError:
        tag = b""
    if tag[:1] == b"X":
        return int(struct.unpack(">i", tag[1:])[0])
    print(
        "kzt-annotator: error: the command's process ended without an exit status; "
        "run it again with KZT_ANNOTATOR_CLI_SERVER=off and report it if it fails again",
        file=sys.stderr,
    )
    return 70


def start_server() -> None:
    """Start a server in the background for the next verbs (it exits at once if one runs)."""
    path = socket_path()
    idle = idle_seconds()
    if path is None or idle is None:
        return
    import subprocess

    try:
        subprocess.Popen(
            [sys.executable, "-m", "kzt_annotator.cli_server", path, str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        pass  # no server: the next verb starts cold, as without one
