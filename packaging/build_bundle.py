"""Build the one-folder bundle and smoke-test it offscreen (a release check).

    .venv/bin/pip install pyinstaller && .venv/bin/python packaging/build_bundle.py

The smoke run opens the main window, imports a sample article into a temporary project and
exits 0; the script prints the build time, the bundle size and the smoke result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kzt-bundle-"))
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "packaging" / "kzt-annotator.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    built = time.perf_counter() - start
    folder = work / "dist" / "kzt-annotator"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(work / "config"),
        KZT_ANNOTATOR_USER="smoke",
    )
    start = time.perf_counter()
    smoke = subprocess.run(
        [str(folder / "kzt-annotator"), "--smoke"], env=env, capture_output=True, text=True, timeout=300
    )
    ran = time.perf_counter() - start
    print(f"bundle: built in {built:.0f} s, {size:.0f} MB at {folder}")
    print(
        f"smoke run: exit {smoke.returncode} in {ran:.1f} s: {smoke.stdout.strip()} "
        f"{smoke.stderr.strip()[-300:]}"
    )
    if "--keep" not in sys.argv:
        shutil.rmtree(work, ignore_errors=True)
    return smoke.returncode


if __name__ == "__main__":
    raise SystemExit(main())
