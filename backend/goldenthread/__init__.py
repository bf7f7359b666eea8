"""Golden Thread: performance management for a council and its partners."""

__version__ = "0.1.0"
