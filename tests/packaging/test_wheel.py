"""The built wheel, installed (not editable) into a fresh virtual environment, finds its resources
and starts offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv

import pytest

from tests.conftest import ROOT

# This builds and installs a wheel with pip (10-15 s): the quick form leaves it out; CI runs it.
pytestmark = pytest.mark.slow


def test_wheel_installs_and_starts_offscreen(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    [wheel] = list(wheels.glob("kzt_annotator-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)  # this environment's pip installs into it
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
    )
    # Dependencies come from the test environment's site-packages (a path entry, so its editable
    # finder for kzt_annotator is not loaded): the app itself must come from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with open(os.path.join(site, "test-deps.pth"), "w") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run(
        [str(python), "-c", "import kzt_annotator; print(kzt_annotator.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KZT_ANNOTATOR_CONFIG_DIR=str(tmp_path / "cfg"),
        KZT_ANNOTATOR_USER="smoke",
    )
    smoke = subprocess.run(
        [str(env_dir / "bin" / "kzt-annotator"), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=180,
    )
    assert smoke.returncode == 0 and "smoke: ok" in smoke.stdout, smoke.stdout + smoke.stderr[-1000:]
