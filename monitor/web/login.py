"""Browser login: a token typed once into a form becomes an HttpOnly, SameSite=Strict
cookie, so pages beyond loopback can be read without a bearer header."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from monitor.web.auth import COOKIE, MAX_FORM_BYTES, Guard, refuse_cross_site
from monitor.web.context import Ctx
from monitor.web.pages import render

router = APIRouter(include_in_schema=False)

COOKIE_DAYS = 30


def safe_next(value: str | None) -> str:
    """Only a path on this site ("/alerts?state=dead"), never "//evil.example" or a URL."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(ctx: Ctx, request: Request, next: str = "/") -> HTMLResponse:
    return render(ctx, request, "login.html", None, api_url=None, next=safe_next(next))


@router.post("/login", response_class=HTMLResponse)
async def login(ctx: Ctx, request: Request) -> Response:
    refuse_cross_site(request)
    body = await request.body()
    form = parse_qs(body[:MAX_FORM_BYTES].decode("utf-8", "replace"))
    token = (form.get("token") or [""])[-1].strip()
    target = safe_next((form.get("next") or ["/"])[-1])
    guard = request.app.state.guard
    assert isinstance(guard, Guard)
    if not token or guard.scope_of([token]) is None:
        return render(
            ctx,
            request,
            "login.html",
            None,
            api_url=None,
            status=401,
            error="that token is not valid (or was revoked)",
            next=target,
        )
    # The cookie holds the token itself: it is random and long, HttpOnly keeps scripts
    # from reading it, and SameSite=Strict keeps other sites' requests from carrying it.
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    refuse_cross_site(request)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
