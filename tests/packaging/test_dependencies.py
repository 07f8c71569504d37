"""What `pip install .` brings: Qt from PySide6-Essentials only, never PySide6-Addons (about
440 MB, pulled in by Qt Charts or the `PySide6` meta-package before the chart moved to pyqtgraph)."""

from __future__ import annotations

import importlib.metadata as metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LEFT_OUT = {"pyside6-addons", "pyside6"}  # the meta-package `PySide6` requires the add-ons


def _closure(name: str) -> set[str]:
    """Every distribution `name` needs, without extras, as installed here (markers evaluated)."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = canonicalize_name(pending.pop())
        if current in seen:
            continue
        seen.add(current)
        for line in metadata.distribution(current).requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return seen


def test_the_application_needs_qt_essentials_and_not_the_add_ons():
    needed = _closure("kzt-annotator")
    assert "pyside6-essentials" in needed
    assert not needed & LEFT_OUT, sorted(needed & LEFT_OUT)
