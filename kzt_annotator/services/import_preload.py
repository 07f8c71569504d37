"""Imported once by the import fork server (services/import_workers.py): everything a worker
needs to parse article files, and the language model, loaded before any worker is forked.
No database code: the server has no use for it."""

from __future__ import annotations

from kzt_annotator.io.meta_inference import language_classifier
from kzt_annotator.services import import_workers  # noqa: F401  (parse_one, pickled by reference)

language_classifier()
