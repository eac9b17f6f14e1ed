"""Full-text search on SQLite (FTS5) and PostgreSQL (tsvector): one interface, same answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import MetaData, Table, delete, update

from monitor.documents import to_document
from monitor.records import ExtractedArticle
from monitor.store import Database, open_database
from monitor.store.articles import save_document
from monitor.store.migrate import upgrade
from monitor.store.models import Article, ArticleClass, Observation
from monitor.store.search import (
    Fragment,
    InvalidCursor,
    SearchFilters,
    Term,
    article_summaries,
    engines,
    fts5,
    fts5_query,
    parse_query,
    search_articles,
    search_facets,
    search_index_ok,
    split_marked,
    tsquery,
)
from monitor.store.types import UTCDateTime

T0 = datetime(2026, 1, 10, 9, tzinfo=UTC)

STORIES = {
    "warsaw": (
        "Warsaw ready to deploy soldiers",
        "Poland is prepared to deploy a brigade of soldiers to Ukraine after a ceasefire, "
        "the defence minister said. Parliament will vote on the deployment next month.",
    ),
    "madrid": (
        "Madrid rules out ground forces",
        "Spain will not send troops to Ukraine, the government said on Wednesday, but it "
        "will keep training Ukrainian units at home and fund demining equipment.",
    ),
    "football": (
        "Derby report",
        "The coach deployed a back three and the midfield troops held firm until the final "
        "whistle, when the home side celebrated a narrow win in the derby.",
    ),
    "grid": (
        "Power grid repairs continue",
        "Engineers restored power to the eastern districts overnight while talks on a "
        "ceasefire continued in Geneva, officials said. Troops were not discussed.",
    ),
}


def store(db: Database, key: str, *, day: int, feed: str = "wire") -> str:
    title, text = STORIES[key]
    doc = to_document(
        ExtractedArticle(title=title, text=text, published=T0 + timedelta(days=day)),
        url=f"https://{key}.test/story",
        feed=feed,
    )
    assert doc is not None
    return save_document(db, doc, now=T0 + timedelta(days=day)).article_id


def store_before_lsh(db: Database, key: str, *, day: int) -> str:
    """An article as the code before revision 0014 stored it (SimHash and band columns): the
    current save writes tables and columns those revisions do not have."""
    title, text = STORIES[key]
    doc = to_document(
        ExtractedArticle(title=title, text=text), url=f"https://{key}.test/s", feed="wire"
    )
    assert doc is not None
    when = T0 + timedelta(days=day)
    articles = Table("articles", MetaData(), autoload_with=db.engine)
    row = dict(
        id=doc.id,
        content_hash=doc.content_hash,
        url=doc.url,
        canonical_url=doc.canonical_url,
        title=doc.title,
        text=doc.text,
        published_at=UTCDateTime().process_bind_param(when, db.engine.dialect),
        fetched_at=UTCDateTime().process_bind_param(when, db.engine.dialect),
        feed="wire",
        simhash=0,
        group_id=doc.id,
        **{f"band{i}": 0 for i in range(8)},
    )
    with db.engine.begin() as conn:
        conn.execute(articles.insert().values(**row))
    return doc.id


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    out = {
        "warsaw": store(db, "warsaw", day=0),
        "madrid": store(db, "madrid", day=1),
        "football": store(db, "football", day=2, feed="sport"),
        "grid": store(db, "grid", day=3),
    }
    with db.session() as s:
        s.add(
            ArticleClass(
                article_id=out["warsaw"],
                relevant=True,
                relevance=0.9,
                countries="PL UA",
                classifier_version="t",
                classified_at=T0,
            )
        )
        s.add(
            ArticleClass(
                article_id=out["madrid"],
                relevant=True,
                relevance=0.9,
                countries="ES UA PL",
                classifier_version="t",
                classified_at=T0,
            )
        )
        s.add(
            ArticleClass(
                article_id=out["football"],
                relevant=False,
                relevance=0.1,
                countries="",
                classifier_version="t",
                classified_at=T0,
            )
        )
        s.add(
            Observation(
                article_id=out["madrid"],
                actor="ES",
                stance="declined",
                confidence=0.9,
                evidence="Spain will not send troops to Ukraine",
                start=0,
                end=36,
                rule="t",
                condition=None,
                classifier_version="t",
                observed_at=T0,
                group_id=out["madrid"],
                source=None,
                created_at=T0,
            )
        )
    return out


W = timedelta(days=7)


def classify(
    db: Database, article_id: str, *, relevant: bool, countries: str, stance: str | None = None
) -> None:
    with db.session() as s:
        s.add(
            ArticleClass(
                article_id=article_id,
                relevant=relevant,
                relevance=0.9 if relevant else 0.1,
                countries=countries,
                classifier_version="t",
                classified_at=T0,
            )
        )
        if stance:
            s.add(
                Observation(
                    article_id=article_id,
                    actor=countries.split()[0],
                    stance=stance,
                    confidence=0.9,
                    evidence="synthetic",
                    start=0,
                    end=9,
                    rule="t",
                    condition=None,
                    classifier_version="t",
                    observed_at=T0,
                    group_id=article_id,
                    source=None,
                    created_at=T0,
                )
            )


def found(db: Database, **kw: object) -> list[str]:
    return [h.id for h in search_articles(db, SearchFilters(**kw)).hits]  # type: ignore[arg-type]


def test_the_index_exists_with_what_keeps_it_in_sync(db: Database) -> None:
    assert search_index_ok(db)


def test_words_stems_phrases_prefixes_and_exclusions(db: Database, ids: dict[str, str]) -> None:
    # Stemming: "troop" finds "troops"; "deploying" finds "deploy" and "deployment".
    assert set(found(db, query="troop")) == {ids["madrid"], ids["football"], ids["grid"]}
    assert set(found(db, query="deploying")) == {ids["warsaw"], ids["football"]}
    assert found(db, query='"ground forces"') == [ids["madrid"]]
    assert found(db, query='"forces ground"') == []
    assert set(found(db, query="demin*")) == {ids["madrid"]}
    assert set(found(db, query="troops -football -derby")) == {ids["madrid"], ids["grid"]}
    # The engines' own syntax characters are dropped, never an error.
    troops = set(found(db, query="troops"))
    assert set(found(db, query="(troops*)")) == set(found(db, query="^troops: ")) == troops
    assert found(db, query="-troops") == found(db, query="") != []


def test_title_hits_rank_first_and_hits_come_marked(db: Database, ids: dict[str, str]) -> None:
    page = search_articles(db, SearchFilters(query="ceasefire"))
    assert {h.id for h in page.hits} == {ids["warsaw"], ids["grid"]}
    hit = next(h for h in page.hits if h.id == ids["grid"])
    marked = [f.text.lower() for f in hit.snippet if f.hit]
    assert marked == ["ceasefire"]
    assert "".join(f.text for f in hit.snippet).count("ceasefire") == 1
    assert hit.title == "Power grid repairs continue"
    assert hit.title_fragments == (Fragment("Power grid repairs continue"),)
    # A hit in the title outranks one in the text.
    assert found(db, query="deploy") == [ids["warsaw"], ids["football"]]
    titled = search_articles(db, SearchFilters(query="warsaw")).hits[0]
    assert [f.text for f in titled.title_fragments if f.hit] == ["Warsaw"]


def test_filters(db: Database, ids: dict[str, str]) -> None:
    assert set(found(db, query="troops", relevant_only=True)) == {ids["madrid"]}
    assert found(db, query="troops", feed="sport") == [ids["football"]]
    # A country: a stance stated for it, or a mention the classifier found.
    assert set(found(db, country="pl")) == {ids["warsaw"], ids["madrid"]}
    assert found(db, country="ES", stance="declined") == [ids["madrid"]]
    assert found(db, country="PL", stance="declined") == []
    assert found(db, stance="declined") == [ids["madrid"]]
    since, until = T0 + timedelta(days=1), T0 + timedelta(days=3)
    assert found(db, since=since, until=until) == [ids["football"], ids["madrid"]]
    assert found(db, query="troops", since=since, until=until, order="newest") == [
        ids["football"],
        ids["madrid"],
    ]


def test_pages_and_totals(db: Database, ids: dict[str, str]) -> None:
    first = search_articles(db, SearchFilters(limit=3))
    second = search_articles(db, SearchFilters(limit=3, offset=3))
    assert first.total == second.total == 4
    assert [h.id for h in first.hits] == [ids["grid"], ids["football"], ids["madrid"]]
    assert [h.id for h in second.hits] == [ids["warsaw"]]
    assert first.hits[0].snippet[0].text.startswith("Engineers restored power")
    ranked = search_articles(db, SearchFilters(query="troops", limit=1, offset=1))
    assert ranked.total == 3 and len(ranked.hits) == 1
    assert search_articles(db, SearchFilters(limit=10_000)).limit == 200


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(),
        SearchFilters(query="troops"),
        SearchFilters(query="troops", order="newest"),
        SearchFilters(query="troops -derby"),
        SearchFilters(feed="wire"),
        SearchFilters(query="said", country="PL"),
        SearchFilters(query="said", relevant_only=True),
        SearchFilters(query="said", order="newest", country="PL"),
        SearchFilters(query="troop*", relevant_only=True, order="newest"),
        SearchFilters(query="said", feed="wire", since=T0 + timedelta(days=1), until=T0 + W),
        SearchFilters(query="troops", stance="declined"),
        SearchFilters(relevant_only=True),
    ],
    ids=[
        "browse",
        "ranked",
        "newest",
        "excluded",
        "feed",
        "country",
        "relevant",
        "newest-country",
        "prefix-newest-relevant",
        "feed-dates",
        "stance",
        "browse-relevant",
    ],
)
def test_cursor_pages_are_the_offset_pages(
    db: Database, ids: dict[str, str], filters: SearchFilters
) -> None:
    for n, (key, day) in enumerate([("warsaw", 3), ("madrid", 3), ("grid", 0), ("grid", 7)]):
        title, text = STORIES[key]  # more rows, some at the same time as others (ties)
        extracted = ExtractedArticle(
            title=title, text=f"{text} Copy {n}.", published=T0 + timedelta(days=day)
        )
        doc = to_document(extracted, url=f"https://copy.test/{n}", feed="wire")
        assert doc is not None
        copy = save_document(db, doc, now=T0).article_id
        # relevant, about Poland, and a stated stance on every other one
        classify(db, copy, relevant=True, countries="PL", stance="declined" if n % 2 else None)
    whole = search_articles(db, replace(filters, limit=200))
    by_cursor: list[str] = []
    page = search_articles(db, replace(filters, limit=2))
    for _ in range(20):
        assert page.total == whole.total
        by_cursor += [h.id for h in page.hits]
        if page.next_cursor is None:
            break
        page = search_articles(db, replace(filters, limit=2, after=page.next_cursor))
    assert by_cursor == [h.id for h in whole.hits]
    by_offset = [
        h.id
        for k in range(0, whole.total + 2, 2)
        for h in search_articles(db, replace(filters, limit=2, offset=k)).hits
    ]
    assert by_offset == by_cursor
    assert len(set(by_cursor)) == len(by_cursor) == whole.total  # none repeated, none skipped
    assert whole.total > 2  # more than one page of 2


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(stance="declined"),
        SearchFilters(country="PL", feed="wire"),
        SearchFilters(query="troops", order="newest"),
        SearchFilters(query="ukraine", order="newest", relevant_only=True),
    ],
    ids=["browse-stance", "browse-country-feed", "newest", "newest-relevant"],
)
def test_walking_the_time_index_finds_the_same_pages(
    db: Database, ids: dict[str, str], filters: SearchFilters, monkeypatch: pytest.MonkeyPatch
) -> None:
    classify(db, ids["grid"], relevant=True, countries="PL", stance="declined")
    sorted_pages = [h.id for h in search_articles(db, filters).hits]
    assert sorted_pages
    monkeypatch.setattr(engines, "WALK_ABOVE", 0)  # every one walks the time index
    monkeypatch.setattr(fts5, "WALK_ABOVE", 0)
    walked: list[str] = []
    page = search_articles(db, replace(filters, limit=1))
    while True:
        walked += [h.id for h in page.hits]
        if page.next_cursor is None:
            break
        page = search_articles(db, replace(filters, limit=1, after=page.next_cursor))
    assert walked == sorted_pages


def test_a_cursor_of_another_order_or_made_up_is_refused(db: Database, ids: dict[str, str]) -> None:
    first = search_articles(db, SearchFilters(query="troops", limit=1))
    assert first.next_cursor is not None
    with pytest.raises(InvalidCursor):
        search_articles(db, SearchFilters(query="troops", order="newest", after=first.next_cursor))
    with pytest.raises(InvalidCursor):
        search_articles(db, SearchFilters(after="bm90IGEgY3Vyc29y"))


def test_hits_carry_relevance_and_stances(db: Database, ids: dict[str, str]) -> None:
    hits = {h.id: h for h in search_articles(db, SearchFilters(query="troops")).hits}
    assert hits[ids["madrid"]].relevant is True
    assert [(s.actor, s.stance) for s in hits[ids["madrid"]].stances] == [("ES", "declined")]
    assert hits[ids["grid"]].relevant is None
    assert hits[ids["football"]].relevant is False


def test_inserts_updates_and_deletes_reach_the_index(db: Database, ids: dict[str, str]) -> None:
    assert found(db, query="geneva") == [ids["grid"]]
    with db.session() as s:
        s.execute(
            update(Article)
            .where(Article.id == ids["grid"])
            .values(title="Grid news", text="Talks moved to Vienna; power is back everywhere.")
        )
    assert found(db, query="geneva") == []
    assert found(db, query="vienna") == [ids["grid"]]
    with db.session() as s:
        s.execute(delete(Article).where(Article.id == ids["grid"]))
    assert found(db, query="vienna") == []
    assert search_articles(db, SearchFilters()).total == 3
    again = store(db, "grid", day=5)
    assert found(db, query="geneva") == [again]


def test_classifications_reach_the_filters(db: Database, ids: dict[str, str]) -> None:
    assert set(found(db, query="troops", relevant_only=True)) == {ids["madrid"]}
    with db.session() as s:
        s.execute(
            update(ArticleClass)
            .where(ArticleClass.article_id == ids["football"])
            .values(relevant=True, countries="GB")
        )
    assert set(found(db, query="troops", relevant_only=True)) == {ids["madrid"], ids["football"]}
    assert found(db, query="troops", country="gb") == [ids["football"]]
    assert found(db, country="gb", order="newest") == [ids["football"]]
    with db.session() as s:
        s.execute(delete(ArticleClass).where(ArticleClass.article_id == ids["madrid"]))
    assert found(db, query="troops", relevant_only=True) == [ids["football"]]
    assert found(db, query="troops", country="pl") == []  # Spain's stance is no PL
    assert found(db, query="troops", country="es") == [ids["madrid"]]  # stated, still found
    classify(db, ids["grid"], relevant=True, countries="UA PL")
    assert set(found(db, query="troops", relevant_only=True)) == {ids["football"], ids["grid"]}
    assert found(db, query="troops", country="pl") == [ids["grid"]]


def test_classifications_stored_before_the_filter_columns_are_backfilled(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        upgrade(db.engine, "0011")
        a = store_before_lsh(db, "warsaw", day=0)
        b = store_before_lsh(db, "madrid", day=1)
        classify(db, a, relevant=True, countries="PL UA")
        classify(db, b, relevant=False, countries="ES")
        upgrade(db.engine, "heads")
        assert found(db, query="ready", relevant_only=True) == [a]
        assert found(db, relevant_only=True) == [a]
        assert found(db, country="es") == [b]
    finally:
        db.dispose()


def test_articles_stored_before_the_index_are_backfilled(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        upgrade(db.engine, "0002")
        a = store_before_lsh(db, "warsaw", day=0)
        b = store_before_lsh(db, "madrid", day=1)
        upgrade(db.engine, "heads")
        assert search_index_ok(db)
        assert found(db, query="brigade") == [a]
        assert found(db, query='"ground forces"') == [b]
        c = store(db, "grid", day=2)  # and new ones are indexed as before
        assert found(db, query="geneva") == [c]
    finally:
        db.dispose()


def test_summaries_and_facets(db: Database, ids: dict[str, str]) -> None:
    got = article_summaries(db, [ids["madrid"], "0000000000000000", ids["warsaw"]])
    assert [s.id for s in got] == [ids["madrid"], ids["warsaw"]]
    assert got[0].url == "https://madrid.test/story"
    facets = search_facets(db)
    assert facets.feeds == ("sport", "wire")
    assert facets.countries == ("ES",)


def test_markup_in_stored_text_stays_text(db: Database) -> None:
    doc = to_document(
        ExtractedArticle(
            title="<script>alert(1)</script> troops",
            text="Before <img src=x onerror=alert(1)> the troops arrived, said <b>nobody</b>. " * 3,
        ),
        url="https://evil.test/x",
        feed="wire",
    )
    assert doc is not None
    save_document(db, doc, now=T0)
    hit = search_articles(db, SearchFilters(query="troops")).hits[0]
    assert "<script>alert(1)</script>" in "".join(f.text for f in hit.title_fragments)
    assert "onerror=alert(1)>" in "".join(f.text for f in hit.snippet)


def test_query_parsing() -> None:
    assert parse_query('Troops "Ground  Forces" -football deploy* - ""') == (
        Term(("troops",)),
        Term(("ground", "forces")),
        Term(("football",), negated=True),
        Term(("deploy",), prefix=True),
    )
    assert parse_query("NATO's") == (Term(("nato", "s")),)
    assert fts5_query(parse_query('a "b c" -d e*')) == '"a" AND "b c" AND "e"* NOT "d"'
    assert tsquery(parse_query('a "b c" -d e*')) == "(a) & (b <-> c) & (e:*) & !(d)"
    assert fts5_query(parse_query("-only -negative")) is None
    assert tsquery(parse_query("")) is None
    assert split_marked("x\ue000y\ue001z\ue000") == (
        Fragment("x"),
        Fragment("y", hit=True),
        Fragment("z"),
    )
