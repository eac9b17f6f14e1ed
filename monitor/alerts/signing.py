"""Standard Webhooks signatures: HMAC-SHA256 over `id.timestamp.body`, base64, "v1,"."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

PREFIX = "whsec_"


def secret_key(secret: str) -> bytes:
    """The HMAC key of a secret: `whsec_<base64>` as Standard Webhooks libraries make
    them, anything else used as its UTF-8 bytes.

    >>> secret_key("whsec_c2VjcmV0"), secret_key("plain")
    (b'secret', b'plain')
    """
    if secret.startswith(PREFIX):
        try:
            return base64.b64decode(secret[len(PREFIX) :], validate=True)
        except binascii.Error as exc:
            raise ValueError("a whsec_ secret must be base64 after the prefix") from exc
    return secret.encode()


def sign(key: bytes, msg_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value.

    >>> sign(b"k", "msg_1", 1700000000, b"{}")
    'v1,LTBsW2zNVsMNlXYZbgw/T+jGxr1msQBcXoa3h1dR9wQ='
    """
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def verify(
    key: bytes,
    msg_id: str,
    timestamp: str,
    body: bytes,
    header: str,
    *,
    now: float,
    tolerance_s: float = 300.0,
) -> bool:
    """Whether any signature in `header` (space separated) matches and the timestamp is
    within `tolerance_s` of `now` (replay protection). For receivers and tests."""
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs(now - ts) > tolerance_s:
        return False
    expected = sign(key, msg_id, ts, body)
    return any(hmac.compare_digest(expected, part) for part in header.split())
