#!/usr/bin/env python3
"""Set up and run kzt-annotator from a fresh checkout with nothing but Python 3.11+.

    python3 dev.py run     # create .venv, install, start the application (SQLite default)
    python3 dev.py test    # create .venv, install with test tools, run ruff, import contracts, pytest

The virtual environment is (re)installed only when pyproject.toml changed since the last run.
Extra arguments after `run` go to the application, after `test` to pytest.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("KZT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LINTED = ("kzt_annotator", "tests", "benchmarks", "packaging", "dev.py")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
NOTHING_COLLECTED = 5  # pytest's exit status when no test was selected: a failure here, never a pass


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit(f"kzt-annotator needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        if importlib.util.find_spec("ensurepip") is None:  # Debian and Ubuntu ship it apart
            sys.exit(
                "dev.py: this Python cannot make a virtual environment with pip (no ensurepip); "
                "on Debian or Ubuntu install python3-venv (sudo apt-get install python3-venv)"
            )
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"installing kzt-annotator{f'[{extras}]' if extras else ''} into {VENV}", flush=True)
    for step in (["--upgrade", "pip"], ["-e", target]):
        code = subprocess.call([str(PYTHON), "-m", "pip", "install", "--quiet", *step], cwd=ROOT)
        if code != 0:
            sys.exit(f"dev.py: pip install {' '.join(step)} failed (exit {code}); the messages above say why")
    stamp.write_text(digest)


def run_app(args: list[str]) -> int:
    ensure_venv("")
    return subprocess.call([str(BIN / "kzt-annotator"), *args])


def start_postgres() -> tuple[str, Callable[[], None]] | None:
    """A throwaway PostgreSQL server on 127.0.0.1 for the team-mode tests, if PostgreSQL is installed."""
    import glob
    import shutil
    import socket
    import tempfile

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")) or (
        [shutil.which("pg_ctl")] if shutil.which("pg_ctl") else []
    )
    if not found:
        return None
    bindir = Path(found[-1]).parent
    data = Path(tempfile.mkdtemp(prefix="kzt-pg-"))
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(data, "postgres", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.STDOUT}
    subprocess.run(
        [*prefix, str(bindir / "initdb"), "-D", str(data / "db"), "-A", "trust", "-U", "kzt"],
        check=True,
        **quiet,
    )
    subprocess.run(
        [
            *prefix,
            str(bindir / "pg_ctl"),
            "-D",
            str(data / "db"),
            "-l",
            str(data / "log"),
            "-w",
            "-o",
            f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        ],
        check=True,
        **quiet,
    )

    def stop() -> None:
        subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m", "fast", "stop"], **quiet
        )
        shutil.rmtree(data, ignore_errors=True)

    return f"postgresql+psycopg://kzt@127.0.0.1:{port}/postgres", stop


def run_tests(args: list[str]) -> int:
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    server = None if env.get("KZT_TEST_PG_URL") else start_postgres()
    if server is not None:
        env["KZT_TEST_PG_URL"] = server[0]
        print(f"+ throwaway PostgreSQL server for the team-mode tests at {server[0]}", flush=True)
    try:
        return _run_test_steps(args, env)
    finally:
        if server is not None:
            server[1]()


def _run_test_steps(args: list[str], env: dict[str, str]) -> int:
    steps = [
        [str(BIN / "ruff"), "check", *(p for p in LINTED if (ROOT / p).exists())],
        [str(BIN / "ruff"), "format", "--check", *(p for p in LINTED if (ROOT / p).exists())],
        [str(BIN / "lint-imports")],
        [str(PYTHON), "-m", "pytest", *args],
    ]
    # The headless layers once more with Qt made unimportable (see tests/no_qt/sitecustomize.py).
    headless = [
        str(PYTHON),
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:pytest-qt",
        "tests/core",
        "tests/store",
        "tests/io",
        "tests/services",
        "tests/cli",
    ]
    no_qt_env = dict(env, PYTHONPATH=str(ROOT / "tests" / "no_qt"))
    for step, step_env in [*((s, env) for s in steps), (headless, no_qt_env)]:
        print("+", " ".join(Path(step[0]).name if i == 0 else s for i, s in enumerate(step)), flush=True)
        code = subprocess.call(step, cwd=ROOT, env=step_env)
        if code == NOTHING_COLLECTED and "pytest" in step:
            print(
                "dev.py: pytest collected no tests (exit 5), which counts as a failure: "
                "check the paths and the -m / -k expression",
                file=sys.stderr,
                flush=True,
            )
        if code != 0:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    verb, rest = sys.argv[1], sys.argv[2:]
    return run_app(rest) if verb == "run" else run_tests(rest)


if __name__ == "__main__":
    raise SystemExit(main())
