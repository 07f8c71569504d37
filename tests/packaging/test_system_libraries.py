"""The one list of Linux system packages covers what Qt loads, and the README shows it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE_LIST = ROOT / "packaging" / "linux-packages.txt"
# What the application loads from the PySide6 wheel: the Qt libraries of the modules it imports
# (and those they pull in), the platform plugins of X11, Wayland and offscreen, and the X11 GL
# integrations. Other Qt modules in the wheel (Multimedia, WebEngine, ...) are never loaded.
QT_LIBRARIES = ["Core", "Gui", "Widgets", "DBus", "XcbQpa", "WaylandClient", "OpenGL", "Svg"]
PLUGINS = [
    "platforms/libqxcb.so",
    "platforms/libqwayland.so",
    "platforms/libqoffscreen.so",
    "xcbglintegrations/libqxcb-egl-integration.so",
    "xcbglintegrations/libqxcb-glx-integration.so",
    "imageformats/libqsvg.so",
]


def linux_packages(section: str) -> list[str]:
    """The packages of `section` ("run" or "test") in packaging/linux-packages.txt, in order."""
    packages: list[str] = []
    current = None
    for line in PACKAGE_LIST.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if words and words[0].startswith("["):
            current = words[0].strip("[]")
        elif words and current == section:
            packages.extend(words)
    return packages


def test_the_readme_apt_line_is_the_package_list():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("### System packages on Linux", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    words = block.replace("\\\n", " ").split()
    assert words[:3] == ["sudo", "apt-get", "install"]
    assert words[3:] == linux_packages("run")
    assert {"postgresql", "desktop-file-utils", "appstream"} <= set(linux_packages("test"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the package list is for Linux")
def test_every_library_qt_loads_is_found():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    files = [qt / "lib" / f"libQt6{name}.so.6" for name in QT_LIBRARIES] + [
        qt / "plugins" / p for p in PLUGINS
    ]
    assert all(f.exists() for f in files), [str(f) for f in files if not f.exists()]
    missing = set()
    for file in files:
        linked = subprocess.run(["ldd", str(file)], capture_output=True, text=True, check=True).stdout
        missing |= {line.split()[0] for line in linked.splitlines() if "not found" in line}
    assert not missing, (
        f"system libraries Qt needs are not installed: {sorted(missing)}; "
        f"install the [run] packages of {PACKAGE_LIST.relative_to(ROOT)} (and add any new one there)"
    )
