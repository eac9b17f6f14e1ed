"""Access control: every route of the app answers 401 without a token and 403 to a read
token on an action when the service is exposed; tokens are stored hashed; a browser logs
in with a cookie; the service refuses to serve the network unguarded."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.routing import BaseRoute
from typer.testing import CliRunner

from monitor.cli import _register, app
from monitor.errors import ConfigError
from monitor.settings import Settings
from monitor.store.models import ApiToken
from monitor.store.tokens import Scope, create_token, token_scope
from monitor.web import create_app
from monitor.web.auth import check_exposure
from monitor.web.login import safe_next
from tests.web.archive import NOW, Archive
from tests.web.conftest import client_for

WRITE = "w-s3cret-token"
# Routes open to anyone, by design: probes, the login form itself, the API's schema.
PUBLIC = {"/healthz", "/login", "/logout", "/api/openapi.json"}


def _expose(fresh: Archive, **settings: object) -> Archive:
    update = {"web_host": "0.0.0.0", **settings}
    fresh.rt = replace(fresh.rt, settings=fresh.rt.settings.model_copy(update=update))
    return fresh


@pytest.fixture
def exposed(fresh: Archive) -> Archive:
    return _expose(fresh, web_token=WRITE)


@pytest.fixture
def read_token(fresh: Archive) -> str:
    return create_token(fresh.rt.db, "reader", Scope.READ, now=NOW)[0]


def _flatten(routes: Sequence[BaseRoute]) -> Iterator[BaseRoute]:
    # FastAPI 0.16x keeps an included router as one entry of app.routes (its
    # `original_router` holds the routes); older releases copied the routes in.
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _flatten(inner.routes)
        else:
            yield route


def _routes(archive: Archive) -> Iterator[tuple[str, str, str]]:
    """(method, template, concrete path) of every route of the app, as app.routes has them:
    a route added later is checked without anyone listing it here."""
    values = {
        "actor": "FI",
        "ref": archive.ids["01-oslo-offers-engineers.txt"],
        "alert_id": "1",
    }
    for route in _flatten(create_app(archive.rt).routes):
        methods = getattr(route, "methods", None)
        if not methods:
            continue  # the /static mount: stylesheets for the login page, no data
        path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: values[m[1]], route.path)  # type: ignore[attr-defined]
        for method in sorted(methods - {"HEAD"}):
            yield method, route.path, path  # type: ignore[attr-defined]


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_every_route_needs_a_token_and_actions_a_write_token(
    exposed: Archive, read_token: str
) -> None:
    routes = list(_routes(exposed))
    assert len(routes) >= 25
    public = set()
    async with client_for(exposed.rt) as c:
        for method, template, path in routes:
            bare = await c.request(method, path)
            if template in PUBLIC:
                # Not behind the guard (a failed login is a 401 of the login form's own).
                public.add(template)
                assert bare.status_code != 403 and "www-authenticate" not in bare.headers
                continue
            assert bare.status_code == 401, (method, path, bare.status_code)
            assert bare.headers["www-authenticate"] == "Bearer"
            wrong = await c.request(method, path, headers=_auth("mon_not-a-token"))
            assert wrong.status_code == 401, (method, path)
            as_reader = await c.request(method, path, headers=_auth(read_token))
            as_writer = await c.request(method, path, headers=_auth(WRITE))
            assert as_writer.status_code not in (401, 403), (method, path, as_writer.text)
            if method == "GET":
                assert as_reader.status_code == as_writer.status_code, (method, path)
            else:
                assert as_reader.status_code == 403, (method, path, as_reader.status_code)
                assert "only read" in as_reader.text
    assert public == PUBLIC  # each public route exists, and no other is public
    assert {m for m, _, _ in routes} == {"GET", "POST"}


async def test_on_loopback_reading_is_open_and_actions_need_a_write_token(
    fresh: Archive, read_token: str
) -> None:
    # A stored write token guards the actions even without MONITOR_WEB_TOKEN.
    writer = create_token(fresh.rt.db, "writer", Scope.WRITE, now=NOW)[0]
    async with client_for(fresh.rt) as c:
        for method, template, path in _routes(fresh):
            bare = await c.request(method, path)
            if method == "GET" or template in PUBLIC:
                assert "www-authenticate" not in bare.headers, (method, path)
                continue
            assert bare.status_code == 401, (method, path)
            reader = await c.request(method, path, headers={"X-Monitor-Token": read_token})
            assert reader.status_code == 403, (method, path)
            ok = await c.request(method, path, headers={"X-Monitor-Token": writer})
            assert ok.status_code not in (401, 403), (method, path)


async def test_openapi_declares_the_bearer_scheme_on_every_guarded_operation(
    exposed: Archive,
) -> None:
    async with client_for(exposed.rt) as c:
        schema = (await c.get("/api/openapi.json")).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["token"]["type"] == "http" and schemes["token"]["scheme"] == "bearer"
    operations = [
        (path, method, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    assert len(operations) >= 15
    for path, method, op in operations:
        if path == "/healthz":
            assert "security" not in op
        else:
            assert op.get("security") == [{"token": []}], (method, path)


def test_cli_prints_a_token_once_and_stores_only_its_hash(
    fresh: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(fresh.rt.db.engine.url)
    monkeypatch.chdir(tmp_path)
    _register()
    runner = CliRunner()
    env = {"MONITOR_DATABASE_URL": url}
    made = runner.invoke(app, ["tokens", "add", "--scope", "read", "--name", "feeds"], env=env)
    assert made.exit_code == 0, made.output
    token = made.output.strip().splitlines()[-1]
    assert re.fullmatch(r"mon_[A-Za-z0-9_-]{43}", token)
    with fresh.rt.db.session() as s:
        rows = list(s.scalars(select(ApiToken)))
    assert [(r.name, r.scope) for r in rows] == [("feeds", "read")]
    assert rows[0].token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token_scope(fresh.rt.db, token) is Scope.READ
    listed = runner.invoke(app, ["tokens", "list"], env=env)
    assert "feeds" in listed.output and "active" in listed.output and token not in listed.output
    revoked = runner.invoke(app, ["tokens", "revoke", str(rows[0].id)], env=env)
    assert revoked.exit_code == 0 and token_scope(fresh.rt.db, token) is None
    again = runner.invoke(app, ["tokens", "revoke", str(rows[0].id)], env=env)
    assert again.exit_code == 2 and "no active token" in again.output
    bad = runner.invoke(app, ["tokens", "add", "--scope", "admin"], env=env)
    assert bad.exit_code == 2


def test_refuses_to_serve_the_network_without_a_token(fresh: Archive) -> None:
    db = fresh.rt.db
    for host in ("0.0.0.0", "::", "192.0.2.10"):
        with pytest.raises(ConfigError, match="--insecure-open"):
            check_exposure(Settings(web_host=host), db)
        check_exposure(Settings(web_host=host, web_insecure_open=True), db)
        check_exposure(Settings(web_host=host, web_token="t"), db)
    check_exposure(Settings(web_host="127.0.0.1"), db)
    check_exposure(Settings(web_host="::1"), db)
    create_token(db, "r", Scope.READ, now=NOW)
    check_exposure(Settings(web_host="0.0.0.0"), db)  # a stored token guards it


def test_cli_serve_refuses_then_opens_only_when_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feeds").mkdir()
    _register()
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    for command in (["serve", "--host", "0.0.0.0", "--port", "1"], ["run"]):
        extra = {"MONITOR_WEB_HOST": "0.0.0.0"} if command == ["run"] else {}
        result = CliRunner().invoke(app, command, env={**env, **extra})
        assert result.exit_code == 2, result.output
        assert "--insecure-open" in result.output and "MONITOR_WEB_TOKEN" in result.output


async def test_insecure_open_serves_everyone_and_unchecked_apps_stay_shut(
    fresh: Archive,
) -> None:
    open_app = _expose(fresh, web_insecure_open=True)
    async with client_for(open_app.rt) as c:
        assert (await c.get("/board")).status_code == 200
        assert (await c.post("/api/alerts/retry-dead")).status_code == 200
    shut = _expose(fresh, web_insecure_open=False)
    async with client_for(shut.rt) as c:
        assert (await c.get("/board")).status_code == 401
        assert (await c.get("/healthz")).status_code in (200, 503)


async def test_browser_logs_in_with_a_cookie_and_out_again(
    exposed: Archive, read_token: str
) -> None:
    async with client_for(exposed.rt) as c:
        door = await c.get("/alerts?state=dead")
        assert door.status_code == 401
        assert 'action="/login"' in door.text and 'value="/alerts?state=dead"' in door.text
        bad = await c.post("/login", data={"token": "nope", "next": "/alerts"})
        assert bad.status_code == 401 and "not valid" in bad.text
        assert "monitor_token" not in c.cookies
        r = await c.post("/login", data={"token": read_token, "next": "/alerts?state=dead"})
        assert r.status_code == 303 and r.headers["location"] == "/alerts?state=dead"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        assert (await c.get("/alerts?state=dead")).status_code == 200
        assert "Log out" in (await c.get("/board")).text
        # A read login cannot act, and another site's page cannot log anyone in or out.
        assert (await c.post("/api/alerts/retry-dead")).status_code == 403
        evil = {"Origin": "https://evil.example"}
        assert (await c.post("/login", data={"token": WRITE}, headers=evil)).status_code == 403
        out = await c.post("/logout")
        assert out.status_code == 303
        c.cookies.clear()  # httpx keeps an expired cookie's jar entry only until cleared
        assert (await c.get("/board")).status_code == 401
        # A write login acts through the forms without typing the token again.
        await c.post("/login", data={"token": WRITE})
        done = await c.post("/alerts/retry-dead")
        assert done.status_code == 200 and "dead deliveries queued again" in done.text
    assert safe_next("//evil.example/x") == "/" and safe_next("https://e.x/") == "/"
    assert safe_next("/countries/FI") == "/countries/FI"


async def test_feed_readers_send_the_token_as_a_basic_password(
    exposed: Archive, read_token: str
) -> None:
    basic = base64.b64encode(f"analyst:{read_token}".encode()).decode()
    async with client_for(exposed.rt) as c:
        feed = await c.get("/changes.atom", headers={"Authorization": f"Basic {basic}"})
        assert feed.status_code == 200 and feed.text.startswith("<?xml")
        wrong = base64.b64encode(b"analyst:guess").decode()
        denied = await c.get("/changes.atom", headers={"Authorization": f"Basic {wrong}"})
        assert denied.status_code == 401


async def test_the_web_token_reads_and_writes_beyond_loopback(exposed: Archive) -> None:
    async with client_for(exposed.rt) as c:
        assert (await c.get("/api/stances", headers=_auth(WRITE))).status_code == 200
        r = await c.post("/api/alerts/retry-dead", headers={"X-Monitor-Token": WRITE})
        assert r.status_code == 200 and r.json()["count"] == 1
