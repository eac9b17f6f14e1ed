"""extract_article on small pages written for these tests (tests/data/extract)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import ParseError
from monitor.extract import extract_article

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


def _page(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_news_page_keeps_the_story_and_drops_the_furniture() -> None:
    art = extract_article(_page("news_page.html"), "https://coastal.example/news/today")
    for kept in (
        "Councillors in Saltmere voted on Tuesday evening to rebuild the wooden pier that "
        "storms destroyed two winters ago.",
        "The plan passed by eleven votes to four",
        "Cost and timetable",
        "Engineers put the cost at 4.2 million pounds",
        "Work is due to start in May",
        "Opponents argued that the money would be better spent on flood walls",
    ):
        assert kept in art.text
    for dropped in (
        "Sport",  # navigation
        "Accept all cookies",
        "Harbour town votes",  # the headline belongs in title, not text
        "By Mara Quell",  # byline
        "Share on Facebook",
        "Copy link",
        "Advertisement",
        "newsletter",
        "Already a subscriber",
        "Related stories",
        "Storm season leaves pier in ruins",
        "12 comments",
        "my grandfather built boats",  # a comment
        "Log in to write a comment",
        "Lifeboat crew honoured",  # sidebar
        "All rights reserved",
        "Privacy policy",
    ):
        assert dropped not in art.text, dropped


def test_news_page_blocks_are_lines_and_words_never_glue() -> None:
    art = extract_article(_page("news_page.html"))
    lines = art.text.split("\n\n")
    assert lines[0].startswith("Councillors in Saltmere")
    assert lines[0].endswith("two winters ago.")
    assert "Cost and timetable" in lines
    assert all(line == " ".join(line.split()) for line in lines)


def test_news_page_metadata() -> None:
    art = extract_article(_page("news_page.html"), "https://coastal.example/news/today")
    assert art.title == "Harbour town votes to rebuild the old pier"
    assert art.canonical_url == "https://coastal.example/news/2025/pier-vote?utm_source=rss"
    assert art.published == datetime(2025, 3, 4, 8, 30, tzinfo=UTC)
    assert art.date_source == "meta"
    assert art.author == "Mara Quell"
    assert art.language == "en-GB"
    assert art.description == "Councillors approved the plan after a long debate."


def test_json_ld_gives_metadata_and_the_body_when_the_page_has_none() -> None:
    art = extract_article(_page("jsonld_page.html"))
    assert art.title == "Lighthouse keepers return to Gull Point after fifty years"
    assert art.published == datetime(2024, 11, 18, 11, 45, tzinfo=UTC)
    assert art.date_source == "json-ld"
    assert art.author == "Ines Varga, Tom Okafor"
    assert art.language == "en-CA"
    assert art.canonical_url == "https://nsd.example/2024/11/gull-point-keepers"
    assert art.text.split("\n\n") == [
        "Two keepers will once again live at the Gull Point lighthouse, the coast guard "
        "announced on Monday.",
        "The station was automated in 1974 and has stood empty since then, apart from "
        "summer visitors.",
        "Volunteers restored the keepers' cottage over three winters using donated timber.",
    ]
    assert "Enable JavaScript" not in art.text


def test_text_in_bare_divs_and_br_runs_is_found() -> None:
    art = extract_article(_page("div_br_page.html"))
    assert art.text.split("\n\n") == [
        "The parish council met in the school hall on Thursday and agreed to repair the "
        "bridge over the mill stream before winter.",
        "Mrs Pryce reported that the café raised 310 pounds for the church roof at the "
        "autumn fair.",  # windows-1252 bytes decoded by the page's own meta charset
        "The next meeting will discuss the bus timetable and the new footpath signs that "
        "walkers have asked for since the spring.",  # <br> inside a sentence joins it
    ]
    assert art.title == "Village notes"


def test_metadata_date_beats_a_wrong_dateline_that_stays_out_of_the_text() -> None:
    art = extract_article(_page("wrong_text_date.html"))
    assert art.published == datetime(2025, 8, 25, 10, 15, tzinfo=UTC)
    assert art.date_source == "meta"
    assert "2024" not in art.text
    assert "January" not in art.text
    assert art.text.startswith("The ferry service to the outer islands resumed on Monday")
    assert art.language == "pt-BR"


def test_a_dateline_in_the_text_is_the_last_resort_for_the_date() -> None:
    page = (
        "<html><body><article><p>Published: 3 March 2025 14:05 GMT</p>"
        "<p>The new harbour wall was finished a week ahead of the planned date, engineers "
        "said on Monday after the last concrete blocks were set.</p></article></body></html>"
    )
    art = extract_article(page)
    assert art.published == datetime(2025, 3, 3, 14, 5, tzinfo=UTC)
    assert art.date_source == "text"
    assert "Published" not in art.text


def test_time_element_date_when_no_meta() -> None:
    page = (
        '<html><body><article><time datetime="2025-02-01T08:00:00+02:00">1 Feb</time>'
        "<p>The ferry timetable for the spring season has been published online by the "
        "port authority this morning.</p></article></body></html>"
    )
    art = extract_article(page)
    assert art.published == datetime(2025, 2, 1, 6, 0, tzinfo=UTC)
    assert art.date_source == "time"


_STORY = (
    "<p>The ferry timetable for the spring season has been published online by the "
    "port authority this morning.</p>"
)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        (
            '<span itemprop="author">Staff <span itemprop="name">Ada Brook</span></span>',
            "Ada Brook",
        ),
        ('<a rel="author" href="/ada">By Ada Brook</a>', "Ada Brook"),
        ('<span class="byline">Ada Brook</span>', None),
    ],
)
def test_byline_markup_gives_the_author_when_no_meta(byline: str, author: str | None) -> None:
    art = extract_article(f"<html><body><article>{byline}{_STORY}</article></body></html>")
    assert art.author == author


def test_canonical_link_is_found_among_other_links() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="/site.css">'
        '<link rel="Canonical" href="https://port.example/ferry">'
        '<link rel="alternate" href="https://port.example/feed"></head>'
        f"<body><article>{_STORY}</article></body></html>"
    )
    assert extract_article(page).canonical_url == "https://port.example/ferry"


def test_feed_content_wrapped_in_a_tiny_page_is_kept_whole() -> None:
    # The ingest flow wraps a feed's summary this way; short text must survive.
    art = extract_article("<html><body><article><p>Poland says no.</p></article></body></html>")
    assert art.text == "Poland says no."


def test_bytes_with_a_byte_order_mark_and_empty_input() -> None:
    page = "\ufeff<p>Zürich council approves the tram extension to the lake shore.</p>"
    assert "Zürich" in extract_article(page.encode("utf-8")).text
    empty = extract_article(b"")
    assert (empty.title, empty.text, empty.published) == ("", "", None)


def test_absurd_nesting_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(ParseError):
        extract_article("<div>" * 100_000 + "<p>text</p>", "https://x.test/deep")
    assert time.perf_counter() - started < 1.0


def test_hostile_markup_does_not_raise() -> None:
    page = "<div>" * 2000 + "<p>deep text that is long enough to count as a paragraph</p>"
    page += '<script type="application/ld+json">{"@type": "NewsArticle", broken'
    art = extract_article(page)
    assert "deep text" in art.text
