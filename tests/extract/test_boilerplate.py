"""The plain-text boilerplate filter and extract_text_document, on text written here."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from monitor.extract import extract_text_document, strip_boilerplate
from monitor.extract.boilerplate import (
    boilerplate_lines,
    is_boilerplate_line,
    is_related_heading,
    strip_credit,
)

SCRAPED = """Skip to content
Home
World
Politics
Sport

Follow us on Facebook

Harbour board rejects plan to close the night ferry

Monday, 03 March 2025 08:00 GMT

(Coastwire) The harbour board voted on Monday to keep the night ferry running.
Board members said the crossing was "a lifeline" for shift workers on the islands.

Share this article
Advertisement
The ferry company had asked for permission to stop sailings after 10 p.m. to save fuel.
Islanders collected 4,000 signatures against the plan in two weeks.

Reporting by Ann Lee; Editing by Tom Ruiz
Comments
Log in to post a comment
Be the first to comment!
CW2503031234567ID998877
Legal Disclaimer:
Coastwire provides this information "as is" without warranty of any kind.
Copyright © 2025 Coastwire. All rights reserved.
Coastwire
"""

BODY_SENTENCES = [
    "Harbour board rejects plan to close the night ferry",
    "The harbour board voted on Monday to keep the night ferry running.",
    'Board members said the crossing was "a lifeline" for shift workers on the islands.',
    "The ferry company had asked for permission to stop sailings after 10 p.m. to save fuel.",
    "Islanders collected 4,000 signatures against the plan in two weeks.",
]


def test_strip_boilerplate_keeps_the_story_only() -> None:
    assert strip_boilerplate(SCRAPED).split("\n\n") == BODY_SENTENCES


@pytest.mark.parametrize(
    "line",
    [
        "Comments",
        "Log in to write a comment",
        "Already a subscriber? Make sure to log into your account first.",
        "Legal Disclaimer:",
        "Copyright © All rights reserved.",
        "Share on WhatsApp",
        "Follow Coastwire on Twitter for the latest news",
        "Get the best stories of the week in your inbox",
        "Subscribe to our daily newsletter and never miss a story",
        "Alan Fram contributed reporting.",
        "Write to Ann Lee at ann.lee@coastwire.example",
        "More Great Coastwire Stories",
        "You may also like",
        "This content is only available to subscribers.",
        "The content should not be considered professional advice of any kind.",
        "___",
    ],
)
def test_is_boilerplate_line(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Poland will not send troops to Ukraine, the defence minister said.",
        "Comments by the minister were welcomed in Kyiv.",
        "Share prices fell sharply after the announcement.",
        "More troops will be sent to the border, officials said.",
        "The company said it would not accept any liability for the spill, a claim the "
        "regulator rejected.",  # a sentence about liability, not a disclaimer
    ],
)
def test_story_lines_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_boilerplate_lines_judges_a_page_of_lines_like_one_at_a_time() -> None:
    lines = [
        "The harbour board met on Tuesday to discuss this year's ferry timetable.",
        "Already a subscriber? Make sure to log into your account first.",
        "Comments by the minister were welcomed in Kyiv.",
        "Ben Ortiz contributed reporting.",
        "He said any change would need the council's approval.",
        "Menu",
    ]
    # The wordings "already", "this ", "any " and "contributed" each occur in story lines
    # too: that one line holds a wording must not make another line boilerplate.
    assert boilerplate_lines(lines) == [False, True, False, True, False, True]
    assert boilerplate_lines(lines) == [is_boilerplate_line(line) for line in lines]
    assert boilerplate_lines([]) == []


def test_related_heading_and_credit_prefix() -> None:
    assert is_related_heading("Popular on Coastwire")
    assert not is_related_heading("Popular support for the ferry grew")
    assert strip_credit("(Coastwire) The board voted.") == "The board voted."
    assert strip_credit("(MENAFN- Coast Times) The board voted.") == "The board voted."
    assert strip_credit("(We never settled on one.) Then came May.") == (
        "(We never settled on one.) Then came May."
    )


def test_extract_text_document() -> None:
    art = extract_text_document(SCRAPED)
    assert art.title == "Harbour board rejects plan to close the night ferry"
    assert art.published == datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
    assert art.date_source == "text"
    assert "2025" not in art.text  # the dateline stays out of the text
    assert art.text.endswith("Islanders collected 4,000 signatures against the plan in two weeks.")


def test_extract_text_document_without_date_and_with_a_long_first_line() -> None:
    first = "Officials said " + "the talks went on " * 20 + "late into the night."
    art = extract_text_document(first + "\nA second paragraph follows here.")
    assert art.published is None and art.date_source is None
    assert len(art.title) <= 201 and art.title.endswith("…")
    assert art.text.startswith(first)


def test_control_characters_never_reach_the_text() -> None:
    assert strip_boilerplate("The board met on\x07 Monday\x00 to vote.") == (
        "The board met on Monday to vote."
    )
