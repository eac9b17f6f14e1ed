"""docker-compose.yml, the Dockerfile, .dockerignore and requirements.lock cannot be built
here (no Docker engine); check statically that they speak our CLI and settings, ship no
demo, pin their images, install from the lock as a user of their own, and are healthy."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from typer.main import get_command

from monitor.cli import _register, app
from monitor.records import FeedKind
from monitor.settings import load_settings
from monitor.sources.definitions import load_feeds
from monitor.store.migrate import migrations_dir

REPO = Path(__file__).resolve().parents[1]


def _cli() -> Any:
    _register()
    group = get_command(app)
    # typer may bundle its own click, so check behaviour rather than class.
    assert hasattr(group, "get_command")
    return group


def _compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert isinstance(data, dict)
    return data


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), as (INSTRUCTION, rest)."""
    text = re.sub(r"\\\n", " ", (REPO / "Dockerfile").read_text())
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _final_stage() -> list[tuple[str, str]]:
    steps = _instructions()
    last_from = max(i for i, (word, _) in enumerate(steps) if word == "FROM")
    return steps[last_from:]


def test_compose_commands_and_variables_are_accepted() -> None:
    services = _compose()["services"]
    assert {"postgres", "mailpit", "monitor"} <= set(services)
    mail_ports = " ".join(services["mailpit"]["ports"])
    cli = _cli()
    ctx = type(cli).context_class(cli)
    checked = 0
    for svc in services.values():
        command = svc.get("command")
        if not command or command[0] != "monitor":
            continue
        # Every word of the command resolves to a real (sub)command of the CLI.
        node = cli
        for word in command[1:]:
            assert hasattr(node, "get_command"), f"{command}: {word} is not a subcommand"
            sub = node.get_command(ctx, word)
            assert sub is not None, f"{command}: unknown command {word}"
            node = sub
        env = {k: str(v) for k, v in (svc.get("environment") or {}).items()}
        monitor_env = {k: v for k, v in env.items() if k.startswith("MONITOR_")}
        settings = load_settings(environ=monitor_env)  # ConfigError on an unknown or bad one
        assert monitor_env["MONITOR_DATABASE_URL"].startswith("postgresql+psycopg://")
        checked += 1
        if command[1:] == ["run"]:
            # The service mails its alerts to the catcher's SMTP port.
            assert settings.alerts.smtp_host == "mailpit"
            assert str(settings.alerts.smtp_port) in mail_ports
    assert checked >= 2
    assert "8025" in mail_ports and "1025" in mail_ports


def test_the_exposed_service_demands_a_token_and_keeps_feeds_and_data_on_volumes() -> None:
    compose = _compose()
    monitor = compose["services"]["monitor"]
    env = monitor["environment"]
    assert env["MONITOR_WEB_HOST"] == "0.0.0.0"
    # `${VAR:?message}`: compose refuses to start when the token is not given.
    assert re.fullmatch(r"\$\{MONITOR_WEB_TOKEN:\?[^}]+\}", env["MONITOR_WEB_TOKEN"])
    mounts = dict(v.split(":")[::-1][:2][::-1] for v in monitor["volumes"])
    assert set(mounts.values()) >= {"/app/feeds", "/data"}
    named = set(compose["volumes"])
    for source, target in mounts.items():
        # Named volumes (filled from the image on first use), never the repo's ./feeds,
        # whose demo corpus would alert analysts about made-up news.
        assert source in named, f"{source}:{target} is not a named volume"
    assert env["MONITOR_FEEDS_DIR"] == "/app/feeds"


def test_images_are_pinned() -> None:
    images = {name: svc["image"] for name, svc in _compose()["services"].items() if "image" in svc}
    assert re.fullmatch(r"postgres:15\.\d+", images["postgres"]), images["postgres"]
    assert re.fullmatch(r"axllent/mailpit:v\d+\.\d+(\.\d+)?", images["mailpit"])
    bases = [rest.split()[0] for word, rest in _instructions() if word == "FROM"]
    assert bases and all(re.fullmatch(r"python:3\.11\.\d+-slim", b) for b in bases), bases


def test_image_runs_as_its_own_user_with_writable_volumes_and_a_health_check() -> None:
    steps = _final_stage()
    user = [rest for word, rest in steps if word == "USER"]
    assert user == ["monitor"], user
    runs = " ".join(rest for word, rest in steps if word == "RUN")
    assert re.search(r"useradd .*--uid 10001 .*monitor", runs)
    volumes = [rest for word, rest in steps if word == "VOLUME"]
    assert volumes == ['["/data", "/app/feeds"]']
    # Both volumes belong to the user (named volumes copy the image's ownership).
    assert re.search(r"chown monitor:monitor /app/feeds /data", runs)
    env = " ".join(rest for word, rest in steps if word == "ENV")
    assert "MONITOR_DATABASE_URL=sqlite:////data/monitor.db" in env
    assert "MONITOR_FEEDS_DIR=/app/feeds" in env
    copies = [rest for word, rest in steps if word == "COPY" and rest.endswith("./feeds")]
    assert copies == ["--chown=monitor:monitor feeds ./feeds"]
    health = [rest for word, rest in steps if word == "HEALTHCHECK"]
    assert len(health) == 1 and "/healthz" in health[0] and "CMD" in health[0]
    assert [rest for word, rest in steps if word == "CMD"][-1] == '["monitor", "run"]'


