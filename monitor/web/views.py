"""View models: what each page shows, served as HTML or as the same data in JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from monitor.alert_records import AlertView
from monitor.store.changes import StanceChange
from monitor.store.feeds import FeedRow
from monitor.store.search import ArticleSummary, SearchFacets, SearchHit
from monitor.store.stances import CountryStance, HistoryItem
from monitor.web.marking import TextPiece
from monitor.web.timeline import Segment


@dataclass(frozen=True, slots=True)
class StanceCount:
    stance: str
    countries: int


@dataclass(frozen=True, slots=True)
class BoardView:
    """The stance board: every country with a stance (filtered), and counts of all."""

    stances: tuple[CountryStance, ...]
    counts: tuple[StanceCount, ...]  # every stance, over all countries
    countries: int
    stance_filter: str | None
    # The latest change of each listed country: its previous stance and when it moved.
    changes: tuple[StanceChange, ...] = ()

    def change_of(self, actor: str) -> StanceChange | None:
        return next((c for c in self.changes if c.actor == actor), None)


@dataclass(frozen=True, slots=True)
class ChangesView:
    """Stance changes published within a window (24h, 7d, 30d), newest first."""

    window: str
    since: datetime
    windows: tuple[str, ...]
    changes: tuple[StanceChange, ...]


@dataclass(frozen=True, slots=True)
class CountryView:
    actor: str
    name: str
    current: CountryStance | None
    history: tuple[HistoryItem, ...]  # oldest first
    segments: tuple[Segment, ...]
    changes: tuple[StanceChange, ...] = ()  # newest publication first


@dataclass(frozen=True, slots=True)
class SearchEcho:
    """The search as understood, to refill the form and build page links."""

    q: str
    relevant: bool
    country: str | None
    stance: str | None
    feed: str | None
    since: str | None
    until: str | None
    order: str


@dataclass(frozen=True, slots=True)
class ArticlesView:
    search: SearchEcho
    hits: tuple[SearchHit, ...]
    total: int
    page: int
    pages: int
    per_page: int
    facets: SearchFacets
    next_cursor: str | None = None  # `after` for the next page (cheaper than page numbers)


@dataclass(frozen=True, slots=True)
class ObservationRow:
    id: int
    actor: str
    name: str
    stance: str
    confidence: float
    evidence: str
    start: int
    end: int
    condition: str | None
    rule: str
    observed_at: datetime | None
    source: str | None
    located: bool  # the evidence was found in the text and is marked there


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: str
    title: str
    url: str
    canonical_url: str | None
    published_at: datetime | None
    fetched_at: datetime
    author: str | None
    language: str | None
    feed: str | None
    group_id: str
    content_hash: str
    relevant: bool | None
    relevance: float | None
    classifier_version: str | None
    observations: tuple[ObservationRow, ...]
    group: tuple[ArticleSummary, ...]  # the other articles of its near-duplicate group
    paragraphs: tuple[tuple[TextPiece, ...], ...]  # the text, evidence marked


@dataclass(frozen=True, slots=True)
class FeedsView:
    feeds: tuple[FeedRow, ...]
    token_required: bool


@dataclass(frozen=True, slots=True)
class AlertsView:
    alerts: tuple[AlertView, ...]
    state_filter: str | None
    page: int
    per_page: int
    has_next: bool
    token_required: bool


@dataclass(frozen=True, slots=True)
class SchedulerHealth:
    alive: bool
    ticks: int
    polls: int
    last_tick_ok: bool


@dataclass(frozen=True, slots=True)
class HealthView:
    status: str  # ok | failing
    database: bool
    search_index: bool
    scheduler: SchedulerHealth | None  # None when the web runs without the service
    last_successful_poll_at: datetime | None
    last_successful_poll_age_s: float | None


@dataclass(frozen=True, slots=True)
class ActionResult:
    """What a state-changing action did."""

    ok: bool
    message: str
    count: int = 0
    names: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
