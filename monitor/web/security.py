"""Response headers (CSP without inline code), host checks, and the write-action guard."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No inline script or style anywhere: CSS is a static file and pages carry no JavaScript.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


class SecurityHeaders:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def is_loopback(host: str) -> bool:
    """Whether the bind address only accepts local connections.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts(bind_host: str) -> list[str]:
    """Host headers to accept when bound to loopback: a DNS-rebinding page cannot pass."""
    return sorted({*LOOPBACK_NAMES, bind_host.strip("[]"), bind_host})


def check_write(request: Request, token: str | None, supplied: str | None = None) -> None:
    """Refuse a state-changing request that comes from another site or lacks the token.

    The token may come as `Authorization: Bearer <token>`, an `X-Monitor-Token` header or
    (for the HTML forms) a `token` form field passed in as `supplied`.
    """
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    if request.headers.get("sec-fetch-site") == "cross-site" or (origin and origin != own):
        raise HTTPException(403, "cross-site request refused")
    if not token:
        return
    auth = request.headers.get("authorization", "")
    candidates = [
        auth[7:].strip() if auth.lower().startswith("bearer ") else "",
        request.headers.get("x-monitor-token", ""),
        supplied or "",
    ]
    if not any(c and hmac.compare_digest(c.encode(), token.encode()) for c in candidates):
        raise HTTPException(401, "this action needs the web token", {"WWW-Authenticate": "Bearer"})
