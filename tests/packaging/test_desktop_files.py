"""The desktop entry and AppStream metainfo are valid and use the one application id."""

from __future__ import annotations

import importlib.util
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


def test_the_window_icon_is_the_svg_rendered(qtbot):
    """The window icon is resources/icon.png, the SVG as scripts/render_icon.py renders it (so Qt's
    SVG icon engine is not loaded for it): run that script after changing the SVG."""
    from PySide6.QtGui import QImage

    spec = importlib.util.spec_from_file_location("render_icon", ROOT / "scripts" / "render_icon.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    render = script.render

    resources = ROOT / "kzt_annotator" / "resources"
    expected = render(resources / "icon.svg")
    png = QImage(str(resources / "icon.png")).convertToFormat(expected.format())
    assert png.size() == expected.size()
    width, height = png.width(), png.height()
    worst = max(
        abs(a - b)
        for y in range(0, height, 2)
        for x in range(0, width, 2)
        for a, b in zip(png.pixelColor(x, y).getRgb(), expected.pixelColor(x, y).getRgb(), strict=True)
    )
    assert worst <= 2


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
