"""The JSON API under /api/: every page's view model, and the state-changing actions.

The HTML pages call these same functions and render what they return, so the UI and the
API cannot disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, field_validator

from monitor.classify.records import Stance
from monitor.errors import ConfigError, ParseError
from monitor.records import FeedDef, FeedKind
from monitor.sources.files import add_feed_file, import_opml
from monitor.sources.opml import OpmlImport
from monitor.store.feeds import sync_feeds
from monitor.store.outbox import retry_alert, retry_dead
from monitor.store.search import InvalidCursor
from monitor.store.tokens import Scope
from monitor.web import build
from monitor.web.context import Ctx
from monitor.web.views import (
    ActionResult,
    AlertsView,
    ArticlesView,
    ArticleView,
    BoardView,
    ChangesView,
    CountryView,
    FeedsView,
)

router = APIRouter(prefix="/api")

Order = Literal["relevance", "newest"]
Window = Literal["24h", "7d", "30d"]
MAX_PER_PAGE = 100


@router.get("/stances", response_model=BoardView, tags=["stances"])
def stances(ctx: Ctx, stance: Stance | None = None) -> BoardView:
    """Every country's current stance (only those with `stance` if given), with counts."""
    return build.board(ctx.db, str(stance) if stance else None)


@router.get("/stances/{actor}", response_model=CountryView, tags=["stances"])
def country(ctx: Ctx, actor: Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")]) -> CountryView:
    """A country's current stance, every observation (oldest first) and its periods."""
    view = build.country(ctx.db, actor, ctx.clock())
    if view is None:
        raise HTTPException(404, f"no observations for {actor.upper()}")
    return view


@router.get("/changes", response_model=ChangesView, tags=["stances"])
def changes(
    ctx: Ctx,
    window: Annotated[Window, Query(description="Published within the last 24h, 7d or 30d")] = "7d",
) -> ChangesView:
    """Stance changes (first stance, change) published in the window, newest first, each
    with its previous stance, the deciding article's publication time and the evidence."""
    return build.changes(ctx.db, window, ctx.clock())


class ArticleQuery(BaseModel):
    """Search words and filters of the article list."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field("", max_length=500, description='Words, "phrases", -excluded, prefix*')
    relevant: bool = Field(False, description="Only articles classified relevant")
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="ISO alpha-2")
    stance: Stance | None = Field(None, description="With an observation of this stance")
    feed: str | None = Field(None, max_length=64)
    since: date | None = Field(None, description="Published on or after")
    until: date | None = Field(None, description="Published on or before")
    order: Order = "relevance"
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(20, ge=1, le=MAX_PER_PAGE)
    after: str | None = Field(
        None,
        max_length=400,
        description="next_cursor of the previous page: continues there (page is then ignored)",
    )

    @field_validator("country", "stance", "feed", "since", "until", "after", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        # An HTML form sends its empty fields as "".
        return None if value == "" else value

    @field_validator("relevant", mode="before")
    @classmethod
    def _blank_is_false(cls, value: object) -> object:
        return False if value == "" else value


@router.get("/articles", response_model=ArticlesView, tags=["articles"])
def articles(ctx: Ctx, params: Annotated[ArticleQuery, Query()]) -> ArticlesView:
    """Search (or, without words, list newest first) the stored articles.

    Deep pages: follow `next_cursor` (as `after`) rather than raising `page`; a cursor
    costs the same on every page."""
    try:
        return _articles(ctx, params)
    except InvalidCursor as exc:
        raise HTTPException(400, str(exc)) from exc


def _articles(ctx: Ctx, params: ArticleQuery) -> ArticlesView:
    return build.articles(
        ctx.db,
        q=params.q,
        relevant=params.relevant,
        country=params.country or None,
        stance=str(params.stance) if params.stance else None,
        feed=params.feed or None,
        since=params.since,
        until=params.until,
        order=params.order,
        page=params.page,
        per_page=params.per_page,
        after=params.after,
    )


@router.get("/articles/{ref}", response_model=ArticleView, tags=["articles"])
def article(ctx: Ctx, ref: str) -> ArticleView:
    """One article (id, unique id prefix or stored URL) with its evidence and group."""
    view = build.article(ctx.db, ref)
    if view is None:
        raise HTTPException(404, "no such article")
    return view


@router.get("/feeds", response_model=FeedsView, tags=["feeds"])
def feeds(ctx: Ctx) -> FeedsView:
    """Each feed's definition and health: last and next poll, last error, error count."""
    return build.feeds(ctx.db, ctx.feeds, token_required=ctx.guard.required(Scope.WRITE))


@router.get("/alerts", response_model=AlertsView, tags=["alerts"])
def alerts(
    ctx: Ctx,
    state: Annotated[str | None, Query(max_length=32, description="Delivery state")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> AlertsView:
    """Alerts, newest first, each with its deliveries per channel."""
    return build.alerts(
        ctx.db,
        state=state or None,
        page=page,
        per_page=per_page,
        token_required=ctx.guard.required(Scope.WRITE),
    )


# -- actions (a write token once one exists; monitor.web.auth checks it) ------------------


class NewFeed(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")
    url: str = Field(pattern=r"^https?://", max_length=2000)
    kind: Literal["rss", "json"] = "rss"
    interval_s: int = Field(1800, ge=60, le=7 * 86400)
    tags: list[str] = Field(default_factory=list, max_length=20)


def add_feed(ctx: Ctx, feed: NewFeed) -> ActionResult:
    """Write feeds/<name>.toml and start polling it (the running service picks it up)."""

    def write(existing: tuple[FeedDef, ...]) -> tuple[FeedDef]:
        return (
            add_feed_file(
                ctx.rt.settings.feeds_dir,
                existing,
                name=feed.name,
                url=feed.url,
                kind=FeedKind(feed.kind),
                interval_s=feed.interval_s,
                tags=feed.tags,
            ),
        )

    try:
        feeds = ctx.rt.feeds.add(write)
    except ConfigError as exc:
        raise HTTPException(409 if "exists" in str(exc) else 422, str(exc)) from None
    made = feeds[-1]
    sync_feeds(ctx.db, list(feeds), ctx.clock())
    return ActionResult(True, f"feed {made.name} added", count=1, names=(made.name,))


def add_opml(ctx: Ctx, data: bytes) -> ActionResult:
    results: list[OpmlImport] = []

    def write(existing: tuple[FeedDef, ...]) -> tuple[FeedDef, ...]:
        results.append(import_opml(data, ctx.rt.settings.feeds_dir, existing))
        return results[0].added

    try:
        feeds = ctx.rt.feeds.add(write)
    except ParseError as exc:
        raise HTTPException(422, str(exc)) from None
    result = results[0]
    sync_feeds(ctx.db, list(feeds), ctx.clock())
    return ActionResult(
        True,
        f"{len(result.added)} feeds added, {len(result.skipped)} skipped",
        count=len(result.added),
        names=tuple(f.name for f in result.added),
        skipped=tuple(f"{url}: {why}" for url, why in result.skipped),
    )


def retry_one(ctx: Ctx, alert_id: int) -> ActionResult:
    n = retry_alert(ctx.db, alert_id, ctx.clock())
    return ActionResult(n > 0, f"{n} deliveries of alert {alert_id} queued again", count=n)


def retry_all_dead(ctx: Ctx) -> ActionResult:
    n = retry_dead(ctx.db, ctx.clock())
    return ActionResult(True, f"{n} dead deliveries queued again", count=n)


@router.post("/feeds", response_model=ActionResult, status_code=201, tags=["feeds"])
def post_feed(ctx: Ctx, request: Request, feed: NewFeed) -> ActionResult:
    """Add a web feed (needs a write token once one exists)."""
    return add_feed(ctx, feed)


MAX_OPML_BYTES = 2_000_000


@router.post(
    "/feeds/opml",
    response_model=ActionResult,
    tags=["feeds"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/x-opml": {"schema": {"type": "string"}}},
        }
    },
)
async def post_opml(ctx: Ctx, request: Request) -> ActionResult:
    """Import feeds from an OPML document (the request body): a feeds/<name>.toml each."""
    data = await request.body()
    if len(data) > MAX_OPML_BYTES:
        raise HTTPException(413, "OPML document too large")
    return await run_in_threadpool(add_opml, ctx, data)


@router.post("/alerts/{alert_id}/retry", response_model=ActionResult, tags=["alerts"])
def post_retry(ctx: Ctx, request: Request, alert_id: int) -> ActionResult:
    """Queue an alert's failed or dead deliveries again."""
    return retry_one(ctx, alert_id)


@router.post("/alerts/retry-dead", response_model=ActionResult, tags=["alerts"])
def post_retry_dead(ctx: Ctx, request: Request) -> ActionResult:
    """Queue every dead-lettered delivery again."""
    return retry_all_dead(ctx)
