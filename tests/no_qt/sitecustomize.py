"""Makes PySide6 unimportable, to prove the headless layers never need Qt (dev.py test)."""

import sys
from importlib.abc import MetaPathFinder


class _BlockQt(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6"}:
            raise ImportError(f"{name} is blocked: this run proves the core works without Qt")
        return None


sys.meta_path.insert(0, _BlockQt())
