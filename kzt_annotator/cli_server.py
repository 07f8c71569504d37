"""The warm CLI server: imports the verbs' modules once, then forks one process per verb.

Started by cli_client.start_server as `python -m kzt_annotator.cli_server SOCKET IDLE`. It holds
no project open and no database connection: each verb's process is a fresh fork that takes over
the client's descriptors 0-2, working directory, environment, umask and command line, runs
`cli.run` and reports its exit status (protocol in cli_client.py). Only this user can connect:
the socket lives in a private directory, and each connection's peer must have this user id.
The server ends after IDLE seconds without a connection, or when its socket is replaced.
"""

from __future__ import annotations

import atexit
import fcntl
import io
import json
import os
import signal
import socket
import struct
import sys
import time
from pathlib import Path

# Imported once here, so a verb's process starts with them (the point of the server).
PRELOAD = (
    "kzt_annotator.cli",
    "kzt_annotator.store.repository",
    "kzt_annotator.services.project",
    "kzt_annotator.services.search",
    "kzt_annotator.services.csv_export",
    "kzt_annotator.services.annotating",
    "sqlalchemy.dialects.sqlite.pysqlite",
)


def _preload() -> None:
    import importlib

    for name in PRELOAD:
        importlib.import_module(name)
    from kzt_annotator.cli import build_parser

    build_parser()  # every verb's module


def _peer_is_us(conn: socket.socket) -> bool:
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:  # macOS: the private directory alone guards the socket
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(conn, 4096, 3)
    if len(fds) != 3:
        for fd in fds:
            os.close(fd)
        raise ConnectionError("a request without its three descriptors")
    while len(data) < 4:
        more = conn.recv(4096)
        if not more:
            raise ConnectionError("a request cut short")
        data += more
    size = struct.unpack(">I", data[:4])[0]
    body = data[4:]
    while len(body) < size:
        more = conn.recv(min(65536, size - len(body)))
        if not more:
            raise ConnectionError("a request cut short")
        body += more
    return json.loads(body.decode("utf-8", "surrogateescape")), fds


def _become_client(request: dict, fds: list[int]) -> None:
    """In the verb's process: take over the client's descriptors, place and environment."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    streams = []
    for fd, spec in enumerate(request["streams"]):
        mode = "r" if fd == 0 else "w"
        # unbuffered output as the client's (python -u); input is always buffered, as Python's
        unbuffered = fd > 0 and bool(spec.get("write_through"))
        raw = open(fd, mode + "b", buffering=0 if unbuffered else -1, closefd=False)
        streams.append(
            io.TextIOWrapper(
                raw,
                encoding=spec["encoding"],
                errors=spec["errors"],
                line_buffering=spec["line_buffering"] or fd == 2,
                write_through=unbuffered,
            )
        )
    sys.stdin, sys.stdout, sys.stderr = streams
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = streams
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    os.umask(int(request["umask"]))
    sys.argv = [request["argv0"], *request["argv"]]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)


def _end_with_client(conn: socket.socket) -> None:
    """In the verb's process: end it at once, as the client's own process would have ended, when
    the client is gone (killed, e.g. by `timeout` or a closed terminal): its connection closes.
    The client sends nothing after its request, so any read that returns means it is gone."""
    import threading

    def watch() -> None:
        try:
            conn.recv(1)
        except OSError:
            pass
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="kzt-client-watch", daemon=True).start()


def _run_verb(conn: socket.socket, request: dict, fds: list[int]) -> None:
    """The forked verb's process: never returns."""
    code = 70
    try:
        _become_client(request, fds)
        _end_with_client(conn)
        from kzt_annotator.cli import run

        try:  # from here on a forwarded Ctrl-C is the verb's (the client may send it after b"S")
            conn.sendall(b"S" + struct.pack(">q", os.getpid()))
            code = run(request["argv"])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except KeyboardInterrupt:  # Ctrl-C before the verb's own handling began
            print("kzt-annotator: interrupted", file=sys.stderr)
            code = 130
        # What an interpreter does on exit (atexit: worker pools, temporary files), then the
        # streams; never sys.exit here: unwinding would run the server's own clean-up.
        try:
            atexit._run_exitfuncs()
        except BaseException:  # noqa: BLE001 - as at a normal exit, a failing handler is not fatal
            pass
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        conn.sendall(b"X" + struct.pack(">i", code))
    except BaseException:  # the client reports a missing status; a half-set-up verb never ran
        pass
    finally:
        os._exit(code)


def _end_on_signals() -> None:
    """End the server cleanly on SIGTERM or SIGHUP (`kill`, a closed session): its clean-up then
    removes the socket and the lock file, as at an idle exit. A verb's process forked before it
    set its own handlers ends at once instead: it must never run the server's clean-up."""
    server = os.getpid()

    def end(signum: int, _frame: object) -> None:
        if os.getpid() != server:
            os._exit(128 + signum)
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGHUP, end)


def serve(path: Path, idle: float) -> int:
    """Listen on `path` until `idle` seconds pass without a verb; 0 when done, 1 when another
    server already holds it."""
    lock_path = Path(f"{path}.lock")
    lock = open(lock_path, "a+")  # noqa: SIM115 - held for the server's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstat(lock.fileno()).st_ino != lock_path.stat().st_ino:
            raise OSError("the lock file was removed by the server that held it")
    except OSError:
        lock.close()
        return 1  # another server for the same fingerprint runs (or is starting, or just ended)
    _end_on_signals()
    lock.truncate(0)
    lock.write(f"{os.getpid()}\n")  # who holds it: `kill $(cat SOCKET.lock)` ends the server
    lock.flush()
    _preload()
    os.chdir("/")  # never keep the first client's directory busy (a disk could not be unmounted)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # verbs' processes are reaped by the kernel
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    os.chmod(path, 0o600)
    listener.listen(16)
    listener.settimeout(min(idle, 30.0))
    identity = path.stat().st_ino
    last = time.monotonic()
    try:
        while True:
            try:
                conn, _addr = listener.accept()
            except TimeoutError:
                replaced = not path.exists() or path.stat().st_ino != identity
                if replaced or time.monotonic() - last >= idle:
                    return 0
                continue
            last = time.monotonic()
            with conn:
                conn.settimeout(10.0)
                try:
                    if not _peer_is_us(conn):
                        continue
                    request, fds = _receive(conn)
                except (OSError, ValueError, KeyError):
                    continue
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    lock.close()  # the lock is the server's: a long verb must not hold it
                    conn.settimeout(None)
                    _run_verb(conn, request, fds)
                for fd in fds:
                    os.close(fd)
    finally:
        try:
            if path.stat().st_ino == identity:
                path.unlink()
        except FileNotFoundError:
            pass
        listener.close()
        lock_path.unlink(missing_ok=True)  # still locked: a server starting now fails its check
        lock.close()


def main(argv: list[str]) -> int:
    """`python -m kzt_annotator.cli_server SOCKET IDLE_SECONDS`."""
    if len(argv) != 2:
        print("usage: python -m kzt_annotator.cli_server SOCKET IDLE_SECONDS", file=sys.stderr)
        return 1
    return serve(Path(argv[0]), float(argv[1]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
