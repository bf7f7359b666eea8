"""Pure rules of webhooks: signatures, back-off, event types and which URLs may be targets."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from cryptography.fernet import Fernet, InvalidToken

SIGNATURE_HEADER = "Golden-Thread-Signature"
EVENT_HEADER = "Golden-Thread-Event"
DELIVERY_HEADER = "Golden-Thread-Delivery"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 300
MAX_URL_LENGTH = 2000
SECRET_PREFIX = "whsec_"  # noqa: S105 — a label, not a secret


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 of ``<timestamp>.<body>`` under the secret, in hex."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},{SIGNATURE_VERSION}={sign(secret, timestamp, body)}"


def verify(
    secret: str,
    header: str,
    body: bytes,
    now: int,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does: the header's timestamp is recent and one of its v1 signatures
    matches (compared in constant time)."""
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t" and value.isdigit():
            timestamp = int(value)
        elif name == SIGNATURE_VERSION:
            signatures.append(value)
    if timestamp is None or abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body)
    return any(hmac.compare_digest(expected, s) for s in signatures)


def backoff_seconds(attempts: int, base: float, cap: float = 3600.0, jitter: float = 0.0) -> float:
    """Delay before the next attempt after ``attempts`` failures: base, twice that, four
    times... up to the cap, stretched by up to a quarter by ``jitter`` (0 to 1) so that
    failed receivers are not all retried in step."""
    delay = min(cap, base * float(2 ** max(0, attempts - 1)))
    return delay * (1 + max(0.0, min(1.0, jitter)) * 0.25)


def event_type(entity: str, action: str) -> str:
    verb = {"create": "created", "delete": "deleted"}.get(action, "updated")
    return f"{entity}.{verb}"


def indicator_event_type(was_in_feed: bool, now_in_feed: bool) -> str | None:
    if was_in_feed and now_in_feed:
        return "indicator.updated"
    if now_in_feed:
        return "indicator.added"
    if was_in_feed:
        return "indicator.removed"
    return None


class TargetRefused(ValueError):
    """The URL may not be a webhook target."""


def address_allowed(address: str, allow_private: bool) -> bool:
    """Public addresses always; loopback and private ranges only where allowed."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_multicast or ip.is_unspecified:
        return False
    if allow_private:
        return True
    return ip.is_global


def check_url(url: str, allow_private: bool) -> str:
    """The URL if it may be a target: http or https, a host, no credentials, and (unless
    private targets are allowed) not a loopback, private or link-local address."""
    if len(url) > MAX_URL_LENGTH:
        raise TargetRefused(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused("not a valid URL") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("only http and https URLs can receive webhooks")
    host = parts.hostname
    if not host:
        raise TargetRefused("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("put no credentials in the URL; verify the signature instead")
    if port == 0:
        raise TargetRefused("the port must not be 0")
    if not allow_private:
        if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
            raise TargetRefused("loopback and internal hosts cannot receive webhooks")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            pass  # a name: its addresses are checked when each event is sent
        else:
            if not address_allowed(host, allow_private=False):
                raise TargetRefused(
                    "private, loopback and reserved addresses cannot receive webhooks"
                )
    return url


def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(b"goldenthread-webhook-secrets:" + key_material.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_secret(secret: str, key_material: str) -> str:
    return _fernet(key_material).encrypt(secret.encode()).decode()


def decrypt_secret(token: str, key_material: str) -> str | None:
    try:
        return _fernet(key_material).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
