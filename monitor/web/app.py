"""The web app factory: routes, templates, static files, security headers, error pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from monitor import __version__
from monitor.ingest import utcnow
from monitor.runstate import Runtime, ServiceState
from monitor.store.search import Fragment
from monitor.web import api, downloads, login, ops, pages
from monitor.web.auth import Guard, authorize
from monitor.web.context import WebContext
from monitor.web.metrics import metrics_registry
from monitor.web.security import SecurityHeaders, is_loopback, loopback_hosts
from monitor.web.timeline import STANCES

HERE = Path(__file__).resolve().parent

DESCRIPTION = """Review what the monitor stored: countries' stances on sending troops to
Ukraine and their history, the articles and evidence behind them, feed health, alerts.
Every HTML page has its data here as JSON. Actions that change state need a write token
(`Authorization: Bearer ...`) once one exists; beyond loopback every route needs a read or
write token, except /healthz and this schema."""


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "—"


def _day(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def _ago(clock: Callable[[], datetime]) -> Callable[[datetime | None], str]:
    def ago(value: datetime | None) -> str:
        if value is None:
            return "never"
        seconds = (clock() - value).total_seconds()
        future = seconds < 0
        seconds = abs(seconds)
        for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
            if seconds >= size:
                n = f"{int(seconds // size)} {unit}"
                break
        else:
            n = f"{int(seconds)} s"
        return f"in {n}" if future else f"{n} ago"

    return ago


def _stance_class(stance: str | None) -> str:
    return f"st-{stance}" if stance in STANCES else "st-unknown"


def _safe_url(url: str | None) -> str:
    """Only http(s) links from stored data become hrefs (no javascript: or data:)."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return "#"


def _query(request: Request, **changes: Any) -> str:
    """The current URL's query with some parameters replaced (None drops one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else "?"


def _fragments(value: tuple[Fragment, ...]) -> list[tuple[str, bool]]:
    return [(f.text, f.hit) for f in value]


def make_templates(clock: Callable[[], datetime]) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every stored string is untrusted: feeds write it
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=_when,
        day=_day,
        ago=_ago(clock),
        stance_class=_stance_class,
        safe_url=_safe_url,
        fragments=_fragments,
    )
    env.globals.update(query=_query, stances=STANCES, version=__version__)
    return Jinja2Templates(env=env)


def create_app(
    rt: Runtime, state: ServiceState | None = None, *, clock: Callable[[], datetime] = utcnow
) -> FastAPI:
    """The web UI and REST API over one runtime; `state` is the running service's, if any."""
    app = FastAPI(
        title="monitor",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI needs a CDN and inline scripts; the CSP forbids both
        redoc_url=None,
    )
    templates = make_templates(clock)
    app.state.ctx = WebContext(
        rt=rt,
        state=state,
        templates=templates,
        registry=metrics_registry(rt.db, state, clock),
        clock=clock,
        guard=Guard.of(rt.settings, rt.db),
    )
    app.add_middleware(SecurityHeaders)
    if is_loopback(rt.settings.web_host):
        app.add_middleware(
            TrustedHostMiddleware, allowed_hosts=loopback_hosts(rt.settings.web_host)
        )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.guard = app.state.ctx.guard
    guarded = [Depends(authorize)]  # every route but /healthz, /login and /static
    for router in (api.router, downloads.router, pages.router):
        app.include_router(router, dependencies=guarded)
    app.include_router(ops.router)
    app.include_router(login.router)

    def wants_html(request: Request) -> bool:
        path = request.url.path
        return not (path.startswith("/api/") or path in ("/healthz", "/metrics"))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not wants_html(request):
            return await http_exception_handler(request, exc)
        page = pages.error_page(request, templates, exc.status_code, str(exc.detail))
        page.headers.update(exc.headers or {})  # WWW-Authenticate on a 401, for one
        return page

    async def on_bad_request(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if not wants_html(request):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return pages.error_page(request, templates, 400, problems or "bad request")

    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_bad_request)
    return app
