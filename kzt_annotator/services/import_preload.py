"""Imported once by the import fork server (services/import_workers.py): everything a worker
needs to parse article files, and the language model, loaded before any worker is forked."""

from __future__ import annotations

from kzt_annotator.io.meta_inference import language_classifier
from kzt_annotator.services import importing  # noqa: F401  (parse_one, pickled by reference)

language_classifier()
