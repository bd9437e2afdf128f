"""Errors a user sees when a document cannot be imported. Messages are Vietnamese and
name the file and what is wrong with it."""

from __future__ import annotations


class IngestError(Exception):
    """A document that cannot be read or holds nothing to import."""

    def __init__(self, message: str, name: str = "") -> None:
        self.message = message
        self.name = name
        super().__init__(f"{name}: {message}" if name else message)


class UnreadableFile(IngestError):
    """The bytes cannot be read as a document (corrupt, empty, wrong type, encrypted...)."""


class UnsupportedFile(IngestError):
    """A file type that needs a tool that is not installed, or is not supported at all."""


class TooLarge(IngestError):
    """Over the configured size limit (file or decompressed content)."""


class NoTasks(IngestError):
    """The document was read but assigns no task."""
