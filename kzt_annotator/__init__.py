"""kzt-annotator: annotate news articles and compare how outlets report the same events."""

__version__ = "0.1.0"
APP_NAME = "kzt-annotator"
APP_ID = "io.github.kzt_annotator.KztAnnotator"
