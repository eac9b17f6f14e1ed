"""The tracker's steady path (`monitor.track._steady`): when only the held stance was
published since it was set, one aggregate stands in for reading every observation since
the stance's support began. At every step of a long, mixed history it must give exactly
what `decide` gives over those observations, on both databases."""

from __future__ import annotations

import random
from datetime import timedelta

from monitor.alert_records import AlertRouting
from monitor.store import Database
from monitor.store.observations import save_classification_in
from monitor.store.stances import sightings_since, tracked_state
from monitor.track import _steady, track_actors
from monitor.tracker import TrackerRules, decide
from tests.test_track import T0, article, verdict

ROUTING = AlertRouting(channels=("console",))


def test_the_steady_path_decides_as_the_full_replay(db: Database) -> None:
    rng = random.Random(12)
    steady_steps = replayed_steps = 0
    for n in range(70):
        actor = rng.choice(("PL", "FR"))
        # mostly the held stance again, sometimes another (weak or firm), dates that
        # mostly move on and sometimes reach back before the stance was set
        stance = "declined" if rng.random() < 0.8 else rng.choice(("open", "willing"))
        published = T0 + timedelta(hours=n * 6 - (rng.random() < 0.15) * 72)
        confidence = rng.choice((0.4, 0.6, 0.9))
        article_id = article(db, f"s{n}", published)
        with db.session() as tx:
            change = save_classification_in(
                tx, article_id, verdict(actor, stance, confidence), now=T0, source=f"s{n}"
            )
            prior = tracked_state(tx, actor)
            steady = _steady(tx, actor, prior)
            since = prior.support_from if prior else None
            sightings, observations = sightings_since(tx, actor, since)
            decision = decide(prior, sightings, TrackerRules())
            if steady is not None:
                steady_steps += 1
                assert decision.events == () and decision.held is None
                assert decision.state == steady[0]
                assert decision.state is not None
                assert observations.get(decision.state.observation_id) == steady[1]
            else:
                replayed_steps += 1
            track_actors(tx, change.touched, ROUTING, T0)
    # both paths ran often enough for the comparison to mean something
    assert steady_steps >= 25 and replayed_steps >= 10, (steady_steps, replayed_steps)
