"""The web UI and REST API: stance board, country timelines, article search, feeds, alerts."""

from monitor.web.app import create_app
from monitor.web.server import serve

__all__ = ["create_app", "serve"]
