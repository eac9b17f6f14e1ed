"""Standard Webhooks signatures: what we sign verifies, anything tampered does not."""

from __future__ import annotations

import base64
import hashlib
import hmac

from monitor.alerts.signing import secret_key, sign, verify

KEY = secret_key("whsec_" + base64.b64encode(b"0123456789abcdef").decode())


def test_signature_is_hmac_sha256_over_id_timestamp_body() -> None:
    body = b'{"a":1}'
    mac = hmac.new(b"0123456789abcdef", b'msg_x.1700000000.{"a":1}', hashlib.sha256).digest()
    assert sign(KEY, "msg_x", 1700000000, body) == "v1," + base64.b64encode(mac).decode()


def test_verify_accepts_ours_and_refuses_tampering_and_replays() -> None:
    body = b'{"text":"hi"}'
    sig = sign(KEY, "m1", 1700000000, body)
    assert verify(KEY, "m1", "1700000000", body, sig, now=1700000010)
    assert verify(KEY, "m1", "1700000000", body, f"v1,bogus {sig}", now=1700000010)
    assert not verify(KEY, "m1", "1700000000", body + b" ", sig, now=1700000010)
    assert not verify(KEY, "m2", "1700000000", body, sig, now=1700000010)
    assert not verify(b"other", "m1", "1700000000", body, sig, now=1700000010)
    assert not verify(KEY, "m1", "1700000000", body, sig, now=1700009999)  # too old
    assert not verify(KEY, "m1", "soon", body, sig, now=1700000010)


def test_plain_secrets_are_used_as_bytes() -> None:
    assert secret_key("s3cret") == b"s3cret"
