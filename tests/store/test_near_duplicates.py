"""Near-duplicates: edited copies join their original's group, different stories on one
subject stay apart (fixtures: tests/support/near_duplicates.py), found by indexed keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from monitor.documents import to_document
from monitor.normalize import jaccard, shingle_hashes
from monitor.records import Document, ExtractedArticle
from monitor.store import near, open_database
from monitor.store.articles import (
    SaveResult,
    get_article,
    group_members,
    known_urls,
    save_document,
)
from monitor.store.near import MIN_SIMILARITY
from tests.support import near_duplicates as nd

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def doc(body: str, url: str) -> Document:
    title, _, rest = body.partition("\n")
    d = to_document(ExtractedArticle(title=title, text=rest), url=url, feed="t")
    assert d is not None
    return d


def test_the_fixtures_are_what_they_claim() -> None:
    texts = nd.originals()
    for name, (source, _) in nd.COPIES.items():
        j = jaccard(shingle_hashes(nd.copy_text(name)), shingle_hashes(texts[source]))
        assert 0.75 <= j < 1.0, (name, j)
    for members in nd.SUBJECTS.values():
        names = [n for n in texts if n.split("-")[0] in members]
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                j = jaccard(shingle_hashes(texts[a]), shingle_hashes(texts[b]))
                assert j < MIN_SIMILARITY / 4, (a, b, j)


@pytest.mark.parametrize("copies_first", [False, True])
def test_copies_join_their_original_and_same_subject_stories_stay_apart(
    db_url: str, copies_first: bool
) -> None:
    db = open_database(db_url)
    originals = [(f"https://news.test/{n}", body) for n, body in nd.originals().items()]
    copies = [(f"https://agg.test/{n}?utm_source=x", nd.copy_text(n)) for n in nd.COPIES]
    order = copies + originals if copies_first else originals + copies
    saved = {}
    for i, (url, body) in enumerate(order):
        outcome = save_document(db, doc(body, url), now=NOW + timedelta(seconds=i))
        assert outcome.result is SaveResult.NEW
        saved[url.split("/")[-1].split("?")[0]] = outcome
    groups = {name: saved[name].group_id for name in saved}
    for name, (source, _) in nd.COPIES.items():
        assert groups[name] == groups[source], (name, source)
    # One group per original: five different stories, two subjects.
    assert len(set(groups.values())) == len(originals)
    for g in set(groups.values()):
        assert len(group_members(db, g)) == sum(1 for v in groups.values() if v == g)


@pytest.mark.parametrize("cache_size", [0, near.CACHED_ARTICLES])
def test_the_shingle_cache_changes_no_group(
    db_url: str, cache_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the in-memory shingle hashes every candidate's text is read from the store
    and hashed; with them (warm from the saves before) the groups are the same."""
    monkeypatch.setattr(near, "SHINGLES", near._ShingleCache(cache_size))
    db = open_database(db_url)
    originals = [(f"https://news.test/{n}", body) for n, body in nd.originals().items()]
    copies = [(f"https://agg.test/{n}", nd.copy_text(n)) for n in nd.COPIES]
    outcomes = {}
    for i, (url, body) in enumerate(originals + copies):
        outcomes[url.rsplit("/", 1)[1]] = save_document(
            db, doc(body, url), now=NOW + timedelta(seconds=i)
        )
    for name, (source, _) in nd.COPIES.items():
        assert outcomes[name].near_duplicate_of == outcomes[source].article_id, name
    # Each copy had candidates, so its hashes were computed, and kept when there is room.
    assert len(near.SHINGLES._items) == (0 if cache_size == 0 else len(outcomes))


def test_an_unrelated_archive_leaves_a_new_story_in_a_group_of_its_own(db_url: str) -> None:
    db = open_database(db_url)
    for i in range(30):
        body = f"Story {i}\nUnrelated report number {i} about harbour works " * 12
        save_document(db, doc(body + f" item {i} of {i * 7}.", f"https://x.test/{i}"), now=NOW)
    new = doc(nd.original("b1-warsaw-wire.txt"), "https://news.test/b1")
    outcome = save_document(db, new, now=NOW + timedelta(minutes=1))
    assert outcome.near_duplicate_of is None and outcome.group_id == outcome.article_id


def test_candidates_come_from_the_key_index(db_url: str) -> None:
    db = open_database(db_url)
    if db.dialect != "sqlite":
        pytest.skip("the query plan is read on SQLite")
    query = (
        "EXPLAIN QUERY PLAN SELECT article_id, count(*) FROM article_lsh "
        "WHERE key IN (1, 2, 3) GROUP BY article_id"
    )
    with db.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text(query)))
    assert "USING" in plan and "INDEX" in plan and "SCAN article_lsh" not in plan, plan