def test_install_is_from_the_lock_with_hashes_and_not_editable() -> None:
    runs = [rest for word, rest in _instructions() if word == "RUN"]
    pip = [r for r in runs if "pip " in r]
    assert not any(re.search(r"\s(-e|--editable)\s", f" {r} ") for r in pip), pip
    assert any("--require-hashes" in r and "-r /tmp/requirements.lock" in r for r in pip)
    # The package itself goes in as a built wheel, without pulling unpinned dependencies.
    assert any("--no-deps /tmp/wheels/" in r for r in pip)


def _locked() -> dict[str, tuple[str, int]]:
    """Package -> (version, number of hashes) from requirements.lock."""
    text = (REPO / "requirements.lock").read_text()
    out: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=\S)", text):
        m = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", block)
        if m:
            out[canonicalize_name(m[1])] = (m[2], block.count("--hash=sha256:"))
    return out


def test_lock_file_pins_every_dependency_within_its_range_with_hashes() -> None:
    locked = _locked()
    assert len(locked) >= 20
    assert all(hashes >= 1 for _, hashes in locked.values()), "every pin carries a hash"
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} missing from requirements.lock: run `make lock`"
        version = locked[name][0]
        assert req.specifier.contains(version, prereleases=True), (
            f"requirements.lock has {req.name}=={version}, outside {req.specifier}: run `make lock`"
        )
        if "binary" in req.extras:
            assert f"{name}-binary" in locked
    # Test and benchmark tools stay out of the image.
    assert not {"pytest", "mypy", "ruff", "trafilatura"} & set(locked)


def _ignored(path: str, patterns: list[str]) -> bool:
    """Docker's .dockerignore rule: the last pattern matching the path or one of its parent
    folders decides ("!" re-includes). Hand-written: no maintained package implements
    Docker's (not git's) semantics, and these few lines are all the test needs."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    verdict = False
    for raw in patterns:
        negate = raw.startswith("!")
        pattern = raw[1:] if negate else raw
        regex = fnmatch.translate(pattern).replace(".*", "[^/]*").replace("[^/]*[^/]*", ".*")
        if pattern == "**" or any(re.match(regex, p) for p in prefixes):
            verdict = not negate
    return verdict


def _context() -> list[str]:
    """The files `docker build .` sends: tracked or new files, less .dockerignore's."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs a git checkout to list the build context")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [p for p in listed if (REPO / p).is_file() and not _ignored(p, patterns)]


def test_build_context_has_what_the_dockerfile_copies_and_no_demo(tmp_path: Path) -> None:
    context = _context()
    assert "requirements.lock" in context and "pyproject.toml" in context
    assert any(p.startswith("monitor/web/templates/") for p in context)
    assert {p for p in context if p.startswith("migrations/versions/")}
    assert not [p for p in context if p.startswith(("tests/", ".venv/", "bench/", ".git/"))]
    assert not [p for p in context if p.startswith("feeds/demo")], "the demo stays out"
    for word, rest in _instructions():
        if word == "COPY" and "--from=" not in rest:
            sources = [s for s in rest.split()[:-1] if not s.startswith("--")]
            for src in sources:
                assert any(p == src or p.startswith(src + "/") for p in context), src
    # The image's feed folder is real feeds only, and they load.
    image_feeds = tmp_path / "feeds"
    for p in context:
        if p.startswith("feeds/"):
            (tmp_path / p).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / p, tmp_path / p)
    feeds = load_feeds(image_feeds)
    assert len(feeds) >= 5
    assert all(f.kind is not FeedKind.CORPUS and f.url.startswith("https://") for f in feeds)
    # ...while `make run` (the checkout's feeds/) still has the demo corpus.
    assert "demo" in {f.name for f in load_feeds(REPO / "feeds")}


def test_installed_package_finds_its_migrations(tmp_path: Path) -> None:
    # pyproject's data-files ship every migration in the wheel...
    data_files = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"
    ]
    shipped = {Path(f).name for globs in data_files.values() for g in globs for f in REPO.glob(g)}
    versions = {p.name for p in (REPO / "migrations" / "versions").glob("*.py")}
    assert versions and versions <= shipped
    assert {"env.py", "script.py.mako"} <= shipped
    # ...and the store looks there when no checkout is around.
    installed = tmp_path / "share" / "monitor" / "migrations"
    assert migrations_dir(tmp_path / "nowhere", installed) == installed
    assert migrations_dir(REPO / "migrations", installed) == REPO / "migrations"
