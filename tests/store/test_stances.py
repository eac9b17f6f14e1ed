"""Stance tracking in the store, on SQLite and PostgreSQL: events commit with the
observations, the board and the history read back, syndicated copies count once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from monitor.alert_records import AlertRouting
from monitor.store import Database
from monitor.store.models import Delivery, StanceEventRow
from monitor.store.outbox import get_alert, list_alerts
from monitor.store.stances import country_history, current_stances
from monitor.track import track_all
from monitor.tracker import TrackerRules
from tests.alerts.builders import Said, store_article, story_text

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)
ROUTING = AlertRouting(channels=("console", "webhook"))
# Changes need corroboration (0.8 confidence or two story groups): a user's setting.
STRICT = AlertRouting(channels=("console", "webhook"), rules=TrackerRules(corroborate=True))


def events(db: Database) -> list[tuple[str, str, str | None, str]]:
    with db.session() as s:
        rows = s.scalars(select(StanceEventRow).order_by(StanceEventRow.id))
        return [(r.kind, r.actor, r.old_stance, r.new_stance) for r in rows]


def test_first_stances_are_new_events_with_one_delivery_per_channel(db: Database) -> None:
    aid = store_article(
        db, "a", T0, [Said("PL", "declined"), Said("DE", "open", 0.5)], alerts=ROUTING
    )
    assert sorted(events(db)) == [("new", "DE", None, "open"), ("new", "PL", None, "declined")]
    alerts = list_alerts(db)
    assert {a.actor for a in alerts} == {"PL", "DE"}
    for a in alerts:
        assert a.article_id == aid and a.name in ("Poland", "Germany")
        assert sorted((d.channel, d.state, d.attempts) for d in a.deliveries) == [
            ("console", "pending", 0),
            ("webhook", "pending", 0),
        ]


def test_a_change_and_the_board(db: Database) -> None:
    store_article(db, "a", T0, [Said("PL", "declined")], alerts=ROUTING)
    b = store_article(
        db,
        "b",
        T0 + timedelta(days=1),
        [Said("PL", "open", 0.95, "after a ceasefire")],
        alerts=ROUTING,
    )
    assert events(db)[-1] == ("changed", "PL", "declined", "open")
    [pl] = current_stances(db)
    assert (pl.actor, pl.name, pl.stance, pl.article_id) == ("PL", "Poland", "open", b)
    assert pl.since == T0 + timedelta(days=1) and pl.condition == "after a ceasefire"
    assert pl.article_title == "Story b" and pl.article_url == "https://news.example/b"
    assert pl.sources == 1 and "open about sending troops" in pl.evidence


def test_an_old_article_found_late_is_history_not_a_flip(db: Database) -> None:
    store_article(db, "new", T0 + timedelta(days=10), [Said("FR", "willing")], alerts=ROUTING)
    store_article(db, "old", T0, [Said("FR", "declined")], alerts=ROUTING)
    assert [e[0] for e in events(db)] == ["new"]
    assert current_stances(db)[0].stance == "willing"
    history = country_history(db, "fr")
    assert [(h.stance, h.event) for h in history] == [("declined", None), ("willing", "new")]
    assert history[0].observed_at < history[1].observed_at


def test_syndicated_copies_count_once(db: Database) -> None:
    store_article(db, "base", T0, [Said("IT", "declined")], alerts=STRICT)
    wire = story_text("wire")
    first = store_article(
        db, "wire1", T0 + timedelta(days=1), [Said("IT", "open", 0.6)], alerts=STRICT, text=wire
    )
    copy = store_article(
        db,
        "wire2",
        T0 + timedelta(days=1, hours=2),
        [Said("IT", "open", 0.6)],
        alerts=STRICT,
        text=wire.replace("w", "W", 1) + " Republished.",
        host="other.example",
    )
    history = country_history(db, "IT")
    assert {h.article_id for h in history} == {first, copy, history[0].article_id}
    # Two copies of one story: no change yet, one pending change (not one per copy).
    assert [e[0] for e in events(db)] == ["new", "pending"]
    store_article(db, "indep", T0 + timedelta(days=2), [Said("IT", "open", 0.6)], alerts=STRICT)
    assert events(db)[-1] == ("changed", "IT", "declined", "open")
    assert current_stances(db)[0].sources == 2


def test_every_event_names_its_causes_and_history_marks_them(db: Database) -> None:
    store_article(db, "a", T0, [Said("GB", "declined")], alerts=STRICT)
    store_article(db, "b", T0 + timedelta(days=1), [Said("GB", "open", 0.5)], alerts=STRICT)
    store_article(db, "c", T0 + timedelta(days=2), [Said("GB", "open", 0.5)], alerts=STRICT)
    history = country_history(db, "GB")
    assert [h.event for h in history] == ["new", "changed", "changed"]
    changed = get_alert(db, list_alerts(db)[0].id)
    assert changed is not None and changed.kind == "changed"
    assert set(changed.observation_ids) == {history[1].observation_id, history[2].observation_id}


def test_flaps_are_recorded_without_deliveries(db: Database) -> None:
    store_article(db, "a", T0, [Said("CA", "undecided")], alerts=ROUTING)
    store_article(db, "b", T0 + timedelta(hours=5), [Said("CA", "open")], alerts=ROUTING)
    store_article(db, "c", T0 + timedelta(hours=9), [Said("CA", "undecided")], alerts=ROUTING)
    assert [e[0] for e in events(db)] == ["new", "changed", "flap"]
    assert len(list_alerts(db)) == 2
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 4
    assert current_stances(db)[0].stance == "undecided"


def test_reclassifying_with_the_same_verdict_adds_nothing(db: Database) -> None:
    store_article(db, "a", T0, [Said("EE", "willing")], alerts=ROUTING)
    store_article(db, "a", T0, [Said("EE", "willing")], alerts=ROUTING)  # same text again
    assert len(events(db)) == 1


def test_without_routing_nothing_is_tracked_until_a_catch_up(db: Database) -> None:
    store_article(db, "a", T0, [Said("BE", "willing")], alerts=None)
    assert events(db) == [] and current_stances(db) == []
    assert len(track_all(db, ROUTING, now=T0).events) == 1
    assert track_all(db, ROUTING, now=T0).events == ()  # idempotent
    assert current_stances(db)[0].stance == "willing"


def test_unknown_country_history_is_empty(db: Database) -> None:
    assert country_history(db, "ZZ") == []


def test_a_held_back_change_is_stored_as_pending_with_its_reason(db: Database) -> None:
    store_article(db, "a", T0, [Said("NO", "declined")], alerts=STRICT)
    store_article(db, "b", T0 + timedelta(days=1), [Said("NO", "open", 0.6)], alerts=STRICT)
    (row,) = current_stances(db)
    assert row.stance == "declined" and row.pending == "open"
    assert row.pending_reason is not None and "needs 2 independent sources" in row.pending_reason
    store_article(db, "c", T0 + timedelta(days=2), [Said("NO", "open", 0.6)], alerts=STRICT)
    (row,) = current_stances(db)
    assert row.stance == "open" and row.pending is None


def test_an_undated_article_is_never_dated_now(db: Database) -> None:
    store_article(db, "a", None, [Said("SE", "open")], alerts=ROUTING)
    (row,) = current_stances(db)
    assert row.since is None and row.updated_at is None
    (h,) = country_history(db, "SE")
    assert h.observed_at is None
    alert = get_alert(db, list_alerts(db)[0].id)
    assert alert is not None and alert.published_at is None
    # a dated statement then replaces the stance of unknown date
    store_article(db, "b", T0, [Said("SE", "declined")], alerts=ROUTING)
    (row,) = current_stances(db)
    assert row.stance == "declined" and row.since == T0
