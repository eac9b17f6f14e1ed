"""The alert policy and undated articles, with hand-built sightings and no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.tracker import Sighting, TrackerRules, decide

T0 = datetime(2025, 9, 1, 12, tzinfo=UTC)
SEEN = datetime(2026, 12, 1, 9, tzinfo=UTC)  # when undated articles were fetched


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def kinds(d: object) -> list[tuple[str, str | None, str]]:
    return [(str(e.kind), e.old, e.new) for e in d.events]  # type: ignore[attr-defined]


def test_one_clear_statement_sets_and_changes_a_stance_by_default() -> None:
    first = decide(None, [Sighting(1, "declined", 0.75, at(0), "a")], TrackerRules())
    assert first.state is not None
    d = decide(first.state, [Sighting(2, "open", 0.75, at(5), "b")], TrackerRules())
    assert kinds(d) == [("changed", "declined", "open")]
    assert d.events[0].sources == 1 and d.state is not None and d.state.pending is None


def test_an_unclear_statement_is_pending_with_its_reason_until_corroborated() -> None:
    rules = TrackerRules()
    prior = decide(None, [Sighting(1, "declined", 0.9, at(0), "a")], rules).state
    weak = [Sighting(2, "open", 0.4, at(5), "b")]
    d = decide(prior, weak, rules)
    assert d.events == () and d.state is not None and d.state.stance == "declined"
    assert d.state.pending is not None and d.state.pending.stance == "open"
    assert d.state.pending.sources == 1 and d.state.pending.since == at(5)
    assert "needs 2 independent sources" in d.state.pending.reason
    assert "0.40" in d.state.pending.reason
    d = decide(prior, [*weak, Sighting(3, "open", 0.45, at(6), "c")], rules)
    assert kinds(d) == [("changed", "declined", "open")] and d.events[0].sources == 2
    assert d.state is not None and d.state.pending is None


def test_corroboration_is_a_setting_and_holds_a_single_source_back_visibly() -> None:
    rules = TrackerRules(corroborate=True)
    prior = decide(None, [Sighting(1, "declined", 0.75, at(0), "a")], rules).state
    assert prior is not None and prior.stance == "declined"  # first stance: not required
    d = decide(prior, [Sighting(2, "open", 0.75, at(5), "b")], rules)
    assert d.events == () and d.state is not None and d.state.pending is not None
    assert d.state.pending.reason.startswith("needs 2 independent sources within 7 days, has 1")
    first = decide(
        None, [Sighting(1, "open", 0.75, at(0), "a")], TrackerRules(corroborate_first=True)
    )
    assert first.state is None


def test_every_change_in_one_batch_is_an_event_in_publication_order() -> None:
    rules = TrackerRules()
    prior = decide(None, [Sighting(1, "undecided", 0.9, at(0), "a")], rules).state
    batch = [  # arrival order: newest first, as pages used to be saved
        Sighting(4, "willing", 0.9, at(3), "d"),
        Sighting(3, "open", 0.9, at(2), "c"),
        Sighting(2, "undecided", 0.9, at(1), "b"),
    ]
    d = decide(prior, batch, rules)
    assert kinds(d) == [("changed", "undecided", "open"), ("changed", "open", "willing")]
    assert [e.decided_at for e in d.events] == [at(2), at(3)]
    # An older article found afterwards changes nothing.
    late = decide(d.state, [*batch, Sighting(5, "declined", 0.9, at(1.5), "e")], rules)
    assert late.events == () and late.state == d.state


def test_an_undated_article_gives_a_first_stance_of_unknown_date() -> None:
    d = decide(None, [Sighting(1, "open", 0.8, None, "a", seen_at=SEEN)], TrackerRules())
    assert kinds(d) == [("new", None, "open")]
    assert d.events[0].decided_at is None
    assert d.state is not None and d.state.since is None and d.state.support_from is None
    assert d.state.updated_at is None and d.state.announced_at is None


def test_an_undated_article_never_changes_a_stance() -> None:
    rules = TrackerRules()
    prior = decide(None, [Sighting(1, "declined", 0.9, at(0), "a")], rules).state
    d = decide(prior, [Sighting(2, "willing", 0.95, None, "b", seen_at=SEEN)], rules)
    assert d.events == () and d.state is not None and d.state.stance == "declined"
    # and a dated sighting wins over undated ones for the first stance
    both = [
        Sighting(1, "willing", 0.9, None, "a", seen_at=SEEN),
        Sighting(2, "open", 0.9, at(0), "b"),
    ]
    d = decide(None, both, rules)
    assert kinds(d) == [("new", None, "open")] and d.state is not None
    assert d.state.since == at(0)


def test_a_stance_of_unknown_date_gives_way_to_dated_evidence() -> None:
    rules = TrackerRules()
    undated = Sighting(1, "open", 0.9, None, "a", seen_at=SEEN)
    prior = decide(None, [undated], rules).state
    d = decide(prior, [undated, Sighting(2, "declined", 0.9, at(0), "b")], rules)
    assert kinds(d) == [("changed", "open", "declined")] and d.state is not None
    assert d.state.since == at(0)


def test_undated_sightings_keep_first_seen_order() -> None:
    rules = TrackerRules()
    a = Sighting(7, "open", 0.9, None, "a", seen_at=SEEN)
    b = Sighting(3, "declined", 0.9, None, "b", seen_at=SEEN + timedelta(minutes=1))
    d = decide(None, [b, a], rules)
    # the first seen sets the stance; the later undated one cannot change it
    assert kinds(d) == [("new", None, "open")]
