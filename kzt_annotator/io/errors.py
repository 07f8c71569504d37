"""Why a file was refused, in words a researcher can act on."""

from kzt_annotator.core.errors import KztError


class FileRefused(KztError):
    """The file cannot be imported; the message says why and what to do."""
