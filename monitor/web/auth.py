"""Who may read and who may act: bearer tokens (read or write scope), a login cookie for
browsers, the refusal of cross-site writes, and the refusal to serve the network unguarded.

Rules. Bound to loopback, reading is open and actions need a write token once one exists
(`MONITOR_WEB_TOKEN` or a stored write token). Bound beyond loopback, everything but
/healthz, /login and /static needs a token, and the service does not start without one
unless told `--insecure-open` (settings.web_insecure_open).
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from urllib.parse import parse_qs

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from monitor.errors import ConfigError
from monitor.settings import Settings
from monitor.store import Database
from monitor.store.tokens import Scope, token_presence, token_scope
from monitor.web.security import is_loopback

COOKIE = "monitor_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
MAX_FORM_BYTES = 2_000_000

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="`Authorization: Bearer <token>`: MONITOR_WEB_TOKEN (write scope) or a "
    "token from `monitor tokens add --scope read|write`. Feed readers may send it as the "
    "password of HTTP Basic auth; browsers log in at /login.",
)


@dataclass(frozen=True, slots=True)
class Guard:
    """The app's access rules over its settings and the stored tokens."""

    db: Database
    web_token: str | None
    exposed: bool  # bound beyond loopback
    insecure_open: bool = False

    @classmethod
    def of(cls, settings: Settings, db: Database) -> Guard:
        exposed = not is_loopback(settings.web_host)
        return cls(db, settings.web_token or None, exposed, settings.web_insecure_open)

    def required(self, need: Scope) -> bool:
        """Whether a request needing `need` must carry a token."""
        if self.web_token:
            return need is Scope.WRITE or self.exposed
        if need is Scope.READ and not self.exposed:
            return False  # no query: pages and /metrics answer while the database is down
        stored = token_presence(self.db)
        if self.exposed:
            # No token at all: open only when the user said --insecure-open (the service
            # refuses to start otherwise; an app built without that check stays shut).
            return stored.any or not self.insecure_open
        return need is Scope.WRITE and stored.write

    def scope_of(self, candidates: list[str]) -> Scope | None:
        """The best scope among the offered tokens."""
        best: Scope | None = None
        for token in candidates:
            if not token:
                continue
            if self.web_token and hmac.compare_digest(token.encode(), self.web_token.encode()):
                return Scope.WRITE
            scope = token_scope(self.db, token)
            if scope is Scope.WRITE:
                return scope
            best = best or scope
        return best


def check_exposure(settings: Settings, db: Database) -> None:
    """Refuse to serve beyond loopback with no token at all, unless told to."""
    guard = Guard.of(settings, db)
    if not guard.exposed or settings.web_insecure_open or settings.web_token:
        return
    if token_presence(db).any:
        return
    raise ConfigError(
        f"web_host {settings.web_host} is reachable beyond this machine and no token is "
        "set: set MONITOR_WEB_TOKEN or create one (monitor tokens add --scope write), "
        "or start with --insecure-open to let anyone on the network read and act",
        key="web_host",
    )


def refuse_cross_site(request: Request) -> None:
    """A state-changing request from another site's page is refused (CSRF), token or not."""
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if request.headers.get("sec-fetch-site") == "cross-site" or (origin and origin != own):
        raise HTTPException(403, "cross-site request refused")


def _basic_password(header: str) -> str:
    if not header.lower().startswith("basic "):
        return ""
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


async def _form_token(request: Request) -> str:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return ""
    body = await request.body()  # Starlette caches it: the route reads the same bytes
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, "form too large")
    values = parse_qs(body.decode("utf-8", "replace")).get("token", [""])
    return values[-1]


async def offered_tokens(
    request: Request, credentials: HTTPAuthorizationCredentials | None
) -> list[str]:
    """Every place a token may come in: bearer, X-Monitor-Token, Basic password (feed
    readers), the login cookie, and a form's `token` field."""
    tokens = [
        credentials.credentials if credentials else "",
        request.headers.get("x-monitor-token", ""),
        _basic_password(request.headers.get("authorization", "")),
        request.cookies.get(COOKIE, ""),
    ]
    if request.method not in SAFE_METHODS:
        tokens.append(await _form_token(request))
    return [t.strip() for t in tokens if t and t.strip()]


async def authorize(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)
) -> None:
    """Route dependency: 401 without a good token where one is needed, 403 for a read
    token on an action, 403 for a cross-site action."""
    guard = request.app.state.guard
    assert isinstance(guard, Guard)
    need = Scope.READ if request.method in SAFE_METHODS else Scope.WRITE
    if need is Scope.WRITE:
        refuse_cross_site(request)
    if not guard.required(need):
        return
    scope = guard.scope_of(await offered_tokens(request, credentials))
    if scope is None:
        what = "the web token" if need is Scope.WRITE else "a token (or a login)"
        raise HTTPException(401, f"this needs {what}", {"WWW-Authenticate": "Bearer"})
    if not scope.allows(need):
        raise HTTPException(403, "this token may only read; the action needs a write token")
