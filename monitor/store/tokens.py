"""API tokens: made once and shown once, kept only as SHA-256 hashes, looked up by hash.

A token is 256 random bits, so a fast unsalted hash is enough: salted slow hashes
(argon2, bcrypt) protect guessable passwords, and nobody guesses 2^256. The hash being
unique and indexed makes the lookup one row read per request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update

from monitor.store.db import Database
from monitor.store.models import ApiToken

PREFIX = "mon_"  # recognisable in a config file or a leaked log, for secret scanners


class Scope(StrEnum):
    READ = "read"  # every page and GET route
    WRITE = "write"  # also the actions: add a feed, import OPML, retry alerts

    def allows(self, needed: Scope) -> bool:
        return self is Scope.WRITE or needed is Scope.READ


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: int
    name: str
    scope: Scope
    created_at: datetime
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class TokenPresence:
    """Which stored tokens exist (unrevoked): whether reading or writing can be guarded."""

    any: bool
    write: bool


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(row: ApiToken) -> TokenInfo:
    return TokenInfo(row.id, row.name, Scope(row.scope), row.created_at, row.revoked_at)


def create_token(db: Database, name: str, scope: Scope, *, now: datetime) -> tuple[str, TokenInfo]:
    """A new token: the secret (to show once, never stored) and its stored description."""
    token = PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        row = ApiToken(name=name, scope=str(scope), token_hash=hash_token(token), created_at=now)
        s.add(row)
        s.flush()
        return token, _info(row)


def list_tokens(db: Database) -> list[TokenInfo]:
    with db.session() as s:
        return [_info(r) for r in s.scalars(select(ApiToken).order_by(ApiToken.id))]


def revoke_token(db: Database, token_id: int, *, now: datetime) -> bool:
    """Revoke a token by id; False when there is no such unrevoked token."""
    with db.session() as s:
        stmt = (
            update(ApiToken)
            .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return bool(s.execute(stmt).rowcount)  # type: ignore[attr-defined]


def token_scope(db: Database, token: str) -> Scope | None:
    """The scope of an unrevoked stored token, or None."""
    with db.session() as s:
        scope = s.scalar(
            select(ApiToken.scope).where(
                ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None)
            )
        )
        return Scope(scope) if scope else None


def token_presence(db: Database) -> TokenPresence:
    with db.session() as s:
        scopes = set(
            s.scalars(select(ApiToken.scope).where(ApiToken.revoked_at.is_(None)).distinct())
        )
    return TokenPresence(any=bool(scopes), write=str(Scope.WRITE) in scopes)
