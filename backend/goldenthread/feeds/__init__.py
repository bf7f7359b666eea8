"""The LAA feed: what partners pull, whole or incrementally."""
