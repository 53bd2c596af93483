"""The project's own exceptions. The library raises only these; cli.py turns them into one-line errors."""


class EvidenceKitError(Exception):
    """Base class. ``str(err)`` is the one line a user sees."""


class DocumentError(EvidenceKitError):
    """A file could not be read into a Document (missing, empty, corrupt, encrypted, scanned, wrong format)."""

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class RuleError(EvidenceKitError):
    """A rule pack is malformed; the message names file:line and the reason."""


class StoreError(EvidenceKitError):
    """The evidence store cannot be opened, migrated, locked or written."""


class StatisticsError(EvidenceKitError):
    """Effect sizes or a pooled model cannot be computed (k < 2, bad variance, mixed measures ...)."""
