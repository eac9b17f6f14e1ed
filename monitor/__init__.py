"""Troop-deployment news monitor: feeds in, articles, stances and alerts out."""

__version__ = "0.1.0"
