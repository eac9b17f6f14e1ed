"""Charset detection, title cleaning, JSON-LD reading, language tags, the pre-parse cut."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from monitor.extract.charset import decode_html
from monitor.extract.jsonld import read_linked_data
from monitor.extract.meta import normalize_language
from monitor.extract.nodes import outermost
from monitor.extract.precut import cut_unused
from monitor.extract.titles import clean_title


def test_decode_html_follows_bom_then_meta_then_utf8() -> None:
    assert decode_html(b'<meta charset="windows-1251"><p>\xcf\xf0\xe8\xe2\xe5\xf2').endswith(
        "Привет"
    )
    assert decode_html("\ufeffhé".encode()) == "hé"
    assert decode_html("\ufeffhé".encode("utf-16-le")) == "hé"
    latin = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">caf\xe9'
    assert decode_html(latin).endswith("café")
    assert decode_html(b"bad \xff byte") == "bad \ufffd byte"
    assert decode_html(b'<meta charset="no-such-codec">ok').endswith("ok")
    # The HTTP header's charset, when the caller has it, outranks the page's <meta>.
    assert decode_html(b"<meta charset=utf-8>caf\xe9", "ISO-8859-1").endswith("café")


def test_clean_title_drops_site_and_section_names() -> None:
    assert clean_title("Poland says no - The Daily Planet", ["The Daily Planet"]) == (
        "Poland says no"
    )
    assert clean_title("Poland says no | World | Planet", []) == "Poland says no"
    assert clean_title("Planet News - Poland says no", ["www.planetnews.example"]) == (
        "Poland says no"
    )
    # A colon inside a headline is part of it.
    assert clean_title("Canada: PM responds on peacekeepers", []) == (
        "Canada: PM responds on peacekeepers"
    )
    assert clean_title("Trailing separator - ", []) == "Trailing separator"


def test_json_ld_prefers_the_story_object_and_survives_broken_blocks() -> None:
    scripts = [
        "{broken",
        '{"@type": "WebPage", "name": "Page", "datePublished": "2020-01-01"}',
        '{"@graph": [{"@type": "Organization", "name": "Org"},'
        ' {"@type": ["NewsArticle"], "headline": "Story", "datePublished": "2021-02-03",'
        ' "author": [{"name": "A. Writer"}, "https://x.test/b"], "articleBody": "Body."}]}',
    ]
    data = read_linked_data(scripts)
    assert (data.headline, data.published, data.author, data.body) == (
        "Story",
        "2021-02-03",
        "A. Writer",
        "Body.",
    )
    assert read_linked_data(['[{"@type": "Person", "name": "Nobody"}]']).headline == ""


def test_normalize_language() -> None:
    assert normalize_language("en_us") == "en-US"
    assert normalize_language("PT-br") == "pt-BR"
    assert normalize_language("zh-hant-tw") == "zh-Hant-TW"


def test_cut_unused_removes_chrome_scripts_and_comments_but_not_metadata() -> None:
    page = (
        '<script>var icon = "<svg>"; var x = 1;</script><p>keep one</p>'
        "<nav><a href='/'>Home</a></nav><style>p { color: red }</style>"
        '<footer><script type="application/ld+json">{}</script></footer>'
        "<!-- <aside> --><p>keep two</p><aside>related</aside><navbar>custom</navbar>"
        "<script>document.write('<!--')</script><p>keep three</p><!--><p>keep four</p>"
    )
    out = cut_unused(page)
    assert "keep one" in out and "keep two" in out
    assert "keep three" in out and "keep four" in out  # "<!--" in code, "<!-->" are no comments
    assert "Home" not in out and "color: red" not in out and "related" not in out
    assert "var icon" not in out and "<!--" not in out
    assert '<script type="application/ld+json">{}</script>' in out  # for the metadata reader
    assert "<navbar>custom</navbar>" in out
    assert cut_unused("<nav>never closed <p>text</p>") == "<nav>never closed <p>text</p>"


def test_outermost_keeps_the_nodes_inside_no_other_in_order() -> None:
    tree = LexborHTMLParser(
        '<div id="a"><div id="b"><p id="c">x</p></div></div><p id="d">y</p><span id="e"></span>'
    )
    nodes = tree.css("#c, #b, #d, #e")  # document order: b, c, d, e
    assert [n.attributes["id"] for n in outermost(nodes)] == ["b", "d", "e"]
    assert outermost([]) == []
