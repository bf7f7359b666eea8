"""Pure rules of partner clients: scopes, identifiers, secrets and HTTP Basic credentials."""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Iterable
from urllib.parse import unquote_plus

SCOPES: dict[str, str] = {
    "laa:read": "read the LAA feed and the indicators shared with partners",
    "indicators:read": "read the indicators shared with partners, their targets and outturns",
    "outturns:write": "record outturns of the indicators the client's organisation leads",
}
CLIENT_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,79}$"
_CLIENT_ID = re.compile(CLIENT_ID_PATTERN)
SECRET_PREFIX = "gts_"  # noqa: S105 — a label that makes leaked secrets easy to scan for


class ScopeError(ValueError):
    """The requested scopes name something unknown or not granted to the client."""


def parse_scope(text: str | None) -> list[str]:
    """The scope parameter of RFC 6749 §3.3: names separated by spaces."""
    return [] if text is None else [part for part in text.split(" ") if part]


def narrow_scopes(granted: Iterable[str], requested: str | None) -> frozenset[str]:
    """The scopes a token carries: all granted when none is asked for, else exactly those
    asked for, each of which must be granted (a token can be narrowed, never widened)."""
    have = frozenset(granted)
    asked = parse_scope(requested)
    if not asked:
        return have
    refused = sorted({s for s in asked if s not in have})
    if refused:
        raise ScopeError(f"not granted to this client: {', '.join(refused)}")
    return frozenset(asked)


def unknown_scopes(scopes: Iterable[str]) -> list[str]:
    return sorted({s for s in scopes if s not in SCOPES})


def valid_client_id(client_id: str) -> bool:
    return _CLIENT_ID.fullmatch(client_id) is not None


def new_client_id(name: str) -> str:
    """A readable identifier from the client's name, made unique by a random tail."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "client"
    if not slug[0].isalnum():
        slug = "client-" + slug
    return f"{slug}-{secrets.token_hex(3)}"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def parse_basic_credentials(header: str) -> tuple[str, str] | None:
    """client_id and secret from an ``Authorization: Basic`` header (RFC 6749 §2.3.1: each
    form-urlencoded, then joined by a colon and base64-encoded); None if not Basic."""
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("the Basic credentials are not valid base64") from exc
    client_id, colon, secret = decoded.partition(":")
    if not colon:
        raise ValueError("the Basic credentials need client_id:client_secret")
    return unquote_plus(client_id), unquote_plus(secret)
