"""Pure rules of the partner API: scopes, Basic credentials, feed membership, sync times,
ETags, content negotiation, CSV safety, webhook signatures, back-off and target URLs."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta, timezone

import pytest

from goldenthread.clients import rules as clients
from goldenthread.feeds import rules as feeds
from goldenthread.webhooks import rules as hooks


def test_scopes_narrow_but_never_widen() -> None:
    granted = ["laa:read", "outturns:write"]
    assert clients.narrow_scopes(granted, None) == frozenset(granted)
    assert clients.narrow_scopes(granted, "") == frozenset(granted)
    assert clients.narrow_scopes(granted, "  laa:read  ") == {"laa:read"}
    with pytest.raises(clients.ScopeError, match="indicators:read"):
        clients.narrow_scopes(granted, "laa:read indicators:read")
    with pytest.raises(clients.ScopeError):
        clients.narrow_scopes([], "laa:read")
    assert clients.unknown_scopes(["laa:read", "root", "admin"]) == ["admin", "root"]


def test_client_ids_and_secrets() -> None:
    made = clients.new_client_id("Wyvern Health & Care NHS Trust")
    assert made.startswith("wyvern-health-care-nhs-trust-")
    assert clients.valid_client_id(made)
    assert clients.valid_client_id(clients.new_client_id("!!!"))
    for bad in ("ab", "UPPER-case", "-leading", "has space", "x" * 81):
        assert not clients.valid_client_id(bad), bad
    first, second = clients.new_secret(), clients.new_secret()
    assert first != second and first.startswith("gts_") and len(first) >= 40


def _basic(raw: str) -> str:
    return "Basic " + base64.b64encode(raw.encode()).decode()


def test_basic_credentials_are_form_decoded() -> None:
    assert clients.parse_basic_credentials(_basic("partner-demo:s3cret")) == (
        "partner-demo",
        "s3cret",
    )
    assert clients.parse_basic_credentials(_basic("a%3Ab:c%2Bd+e")) == ("a:b", "c+d e")
    assert clients.parse_basic_credentials(_basic("id:with:colons")) == ("id", "with:colons")
    assert clients.parse_basic_credentials("Bearer abc") is None
    for bad in ("Basic ###", _basic("no-colon")):
        with pytest.raises(ValueError, match="Basic"):
            clients.parse_basic_credentials(bad)


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        ({"sets": ["LAA"], "shared_with_partners": False, "lifecycle": "active"}, True),
        ({"sets": ["NI"], "shared_with_partners": True, "lifecycle": "active"}, True),
        ({"sets": ["NI", "LOCAL"], "shared_with_partners": False, "lifecycle": "active"}, False),
        ({"sets": ["LAA"], "shared_with_partners": True, "lifecycle": "retired"}, False),
        ({"sets": ["LAA_DESIGNATED"], "shared_with_partners": False}, False),
        (None, False),
        ({}, False),
    ],
)
def test_feed_membership(snapshot: dict[str, object] | None, expected: bool) -> None:
    assert feeds.in_feed(snapshot) is expected


def test_sync_instants_round_trip_and_need_a_zone() -> None:
    moment = datetime(2026, 11, 25, 9, 30, 0, 123456, tzinfo=UTC)
    text = feeds.format_instant(moment)
    assert text == "2026-11-25T09:30:00.123456Z"
    assert feeds.parse_since(text) == moment
    assert feeds.parse_since("2026-11-25T10:30:00.123456 01:00") == moment  # '+' as space
    assert feeds.parse_since("2026-11-25T10:30:00.123456+01:00") == moment
    east = datetime(2026, 11, 25, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    assert feeds.format_instant(east) == "2026-11-25T09:00:00.000000Z"
    for bad in ("yesterday", "2026-11-25T09:30:00", "", "2026-13-01T00:00:00Z"):
        with pytest.raises(ValueError, match=r"\S"):
            feeds.parse_since(bad)


def test_feed_etags_are_weak_and_follow_state_not_since() -> None:
    tag = feeds.feed_etag(7, "client:laa:read", None, "json", 100, None)
    assert tag.startswith('W/"laa-') and tag.endswith('"')
    assert tag == feeds.feed_etag(7, "client:laa:read", None, "json", 100, None)
    for other in (
        feeds.feed_etag(8, "client:laa:read", None, "json", 100, None),
        feeds.feed_etag(7, "staff", None, "json", 100, None),
        feeds.feed_etag(7, "client:laa:read", "2008-09", "json", 100, None),
        feeds.feed_etag(7, "client:laa:read", None, "csv", 100, None),
        feeds.feed_etag(7, "client:laa:read", None, "json", 100, "abc"),
    ):
        assert other != tag
    strong = tag.removeprefix("W/")
    assert feeds.etag_matches(tag, tag)
    assert feeds.etag_matches(strong, tag)
    assert feeds.etag_matches(f'"other", {tag}', tag)
    assert feeds.etag_matches("*", tag)
    assert not feeds.etag_matches('"other"', tag)
    assert not feeds.etag_matches(None, tag)


@pytest.mark.parametrize(
    ("accept", "csv"),
    [
        (None, False),
        ("*/*", False),
        ("application/json", False),
        ("text/csv", True),
        ("Text/CSV; charset=utf-8", True),
        ("text/csv;q=0.5, application/json", False),
        ("application/json;q=0.2, text/csv", True),
        ("text/csv;q=0", False),
        ("text/csv;q=nonsense", False),
    ],
)
def test_csv_is_chosen_only_when_preferred(accept: str | None, csv: bool) -> None:
    assert feeds.prefers_csv(accept) is csv


def test_csv_cells_never_start_a_formula() -> None:
    for risky in ("=1+1", "+44 1234", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert feeds.safe_csv_text(risky) == "'" + risky
    assert feeds.safe_csv_text("Recycling 45%") == "Recycling 45%"


def test_signatures_verify_only_the_same_body_secret_and_a_recent_time() -> None:
    body = b'{"type":"outturn.updated"}'
    header = hooks.signature_header("whsec_x", 1_000_000, body)
    assert header.startswith("t=1000000,v1=") and len(header.split("v1=")[1]) == 64
    assert hooks.verify("whsec_x", header, body, now=1_000_000)
    assert hooks.verify("whsec_x", header, body, now=1_000_300)
    assert not hooks.verify("whsec_x", header, body, now=1_000_301)
    assert not hooks.verify("whsec_x", header, body, now=999_699)
    assert not hooks.verify("whsec_y", header, body, now=1_000_000)
    assert not hooks.verify("whsec_x", header, body[:-1], now=1_000_000)
    assert not hooks.verify("whsec_x", "v1=" + "0" * 64, body, now=1_000_000)
    assert not hooks.verify("whsec_x", "t=abc," + header.split(",")[1], body, now=1_000_000)
    assert hooks.sign("k", 1, b"b") == hooks.sign("k", 1, b"b") != hooks.sign("k", 2, b"b")


def test_back_off_doubles_to_a_cap_with_bounded_jitter() -> None:
    assert [hooks.backoff_seconds(n, 10) for n in range(1, 6)] == [10, 20, 40, 80, 160]
    assert hooks.backoff_seconds(20, 10) == 3600
    assert hooks.backoff_seconds(1, 10, jitter=1.0) == 12.5
    assert hooks.backoff_seconds(1, 10, jitter=7.0) == 12.5
    assert hooks.backoff_seconds(0, 10) == 10


def test_event_types() -> None:
    assert hooks.event_type("outturn", "create") == "outturn.created"
    assert hooks.event_type("outturn", "verify") == "outturn.updated"
    assert hooks.event_type("target", "delete") == "target.deleted"
    assert hooks.indicator_event_type(True, True) == "indicator.updated"
    assert hooks.indicator_event_type(False, True) == "indicator.added"
    assert hooks.indicator_event_type(True, False) == "indicator.removed"
    assert hooks.indicator_event_type(False, False) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.5/hook",
        "http://172.16.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "https://intranet.internal/hook",
    ],
)
def test_private_targets_are_refused_in_production(url: str) -> None:
    with pytest.raises(hooks.TargetRefused):
        hooks.check_url(url, allow_private=False)


def test_target_urls() -> None:
    assert hooks.check_url("https://partner.example/hook", allow_private=False)
    assert hooks.check_url("https://93.184.216.34/hook", allow_private=False)
    assert hooks.check_url("http://127.0.0.1:9000/hook", allow_private=True)
    for bad in (
        "ftp://partner.example/x",
        "https://user:pw@partner.example/x",
        "https:///no-host",
        "javascript:alert(1)",
        "https://partner.example:0/x",
        "https://partner.example:99999/x",
        "https://partner.example/" + "x" * 2001,
    ):
        with pytest.raises(hooks.TargetRefused):
            hooks.check_url(bad, allow_private=True)
    assert hooks.address_allowed("8.8.8.8", allow_private=False)
    assert not hooks.address_allowed("224.0.0.1", allow_private=True)
    assert not hooks.address_allowed("not-an-ip", allow_private=True)


def test_webhook_secrets_are_encrypted_under_the_service_key() -> None:
    stored = hooks.encrypt_secret("whsec_abc", "service-key-1")
    assert "whsec_abc" not in stored
    assert hooks.decrypt_secret(stored, "service-key-1") == "whsec_abc"
    assert hooks.decrypt_secret(stored, "service-key-2") is None
    assert hooks.new_secret() != hooks.new_secret()
