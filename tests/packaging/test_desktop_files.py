"""The desktop entry and AppStream metainfo are valid and use the one application id."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from kzt_annotator import APP_ID
from tests.conftest import ROOT

PACKAGING = ROOT / "packaging"


def test_one_application_id_everywhere():
    assert (PACKAGING / f"{APP_ID}.desktop").exists()
    assert (PACKAGING / f"{APP_ID}.metainfo.xml").exists()
    assert f"<id>{APP_ID}</id>" in (PACKAGING / f"{APP_ID}.metainfo.xml").read_text()
    assert f"Icon={APP_ID}" in (PACKAGING / f"{APP_ID}.desktop").read_text()
    icon = (ROOT / "kzt_annotator" / "resources" / "icon.svg").read_bytes()
    assert (PACKAGING / f"{APP_ID}.svg").read_bytes() == icon  # the window icon is the desktop icon


@pytest.mark.parametrize(
    ("tool", "args", "name"),
    [
        ("desktop-file-validate", [], f"{APP_ID}.desktop"),
        ("appstreamcli", ["validate", "--no-net"], f"{APP_ID}.metainfo.xml"),
    ],
)
def test_validators_accept_the_files(tool, args, name):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (CI installs it)")
    result = subprocess.run([tool, *args, str(PACKAGING / name)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
