#!/usr/bin/env python3
"""Set up and run kzt-annotator from a fresh checkout with nothing but Python 3.11+.

    python3 dev.py run     # create .venv, install, start the application (SQLite default)
    python3 dev.py test    # create .venv, install with test tools, run ruff, import contracts, pytest

The virtual environment is (re)installed only when pyproject.toml changed since the last run.
Extra arguments after `run` go to the application, after `test` to pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("KZT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LINTED = ("kzt_annotator", "tests", "benchmarks", "packaging", "dev.py")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit(f"kzt-annotator needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f".[{extras}]" if extras else "."
    print(f"installing kzt-annotator{f'[{extras}]' if extras else ''} into {VENV}", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT, check=True)
    stamp.write_text(digest)


def run_app(args: list[str]) -> int:
    ensure_venv("")
    return subprocess.call([str(BIN / "kzt-annotator"), *args])


def run_tests(args: list[str]) -> int:
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    steps = [
        [str(BIN / "ruff"), "check", *(p for p in LINTED if (ROOT / p).exists())],
        [str(BIN / "lint-imports")],
        [str(PYTHON), "-m", "pytest", *args],
    ]
    # The headless layers once more with Qt made unimportable (see tests/no_qt/sitecustomize.py).
    headless = [str(PYTHON), "-m", "pytest", "-q", "-p", "no:pytest-qt", "tests/core", "tests/store",
                "tests/io", "tests/services", "tests/cli"]
    no_qt_env = dict(env, PYTHONPATH=str(ROOT / "tests" / "no_qt"))
    for step, step_env in [*((s, env) for s in steps), (headless, no_qt_env)]:
        print("+", " ".join(Path(step[0]).name if i == 0 else s for i, s in enumerate(step)), flush=True)
        code = subprocess.call(step, cwd=ROOT, env=step_env)
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
