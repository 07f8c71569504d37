"""Render the application icon's PNG (the window icon) from its SVG (the desktop icon).

    .venv/bin/python scripts/render_icon.py

The window icon is a 256-pixel PNG so that the program needs neither Qt's SVG icon engine nor
its SVG library (about 1 MB of memory) for it; tests/packaging/test_desktop_files.py checks that
the PNG is this rendering of the SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
RESOURCES = Path(__file__).resolve().parent.parent / "kzt_annotator" / "resources"
SIZE = 256


def render(svg: Path, size: int = SIZE):  # noqa: ANN201 - a QImage
    """The SVG drawn by Qt's SVG renderer on a transparent square of `size` pixels."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    ok = render(RESOURCES / "icon.svg").save(str(RESOURCES / "icon.png"), "PNG", 9)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
