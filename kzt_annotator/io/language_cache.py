"""An uncompressed copy of py3langid's model in the user's cache folder, mapped into memory.

py3langid ships its model LZMA-compressed (4.5 MB, 68 MB unpacked); unpacking takes about 1 s
on an idle machine in every process that identifies a language. The copy is one .npy file per
array (see language_id.model_arrays) in `<cache>/language-model-<key>/`, where `<key>` names
py3langid's version and its model file's size and modification time, so an upgrade makes a new
copy. A copy is used only when its `complete` file exists (written last). The cache folder is
platformdirs' user cache folder, or KZT_ANNOTATOR_CACHE_DIR. Deleting it is always safe.
Failing to write the copy (read-only or full disk) changes nothing but speed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import metadata
from pathlib import Path

import numpy as np

ENV_CACHE_DIR = "KZT_ANNOTATOR_CACHE_DIR"
APP_NAME = "kzt-annotator"
ARRAYS = ("next", "rowbase", "output", "weights", "prior", "classes")


def cache_root() -> Path:
    """KZT_ANNOTATOR_CACHE_DIR, else platformdirs' user cache folder for the application."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def model_folder() -> Path | None:
    """Where the copy of the installed py3langid's model lives; None if py3langid is missing."""
    try:
        import py3langid

        model = Path(py3langid.__file__).parent / "data" / "model.npz.xz"
        stat = model.stat()
        version = metadata.version("py3langid")
    except (ImportError, OSError, metadata.PackageNotFoundError):
        return None
    return cache_root() / f"language-model-{version}-{stat.st_size}-{stat.st_mtime_ns}"


def read() -> dict[str, np.ndarray] | None:
    """The cached arrays (the two large ones memory-mapped, read-only), or None if there is no
    complete copy."""
    folder = model_folder()
    if folder is None or not (folder / "complete").is_file():
        return None
    try:
        return {
            name: np.load(folder / f"{name}.npy", mmap_mode="r" if name in ("next", "weights") else None)
            for name in ARRAYS
        }
    except (OSError, ValueError):
        return None


def write(arrays: dict[str, np.ndarray]) -> None:
    """Store `arrays` as the copy for the installed py3langid (complete or not at all)."""
    folder = model_folder()
    if folder is None or (folder / "complete").is_file():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".language-model-", dir=folder.parent))
        for name in ARRAYS:
            np.save(staging / f"{name}.npy", np.asarray(arrays[name]), allow_pickle=False)
        (staging / "complete").write_text("ok\n", encoding="utf-8")
        try:
            staging.rename(folder)
        except OSError:  # another process made the copy meanwhile
            shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        return
