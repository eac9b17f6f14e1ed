"""HTML pages: each calls the API function of the same data and renders its view model."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import ValidationError

from monitor.classify.records import Stance
from monitor.store.changes import stance_changes
from monitor.web import api, build
from monitor.web.atom import MEDIA_TYPE as ATOM_TYPE
from monitor.web.atom import render_feed
from monitor.web.context import Ctx, WebContext
from monitor.web.timeline import Point, draw_timeline
from monitor.web.views import ActionResult, CountryView

router = APIRouter(include_in_schema=False)

MAX_FORM_BYTES = 2_000_000
ATOM_ENTRIES = 100


def render(
    ctx: WebContext,
    request: Request,
    template: str,
    view: object,
    *,
    api_url: str | None,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    context = {
        "view": view,
        "api_url": api_url,
        "message": None,
        "error": None,
        "result": None,
        **extra,
    }
    return ctx.templates.TemplateResponse(request, template, context, status_code=status)


def error_page(
    request: Request, templates: Jinja2Templates, status: int, detail: str
) -> HTMLResponse:
    context = {
        "view": None,
        "api_url": None,
        "message": None,
        "error": None,
        "status": status,
        "detail": detail,
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _same_query(request: Request, path: str) -> str:
    return f"{path}?{request.url.query}" if request.url.query else path


@router.get("/", response_class=HTMLResponse)
def home(
    ctx: Ctx, request: Request, stance: Stance | None = None, window: api.Window = "7d"
) -> HTMLResponse:
    """The stance board, or the recent changes when settings.web_home says so."""
    if ctx.rt.settings.web_home == "changes":
        return changes(ctx, request, window)
    return board(ctx, request, stance)


@router.get("/board", response_class=HTMLResponse)
def board(ctx: Ctx, request: Request, stance: Stance | None = None) -> HTMLResponse:
    view = api.stances(ctx, stance)
    return render(ctx, request, "board.html", view, api_url=_same_query(request, "/api/stances"))


@router.get("/changes", response_class=HTMLResponse)
def changes(ctx: Ctx, request: Request, window: api.Window = "7d") -> HTMLResponse:
    view = api.changes(ctx, window)
    return render(ctx, request, "changes.html", view, api_url=f"/api/changes?window={view.window}")


@router.get("/changes.atom")
def changes_feed(ctx: Ctx, request: Request, window: api.Window | None = None) -> Response:
    """Atom 1.0: the latest stance changes (or those of a window) for feed readers."""
    now = ctx.clock()
    if window is None:
        found = stance_changes(ctx.db, limit=ATOM_ENTRIES)
    else:
        found = list(build.changes(ctx.db, window, now, limit=ATOM_ENTRIES).changes)
    base = str(request.base_url).rstrip("/")
    body = render_feed(found, base_url=base, self_url=str(request.url), now=now)
    return Response(body, media_type=f"{ATOM_TYPE}; charset=utf-8")


def _timeline(ctx: WebContext, view: CountryView) -> str:
    points = [
        Point(
            at=h.observed_at,
            stance=h.stance,
            label=f"{h.observed_at:%Y-%m-%d} · {h.stance} · {h.evidence[:200]}",
            changed=h.event is not None,
        )
        for h in view.history
        if h.observed_at is not None  # undated: in the table, not on the time axis
    ]
    return draw_timeline(view.segments, points, now=ctx.clock())


@router.get("/countries/{actor}", response_class=HTMLResponse)
def country(
    ctx: Ctx, request: Request, actor: Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")]
) -> HTMLResponse:
    view = api.country(ctx, actor)
    # The SVG is built from escaped parts only (monitor.web.timeline), so it is markup.
    svg = Markup(_timeline(ctx, view))
    return render(ctx, request, "country.html", view, api_url=f"/api/stances/{view.actor}", svg=svg)


@router.get("/countries/{actor}/timeline.svg")
def country_svg(ctx: Ctx, actor: Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")]) -> Response:
    view = api.country(ctx, actor)
    return Response(_timeline(ctx, view), media_type="image/svg+xml")


@router.get("/articles", response_class=HTMLResponse)
def articles(
    ctx: Ctx, request: Request, params: Annotated[api.ArticleQuery, Query()]
) -> HTMLResponse:
    view = api.articles(ctx, params)
    return render(
        ctx, request, "articles.html", view, api_url=_same_query(request, "/api/articles")
    )


@router.get("/articles/{ref}", response_class=HTMLResponse)
def article(ctx: Ctx, request: Request, ref: str) -> HTMLResponse:
    view = api.article(ctx, ref)
    return render(ctx, request, "article.html", view, api_url=f"/api/articles/{view.id}")


@router.get("/feeds", response_class=HTMLResponse)
def feeds(ctx: Ctx, request: Request) -> HTMLResponse:
    return render(ctx, request, "feeds.html", api.feeds(ctx), api_url="/api/feeds")


@router.get("/alerts", response_class=HTMLResponse)
def alerts(
    ctx: Ctx,
    request: Request,
    state: Annotated[str | None, Query(max_length=32)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    view = api.alerts(ctx, state=state, page=page, per_page=50)
    return render(ctx, request, "alerts.html", view, api_url=_same_query(request, "/api/alerts"))


@router.get("/api", response_class=HTMLResponse)
def api_index(ctx: Ctx, request: Request) -> HTMLResponse:
    routes = []
    for path, methods in request.app.openapi().get("paths", {}).items():
        for method, op in methods.items():
            routes.append((method.upper(), path, op.get("summary", ""), op.get("description", "")))
    return render(ctx, request, "api.html", routes, api_url="/api/openapi.json")


# -- form actions: the same functions as the JSON API, answered with the page ---------------


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    parsed = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[-1] for k, v in parsed.items()}


async def _act(ctx: WebContext, request: Request, page: str, act: Any, *args: Any) -> HTMLResponse:
    """Run an action for a form, then show the page again with what happened."""
    form = await _form(request)
    result: ActionResult | None = None
    error: str | None = None
    status = 200
    try:
        result = await run_in_threadpool(act, ctx, form, *args)
    except HTTPException as exc:
        error, status = str(exc.detail), exc.status_code
    if page == "feeds":
        view: object = await run_in_threadpool(api.feeds, ctx)
        template, api_url = "feeds.html", "/api/feeds"
    else:
        view = await run_in_threadpool(lambda: api.alerts(ctx, state=None, page=1, per_page=50))
        template, api_url = "alerts.html", "/api/alerts"
    message = result.message if result else None
    return render(
        ctx,
        request,
        template,
        view,
        api_url=api_url,
        status=status,
        message=message,
        error=error,
        result=result,
    )


def _add_feed(ctx: WebContext, form: dict[str, str]) -> ActionResult:
    try:
        minutes = int(form.get("interval_min") or 30)
        feed = api.NewFeed(
            name=form.get("name", "").strip(),
            url=form.get("url", "").strip(),
            kind="json" if form.get("kind") == "json" else "rss",
            interval_s=minutes * 60,
            tags=[t.strip() for t in form.get("tags", "").split(",") if t.strip()],
        )
    except (ValueError, ValidationError) as exc:
        raise HTTPException(422, f"not a valid feed: {exc}") from None
    return api.add_feed(ctx, feed)


def _import_opml(ctx: WebContext, form: dict[str, str]) -> ActionResult:
    return api.add_opml(ctx, form.get("opml", "").encode("utf-8"))


def _retry(ctx: WebContext, form: dict[str, str], alert_id: int) -> ActionResult:
    return api.retry_one(ctx, alert_id)


def _retry_dead(ctx: WebContext, form: dict[str, str]) -> ActionResult:
    return api.retry_all_dead(ctx)


@router.post("/feeds", response_class=HTMLResponse)
async def add_feed(ctx: Ctx, request: Request) -> HTMLResponse:
    return await _act(ctx, request, "feeds", _add_feed)


@router.post("/feeds/opml", response_class=HTMLResponse)
async def import_opml(ctx: Ctx, request: Request) -> HTMLResponse:
    return await _act(ctx, request, "feeds", _import_opml)


@router.post("/alerts/{alert_id}/retry", response_class=HTMLResponse)
async def retry(ctx: Ctx, request: Request, alert_id: int) -> HTMLResponse:
    return await _act(ctx, request, "alerts", _retry, alert_id)


@router.post("/alerts/retry-dead", response_class=HTMLResponse)
async def retry_dead(ctx: Ctx, request: Request) -> HTMLResponse:
    return await _act(ctx, request, "alerts", _retry_dead)
