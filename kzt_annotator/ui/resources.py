"""Resources shipped inside the package (icons, stylesheet, sample articles)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

# The package's resources folder, found from this file: the package is always installed as
# files (pip, an editable checkout, the PyInstaller bundle's data files), and importlib.resources
# would add eight modules to the imports before the start window paints.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder inside kzt_annotator/resources."""
    return RESOURCES.joinpath(*parts)


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icon.png")))


def sample_articles_dir() -> Path:
    return resource_path("samples")
