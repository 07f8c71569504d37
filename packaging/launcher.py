"""Entry point of the PyInstaller bundle (the same as the `kzt-annotator` console script)."""

import multiprocessing

from kzt_annotator.cli import main

if __name__ == "__main__":
    # A worker process of the bundle (import parsing, the suggestion finder) starts this same
    # executable: freeze_support runs the worker's task there instead of the application.
    multiprocessing.freeze_support()
    raise SystemExit(main())
