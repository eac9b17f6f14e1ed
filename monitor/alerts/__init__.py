"""Alerts: rendering, channels (email, webhook, console), retries and the dispatcher."""

from monitor.alerts.config import channel_names, open_channels, routing_from
from monitor.alerts.dispatcher import DispatchReport, dispatch_once
from monitor.alerts.loop import run_dispatcher
from monitor.alerts.retry import RetryDecision, RetryPolicy

__all__ = [
    "DispatchReport",
    "RetryDecision",
    "RetryPolicy",
    "channel_names",
    "dispatch_once",
    "open_channels",
    "routing_from",
    "run_dispatcher",
]
