"""Sign-in, the caller's identity, and every way a token can be wrong."""

from __future__ import annotations

import base64
import json
import time

from jose import jwt

from tests.api.world import PASSWORD, World
from tests.conftest import TEST_SECRET


async def sign_in(world: World, username: str, password: str) -> tuple[int, dict[str, object]]:
    response = await world.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": username, "password": password},
    )
    return response.status_code, response.json()


async def test_password_sign_in_gives_a_bearer_token_that_says_who_i_am(world: World) -> None:
    status, body = await sign_in(world, "Owner", PASSWORD)  # usernames are case-insensitive
    assert status == 200
    assert body["token_type"] == "bearer" and body["expires_in"] == 3600
    me = await world.client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["kind"] == "user"
    assert me.json()["username"] == "owner"
    assert me.json()["role"] == "contributor"
    assert me.json()["organisation_id"] == world.council_id
    claims = jwt.get_unverified_claims(str(body["access_token"]))
    assert claims["iss"] == "goldenthread" and claims["aud"] == "goldenthread-api"
    assert claims["kind"] == "user" and claims["sub"] == f"user:{world.users['owner']}"


async def test_wrong_password_and_unknown_user_get_the_same_401(world: World) -> None:
    wrong = await sign_in(world, "owner", "not the password")
    unknown = await sign_in(world, "nobody", PASSWORD)
    assert wrong[0] == unknown[0] == 401
    assert wrong[1]["detail"] == unknown[1]["detail"]
    assert wrong[1]["error"] == "invalid_grant"


async def test_unsupported_grant_type_is_a_clear_400(world: World) -> None:
    response = await world.client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_token_endpoint_refuses_json_bodies_with_415(world: World) -> None:
    response = await world.client.post("/api/v1/auth/token", json={"grant_type": "password"})
    assert response.status_code == 415


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(world: World, **overrides: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": "goldenthread",
        "aud": "goldenthread-api",
        "sub": f"user:{world.users['admin']}",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "kind": "user",
        "role": "admin",
        "org": world.council_id,
        "name": "Admin",
        "scopes": [],
    }
    claims.update(overrides)
    return claims


async def _me_status(world: World, token: str) -> int:
    response = await world.client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}
    )
    if response.status_code == 401:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Traceback" not in response.text
    return response.status_code


async def test_a_well_formed_token_signed_with_our_secret_is_accepted(world: World) -> None:
    token = jwt.encode(_claims(world), TEST_SECRET, algorithm="HS256")
    assert await _me_status(world, token) == 200


async def test_forged_expired_and_unsigned_tokens_get_401(world: World) -> None:
    forged = jwt.encode(_claims(world), "some-other-secret-of-sufficient-length!!", "HS256")
    expired = jwt.encode(_claims(world, exp=int(time.time()) - 10), TEST_SECRET, "HS256")
    wrong_audience = jwt.encode(_claims(world, aud="someone-else"), TEST_SECRET, "HS256")
    wrong_issuer = jwt.encode(_claims(world, iss="someone-else"), TEST_SECRET, "HS256")
    other_alg = jwt.encode(_claims(world), TEST_SECRET, algorithm="HS512")
    alg_none = _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(_claims(world)) + "."
    no_expiry_claims = _claims(world)
    del no_expiry_claims["exp"]
    no_expiry = jwt.encode(no_expiry_claims, TEST_SECRET, "HS256")
    for token in (
        forged,
        expired,
        wrong_audience,
        wrong_issuer,
        other_alg,
        alg_none,
        no_expiry,
        "not-a-token",
        "",
    ):
        assert await _me_status(world, token) == 401, token


async def test_no_token_gets_401_with_a_bearer_challenge(world: World) -> None:
    response = await world.client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
