"""Feed definition files: the shipped ones load; bad ones fail naming the key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.records import FeedKind
from monitor.sources.definitions import IntervalLimits, load_feeds, parse_interval

REPO = Path(__file__).resolve().parents[2]


def test_shipped_feeds_load_and_include_the_demo_corpus() -> None:
    feeds = load_feeds(REPO / "feeds")
    by_name = {f.name: f for f in feeds}
    demo = by_name["demo"]
    assert demo.kind is FeedKind.CORPUS
    assert Path(demo.url).is_dir() and any(Path(demo.url).glob("*.txt"))
    real = [f for f in feeds if f.kind is not FeedKind.CORPUS]
    assert len(real) >= 5
    assert all(f.url.startswith("https://") and f.interval_s >= 60 for f in real)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('name = "x"\nurl = "https://a.test/"\nkind = "rss"\ncolour = "red"\n', "colour"),
        ('name = "x"\nurl = "https://a.test/"\nkind = "gopher"\n', "kind"),
        ('name = "x"\nurl = "ftp://a.test/"\nkind = "rss"\n', "url"),
        ('name = "x"\nurl = "https://a.test/"\nkind = "rss"\ninterval = "soon"\n', "interval"),
        ('name = "x"\nurl = "https://a.test/"\nkind = "rss"\ninterval = 5\n', "interval"),
        ('name = "x"\nurl = "https://a.test/"\nkind = "rss"\ntags = "a"\n', "tags"),
        ('name = "X Y"\nurl = "https://a.test/"\nkind = "rss"\n', "name"),
        ('url = "https://a.test/"\nkind = "rss"\n', "name"),
        ('name = "x"\nurl = "https://a.test/"\nkind = "rss"\nallow_hosts = "h"\n', "allow_hosts"),
        (
            'name = "x"\nurl = "https://a.test/"\nkind = "rss"\nallow_hosts = ["h:99999"]\n',
            "allow_hosts",
        ),
        (
            'name = "x"\nurl = "https://a.test/"\nkind = "rss"\nallow_hosts = ["a b"]\n',
            "allow_hosts",
        ),
    ],
)
def test_bad_feed_files_name_the_key_and_the_file(tmp_path: Path, text: str, key: str) -> None:
    (tmp_path / "bad.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_feeds(tmp_path)
    assert info.value.key == key
    assert "bad.toml" in str(info.value)


def test_duplicate_names_and_broken_toml_fail(tmp_path: Path) -> None:
    body = 'name = "same"\nurl = "https://a.test/"\nkind = "rss"\n'
    (tmp_path / "a.toml").write_text(body)
    (tmp_path / "b.toml").write_text(body)
    with pytest.raises(ConfigError, match="duplicate"):
        load_feeds(tmp_path)
    (tmp_path / "b.toml").write_text("name = ")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_feeds(tmp_path)


def test_intervals() -> None:
    assert parse_interval("45m") == 2700
    assert parse_interval("1d") == 86400
    assert parse_interval(600) == 600


def test_allow_hosts_are_kept_as_written(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        'name = "x"\nurl = "https://a.test/"\nkind = "rss"\n'
        'allow_hosts = ["intranet.example:8443", "127.0.0.1:18080", "10.1.2.0/24"]\n'
    )
    (feed,) = load_feeds(tmp_path)
    assert feed.allow_hosts == ("intranet.example:8443", "127.0.0.1:18080", "10.1.2.0/24")
    assert feed.allow_private is False


def test_the_minimum_interval_depends_on_where_the_feed_is(tmp_path: Path) -> None:
    local = 'name = "local"\nurl = "http://127.0.0.1:8000/f.xml"\nkind = "rss"\n'
    (tmp_path / "local.toml").write_text(local + 'interval = "1s"\nallow_private = true\n')
    assert load_feeds(tmp_path)[0].interval_s == 1
    (tmp_path / "web.toml").write_text(
        'name = "web"\nurl = "https://a.test/f.xml"\nkind = "rss"\ninterval = "30s"\n'
    )
    with pytest.raises(ConfigError, match="at least 60s") as info:
        load_feeds(tmp_path)
    assert info.value.key == "interval"
    assert {f.name for f in load_feeds(tmp_path, IntervalLimits(30))} == {"local", "web"}
    with pytest.raises(ConfigError, match="at least 5s"):
        load_feeds(tmp_path, IntervalLimits(30, 5))
