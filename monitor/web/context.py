"""What every route gets: the runtime, the service state, templates and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from prometheus_client import CollectorRegistry

from monitor.records import FeedDef
from monitor.runstate import Runtime, ServiceState
from monitor.store import Database
from monitor.web.auth import Guard


@dataclass(frozen=True, slots=True)
class WebContext:
    rt: Runtime
    state: ServiceState | None
    templates: Jinja2Templates
    registry: CollectorRegistry
    clock: Callable[[], datetime]
    guard: Guard

    @property
    def db(self) -> Database:
        return self.rt.db

    @property
    def feeds(self) -> tuple[FeedDef, ...]:
        """A snapshot of the feed list (the registry in `rt.feeds` is its only writer)."""
        return self.rt.feeds.all()


def get_context(request: Request) -> WebContext:
    ctx = request.app.state.ctx
    assert isinstance(ctx, WebContext)
    return ctx


Ctx = Annotated[WebContext, Depends(get_context)]
