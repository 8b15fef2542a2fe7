"""Error types. User-facing problems derive from PolicyxError; InternalError marks a policyx bug."""

from __future__ import annotations

from pathlib import Path


class PolicyxError(Exception):
    """Root of every error caused by input or usage rather than by a bug in policyx."""


class IngestError(PolicyxError):
    """A file could not be read as a policy document."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class GoldError(PolicyxError):
    """A gold or prediction file does not follow EXTRACTION_SPEC.md §5."""


class InternalError(Exception):
    """A broken invariant inside policyx (e.g. a quote that differs from its span).

    Deliberately not a PolicyxError: batch runs never swallow it.
    """
