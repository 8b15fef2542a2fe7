"""policyx: Chinese policy plans → structured, checkable JSON (see docs/ARCHITECTURE.md)."""

__version__ = "0.1.0"