def test_an_exact_copy_stored_first_gives_way_to_the_original_url(db_url: str) -> None:
    db = open_database(db_url)
    body = nd.original("b1-warsaw-wire.txt")
    aggregator = "https://agg.test/story/991?utm_source=feed&utm_medium=rss"
    copy = save_document(db, doc(body, aggregator), now=NOW)
    stored = get_article(db, copy.article_id)
    assert stored is not None and stored.canonical_url == "https://agg.test/story/991"
    # The original: the same text at its own canonical address, fetched afterwards.
    original = "https://vistula.test/2026/10/14/poland-will-not-send-troops"
    again = save_document(db, doc(body, original), now=NOW + timedelta(minutes=5))
    assert again.result is SaveResult.DUPLICATE and again.article_id == copy.article_id
    stored = get_article(db, copy.article_id)
    assert stored is not None
    assert (stored.url, stored.canonical_url) == (original, original)
    # The aggregator's URLs stay aliases: known, not fetched again, and lead to the article.
    assert known_urls(db, [aggregator, "https://agg.test/story/991"]) == {
        aggregator,
        "https://agg.test/story/991",
    }
    assert get_article(db, aggregator) == stored
    # A third copy under yet another tracking link changes nothing.
    third = "https://other.test/x?utm_campaign=y"
    save_document(db, doc(body, third), now=NOW + timedelta(minutes=9))
    assert get_article(db, copy.article_id) == stored


def test_a_document_carries_its_shingles_and_the_check_finds_the_same_without_them(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shingle hashes made for the fingerprint are the text's own, and the near
    check given them (the ingest path) picks what it picks hashing the text itself."""
    import dataclasses

    import numpy as np

    texts = nd.originals()
    name, (source, _) = next(iter(nd.COPIES.items()))
    original = doc(texts[source], f"https://news.test/{source}")
    copy = doc(nd.copy_text(name), f"https://agg.test/{name}")
    for d in (original, copy):
        assert d.shingles, "to_document keeps the hashes"
        assert (np.frombuffer(d.shingles, dtype=np.uint64) == shingle_hashes(d.text)).all()
    db = open_database(db_url)
    save_document(db, original, now=NOW)
    with db.engine.connect() as conn:
        found = []
        for shingles in (copy.shingles, b""):
            # nothing cached: the check reads the hashes given, or hashes the text
            monkeypatch.setattr(near, "SHINGLES", near._ShingleCache(near.CACHED_ARTICLES))
            bare = dataclasses.replace(copy, shingles=shingles)
            found.append(
                near.find_near_duplicate(
                    conn, bare.id, bare.text, bare.lsh_keys, shingles=bare.shingles
                )
            )
    assert found[0] is not None and found[0] == found[1]
    assert found[0].article_id == original.id


def test_an_articles_keys_are_stored_in_one_statement_exactly(db_url: str) -> None:
    """Every distinct key once, the extremes of BIGINT included, and a key stored already
    for the article is no error (the keys go in as one array or JSON parameter)."""
    d = doc("Keys\n" + "word " * 40, "https://news.test/keys")
    db = open_database(db_url)
    save_document(db, d, now=NOW)
    extremes = (-(2**63), 2**63 - 1, 0, -1, 7, 7, d.lsh_keys[0])
    with db.engine.begin() as conn:
        near.add_keys(conn, db.dialect, d.id, extremes)
        stored = [
            int(k)
            for (k,) in conn.execute(
                text("SELECT key FROM article_lsh WHERE article_id = :id"), {"id": d.id}
            )
        ]
    assert len(d.lsh_keys) == 32
    assert sorted(stored) == sorted(set(d.lsh_keys) | set(extremes))


def test_a_saved_article_has_its_urls_and_keys_and_a_duplicate_adds_none(db_url: str) -> None:
    """The article, its URLs and its keys go in together (one statement on PostgreSQL); a
    second save of the same text adds its URL to the first article and no keys."""
    d = doc("Together\n" + "another word " * 30, "https://news.test/together?utm_source=x")
    again = doc("Together\n" + "another word " * 30, "https://agg.test/copy")
    db = open_database(db_url)
    assert save_document(db, d, now=NOW).result is SaveResult.NEW
    assert save_document(db, again, now=NOW).result is SaveResult.DUPLICATE
    with db.engine.connect() as conn:
        keys = {int(k) for (k,) in conn.execute(text("SELECT key FROM article_lsh"))}
        urls = dict(conn.execute(text("SELECT url, article_id FROM article_urls")).all())
    assert keys == set(d.lsh_keys) and len(keys) == 32
    assert urls == {
        "https://news.test/together?utm_source=x": d.id,
        "https://news.test/together": d.id,
        "https://agg.test/copy": d.id,
    }
