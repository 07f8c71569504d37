"""Resources shipped inside the package (icons, stylesheet, sample articles)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

PACKAGE = "kzt_annotator"


def resource_path(*parts: str) -> Path:
    return Path(str(resources.files(PACKAGE).joinpath("resources", *parts)))


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icon.svg")))


def sample_articles_dir() -> Path:
    return resource_path("samples")
