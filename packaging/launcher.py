"""Entry point of the PyInstaller bundle (the same as the `kzt-annotator` console script)."""

from kzt_annotator.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
