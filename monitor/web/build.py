"""Builders of the view models: read the store, return one page's data (no HTTP here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from monitor.records import FeedDef
from monitor.runstate import ServiceState
from monitor.store import Database
from monitor.store.articles import get_article, group_members
from monitor.store.changes import latest_changes, stance_changes
from monitor.store.feeds import feed_rows
from monitor.store.observations import article_observations, article_relevance
from monitor.store.outbox import list_alerts
from monitor.store.search import SearchFilters, article_summaries, search_articles, search_facets
from monitor.store.search import search_index_ok as index_ok
from monitor.store.stances import country_history, current_stances
from monitor.store.stats import database_ok, last_successful_poll
from monitor.tracker.countries import country_name
from monitor.web.marking import Span, locate, mark_paragraphs
from monitor.web.timeline import STANCES, Observed, stance_segments
from monitor.web.views import (
    AlertsView,
    ArticlesView,
    ArticleView,
    BoardView,
    ChangesView,
    CountryView,
    FeedsView,
    HealthView,
    ObservationRow,
    SchedulerHealth,
    SearchEcho,
    StanceCount,
)


def board(db: Database, stance: str | None) -> BoardView:
    rows = sorted(current_stances(db), key=lambda r: (STANCES.index(r.stance), r.name))
    counts = Counter(r.stance for r in rows)
    listed = tuple(r for r in rows if stance is None or r.stance == stance)
    last = latest_changes(db, [r.actor for r in listed])
    return BoardView(
        stances=listed,
        counts=tuple(StanceCount(s, counts.get(s, 0)) for s in STANCES),
        countries=len(rows),
        stance_filter=stance,
        changes=tuple(last[r.actor] for r in listed if r.actor in last),
    )


# The windows of the "recent changes" view, by publication time of the deciding article.
WINDOWS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}


def changes(db: Database, window: str, now: datetime, *, limit: int = 500) -> ChangesView:
    since = now - WINDOWS[window]
    return ChangesView(
        window=window,
        since=since,
        windows=tuple(WINDOWS),
        changes=tuple(stance_changes(db, since=since, limit=limit)),
    )


def country(db: Database, actor: str, now: datetime) -> CountryView | None:
    actor = actor.upper()
    history = tuple(country_history(db, actor))
    if not history:
        return None
    current = next((r for r in current_stances(db) if r.actor == actor), None)
    # The chart places dated observations only; undated ones are listed, not drawn.
    dated = [Observed(h.observed_at, h.stance, h.event) for h in history if h.observed_at]
    segments = stance_segments(dated, now)
    return CountryView(
        actor=actor,
        name=current.name if current else country_name(actor),
        current=current,
        history=history,
        segments=segments,
        changes=tuple(stance_changes(db, actor=actor)),
    )


def _day(value: date | None, *, end: bool = False) -> datetime | None:
    if value is None:
        return None
    # `until` is inclusive for the user: the whole day counts.
    return datetime.combine(value + timedelta(days=1) if end else value, time(), tzinfo=UTC)


def articles(
    db: Database,
    *,
    q: str = "",
    relevant: bool = False,
    country: str | None = None,
    stance: str | None = None,
    feed: str | None = None,
    since: date | None = None,
    until: date | None = None,
    order: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    after: str | None = None,
) -> ArticlesView:
    country = country.upper() if country else None
    found = search_articles(
        db,
        SearchFilters(
            query=q,
            relevant_only=relevant,
            country=country,
            stance=stance,
            feed=feed or None,
            since=_day(since),
            until=_day(until, end=True),
            order=order,
            limit=per_page,
            offset=0 if after else (page - 1) * per_page,
            after=after,
        ),
    )
    return ArticlesView(
        search=SearchEcho(
            q=q,
            relevant=relevant,
            country=country,
            stance=stance,
            feed=feed or None,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
            order=order,
        ),
        hits=found.hits,
        total=found.total,
        page=page,
        pages=max(1, -(-found.total // per_page)),
        per_page=per_page,
        facets=search_facets(db),
        next_cursor=found.next_cursor,
    )


def article(db: Database, ref: str) -> ArticleView | None:
    a = get_article(db, ref)
    if a is None:
        return None
    observations = article_observations(db, a.id)
    rows: list[ObservationRow] = []
    spans: list[Span] = []
    for o in observations:
        where = locate(a.text, o.evidence, o.start, o.end)
        name = country_name(o.actor)
        if where is not None:
            spans.append(Span(where[0], where[1], o.stance, f"{name}: {o.stance}"))
        rows.append(
            ObservationRow(
                id=o.id,
                actor=o.actor,
                name=name,
                stance=o.stance,
                confidence=o.confidence,
                evidence=o.evidence,
                start=where[0] if where else o.start,
                end=where[1] if where else o.end,
                condition=o.condition,
                rule=o.rule,
                observed_at=o.observed_at,
                source=o.source,
                located=where is not None,
            )
        )
    verdict = article_relevance(db, a.id)
    others = [i for i in group_members(db, a.group_id) if i != a.id]
    return ArticleView(
        id=a.id,
        title=a.title,
        url=a.url,
        canonical_url=a.canonical_url,
        published_at=a.published_at,
        fetched_at=a.fetched_at,
        author=a.author,
        language=a.language,
        feed=a.feed,
        group_id=a.group_id,
        content_hash=a.content_hash,
        relevant=verdict[0] if verdict else None,
        relevance=verdict[1] if verdict else None,
        classifier_version=verdict[2] if verdict else None,
        observations=tuple(rows),
        group=tuple(article_summaries(db, others)),
        paragraphs=mark_paragraphs(a.text, spans),
    )


def feeds(db: Database, defined: Sequence[FeedDef], *, token_required: bool) -> FeedsView:
    return FeedsView(feeds=tuple(feed_rows(db, defined)), token_required=token_required)


def alerts(
    db: Database, *, state: str | None, page: int, per_page: int, token_required: bool
) -> AlertsView:
    # One extra row tells whether a next page exists without counting them all.
    rows = list_alerts(db, limit=per_page + 1, offset=(page - 1) * per_page, state=state)
    return AlertsView(
        alerts=tuple(rows[:per_page]),
        state_filter=state,
        page=page,
        per_page=per_page,
        has_next=len(rows) > per_page,
        token_required=token_required,
    )


def health(db: Database, state: ServiceState | None, now: datetime) -> HealthView:
    db_ok = database_ok(db)
    last = last_successful_poll(db) if db_ok else None
    scheduler = None
    if state is not None:
        scheduler = SchedulerHealth(
            alive=state.last_tick_ok,
            ticks=state.ticks,
            polls=state.polls,
            last_tick_ok=state.last_tick_ok,
        )
    ok = db_ok and (scheduler is None or scheduler.alive)
    return HealthView(
        status="ok" if ok else "failing",
        database=db_ok,
        search_index=index_ok(db) if db_ok else False,
        scheduler=scheduler,
        last_successful_poll_at=last,
        last_successful_poll_age_s=round((now - last).total_seconds(), 1) if last else None,
    )
