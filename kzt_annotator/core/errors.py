"""Errors a user can act on. The CLI prints `str(error)` as one line; the GUI shows it."""


class KztError(Exception):
    """Base of every error that carries a message meant for the user."""


class NotFound(KztError):
    """A referenced article, annotation or annotator does not exist."""


class InvalidInput(KztError):
    """A value given by the user (or a file) is not acceptable."""


class ConflictError(KztError):
    """Someone else changed the record since it was read (optimistic concurrency)."""
