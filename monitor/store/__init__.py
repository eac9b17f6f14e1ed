"""The store: every SQL statement of the monitor lives in this package."""

from monitor.store.db import Database, open_database

__all__ = ["Database", "open_database"]
