"""The tracker's rules, with hand-built sightings and no database."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from monitor.tracker import Decision, EventKind, Sighting, TrackedState, TrackerRules, decide

T0 = datetime(2025, 9, 1, 12, tzinfo=UTC)
RULES = TrackerRules()  # one clear statement (>= 0.5) is enough; flap window 48 h
# Corroborated changes: 0.8 confidence or 2 story groups within 7 days.
STRICT = TrackerRules(corroborate=True)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


class Feed:
    """Sightings arriving one batch at a time, each decision fed the prior state."""

    def __init__(self, rules: TrackerRules = RULES):
        self.rules = rules
        self.seen: list[Sighting] = []
        self.state: TrackedState | None = None
        self.events: list[tuple[str, str | None, str]] = []
        self._next_id = 1

    def add(
        self, stance: str, hours: float, *, conf: float = 0.9, group: str | None = None
    ) -> Decision:
        s = Sighting(self._next_id, stance, conf, at(hours), group or f"g{self._next_id}")
        self._next_id += 1
        self.seen.append(s)
        d = decide(self.state, self.seen, self.rules)
        self.state = d.state
        if d.event is not None:
            self.events.append((str(d.event.kind), d.event.old, d.event.new))
        return d


def test_the_first_stance_seen_is_new_and_names_its_observation() -> None:
    f = Feed()
    d = f.add("undecided", 0, conf=0.5)
    assert d.event is not None and d.event.kind is EventKind.NEW
    assert d.event.cause_ids == (1,) and d.event.old is None
    assert f.state is not None and f.state.stance == "undecided" and f.state.since == at(0)


def test_nothing_new_no_event() -> None:
    f = Feed()
    f.add("open", 0)
    d = f.add("open", 5)
    assert d.event is None
    assert f.events == [("new", None, "open")]
    assert f.state is not None and f.state.sources == 2 and f.state.updated_at == at(5)


def test_one_confident_observation_changes_the_stance() -> None:
    f = Feed()
    f.add("declined", 0)
    d = f.add("open", 10, conf=0.85)
    assert d.event is not None and d.event.kind is EventKind.CHANGED
    assert (d.event.old, d.event.new, d.event.cause_ids) == ("declined", "open", (2,))
    assert d.event.decided_at == at(10)


def test_a_weak_observation_alone_does_not_change_it_two_sources_do() -> None:
    f = Feed(STRICT)
    f.add("declined", 0)
    assert f.add("open", 10, conf=0.6).event is None
    assert f.state is not None and f.state.stance == "declined"
    d = f.add("open", 20, conf=0.6)
    assert d.event is not None and d.event.new == "open"
    assert set(d.event.cause_ids) == {2, 3}  # both sources explain the change
    assert d.event.sources == 2


def test_syndicated_copies_count_as_one_source() -> None:
    f = Feed(STRICT)
    f.add("declined", 0)
    f.add("open", 10, conf=0.6, group="wire")
    d = f.add("open", 11, conf=0.6, group="wire")  # the same wire story re-published
    assert d.event is None and f.state is not None and f.state.stance == "declined"
    d = f.add("open", 12, conf=0.6, group="other")
    assert d.event is not None and d.event.new == "open" and d.event.sources == 2


def test_corroboration_must_fall_within_the_window() -> None:
    f = Feed(STRICT)
    f.add("declined", 0)
    f.add("open", 10, conf=0.6)
    d = f.add("open", 10 + 24 * 8, conf=0.6)  # eight days later: not corroborating
    assert d.event is None and f.state is not None and f.state.stance == "declined"


def test_observations_from_before_the_current_stance_do_not_corroborate() -> None:
    f = Feed(STRICT)
    f.add("declined", 0)
    f.add("open", 5, conf=0.6)  # pending
    f.add("willing", 6)  # confident: willing is now current
    d = f.add("open", 7, conf=0.6)  # only one open source since willing was set
    assert d.event is None and f.state is not None and f.state.stance == "willing"


def test_an_older_article_found_later_stays_in_history_but_does_not_flip() -> None:
    f = Feed()
    f.add("declined", 0)
    f.add("open", 48)
    assert f.state is not None and f.state.stance == "open"
    d = f.add("declined", 24)  # published before "open", fetched after it
    assert d.event is None
    assert f.state.stance == "open" and f.state.since == at(48)
    assert len(f.seen) == 3  # kept as history


def test_an_older_article_found_first_is_overtaken_by_a_newer_one() -> None:
    f = Feed()
    f.add("open", 48)
    d = f.add("willing", 72)
    assert d.event is not None and d.event.kind is EventKind.CHANGED


def test_publication_order_decides_not_arrival_order_within_a_batch() -> None:
    newer = Sighting(1, "open", 0.9, at(48), "a")
    older = Sighting(2, "declined", 0.9, at(0), "b")
    d = decide(None, [newer, older], RULES)
    assert [(e.kind, e.new) for e in d.events] == [
        (EventKind.NEW, "declined"),
        (EventKind.CHANGED, "open"),
    ]
    assert d.state is not None and d.state.stance == "open"  # the latest published wins


def test_flapping_within_the_window_alerts_once() -> None:
    f = Feed()
    f.add("declined", 0)
    f.add("open", 10)  # alerted
    back = f.add("declined", 20)  # within 48 h of the alert: recorded, not alerted
    assert back.event is not None and back.event.kind is EventKind.FLAP
    again = f.add("open", 30)
    assert again.event is not None and again.event.kind is EventKind.FLAP
    assert [e for e in f.events if e[0] != "flap"] == [
        ("new", None, "declined"),
        ("changed", "declined", "open"),
    ]
    assert f.state is not None and f.state.stance == "open"


def test_a_change_back_after_the_window_alerts_again() -> None:
    f = Feed()
    f.add("declined", 0)
    f.add("open", 10)
    d = f.add("declined", 10 + 49)
    assert d.event is not None and d.event.kind is EventKind.CHANGED


def test_a_third_stance_within_the_window_is_a_real_change() -> None:
    f = Feed()
    f.add("declined", 0)
    f.add("open", 10)
    d = f.add("willing", 12)
    assert d.event is not None and d.event.kind is EventKind.CHANGED
    assert (d.event.old, d.event.new) == ("open", "willing")


def test_away_and_back_in_one_batch_alerts_the_change_and_records_the_flap() -> None:
    prior = decide(None, [Sighting(1, "declined", 0.9, at(0), "a")], RULES).state
    batch = [
        Sighting(1, "declined", 0.9, at(0), "a"),
        Sighting(2, "open", 0.9, at(5), "b"),
        Sighting(3, "declined", 0.9, at(6), "c"),
    ]
    d = decide(prior, batch, RULES)
    assert [(e.kind, e.old, e.new) for e in d.events] == [
        (EventKind.CHANGED, "declined", "open"),
        (EventKind.FLAP, "open", "declined"),
    ]
    assert d.state is not None and d.state.stance == "declined"
    assert d.state.announced == "open"  # what the users were last told


def test_first_stance_can_require_corroboration() -> None:
    f = Feed(TrackerRules(corroborate_first=True))
    assert f.add("open", 0, conf=0.5).event is None
    assert f.state is None
    d = f.add("open", 1, conf=0.5)
    assert d.event is not None and d.event.kind is EventKind.NEW
    assert set(d.event.cause_ids) == {1, 2}


def test_equal_publication_times_fall_back_to_storage_order() -> None:
    a = Sighting(1, "open", 0.9, at(0), "a")
    b = Sighting(2, "willing", 0.9, at(0), "b")
    assert decide(None, [b, a], RULES).state == decide(None, [a, b], RULES).state


def test_no_sightings_leaves_the_state_alone() -> None:
    assert decide(None, [], RULES) == Decision(None)


def test_rules_refuse_zero_sources() -> None:
    with pytest.raises(ValueError):
        TrackerRules(min_sources=0)


def _replay_arrivals(sightings: list[Sighting], *, trim: bool) -> list[Decision]:
    state: TrackedState | None = None
    seen: list[Sighting] = []
    out = []
    for s in sightings:
        seen.append(s)
        given = seen
        if trim and state is not None:
            # What the store loads: nothing older than the current stance's evidence.
            given = [
                x
                for x in seen
                if state.support_from is None
                or (x.observed_at is not None and x.observed_at >= state.support_from)
            ]
        d = decide(state, given, RULES)
        state = d.state
        out.append(d)
    return out


def test_older_history_than_the_current_evidence_never_matters() -> None:
    rng = random.Random(20250901)
    stances = ("willing", "open", "undecided", "declined")
    for _ in range(200):
        n = rng.randint(1, 12)
        sightings = [
            Sighting(
                i + 1,
                rng.choice(stances),
                rng.choice((0.5, 0.7, 0.9)),
                at(rng.randint(0, 24 * 20)),
                f"g{rng.randint(1, 5)}",
            )
            for i in range(n)
        ]
        assert _replay_arrivals(sightings, trim=True) == _replay_arrivals(sightings, trim=False)


def test_each_country_gets_one_new_event_whatever_the_arrival_order() -> None:
    rng = random.Random(7)
    for _ in range(100):
        sightings = [
            Sighting(i + 1, rng.choice(("open", "declined")), 0.9, at(rng.randint(0, 100)), f"g{i}")
            for i in range(rng.randint(1, 8))
        ]
        kinds = [d.event.kind for d in _replay_arrivals(sightings, trim=True) if d.event]
        assert kinds.count(EventKind.NEW) == 1 and kinds[0] is EventKind.NEW


def test_a_held_back_change_is_one_pending_event_until_its_stance_moves() -> None:
    f = Feed(STRICT)
    f.add("declined", 0)
    d = f.add("open", 10, conf=0.6)
    assert d.event is None and d.held is not None and d.held.kind is EventKind.PENDING
    assert (d.held.old, d.held.new, d.held.cause_ids) == ("declined", "open", (2,))
    assert "needs 2 independent sources" in (d.held.reason or "")
    # The same story again (one group): still held back, but not alerted again.
    assert f.add("open", 11, conf=0.6, group="g2").held is None
    # A weak statement of another stance is a new held-back change.
    other = f.add("willing", 12, conf=0.6)
    assert other.held is not None and other.held.new == "willing"
    # The change goes through: no pending left, nothing held.
    done = f.add("willing", 13, conf=0.6)
    assert done.event is not None and done.event.new == "willing" and done.held is None
    assert f.state is not None and f.state.pending is None
