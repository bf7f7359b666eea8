"""Cycle templates (the performance team's) and the dated events of a year: editing,
validation, instantiating, and marking done."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.api.world import World

CALENDAR = "/api/v1/calendar"
TEMPLATES = "/api/v1/cycle/templates"


async def _template(world: World, **fields: Any) -> dict[str, Any]:
    body = {
        "title": "Commitments review",
        "category": "commitments",
        "recurrence": "months",
        "months": [9, 1],
        **fields,
    }
    response = await world.client.post(TEMPLATES, json=body, headers=world.headers("perf"))
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def test_the_performance_team_edits_templates(world: World) -> None:
    created = await _template(world, description="Twice a year", responsible_role="Chief Executive")
    assert created["rule"] == "In September, January, by the last working day"
    url = f"{TEMPLATES}/{created['id']}"
    for who in ("owner", "manager", "viewer"):
        denied = await world.client.post(
            TEMPLATES,
            json={"title": "x", "category": "risk", "recurrence": "monthly"},
            headers=world.headers(who),
        )
        assert denied.status_code == 403, who
    read = await world.client.get(url, headers=world.headers("viewer"))
    assert read.status_code == 200
    etag = read.headers["etag"]
    changed = await world.client.patch(
        url, json={"months": [10]}, headers=world.headers("perf", **{"If-Match": etag})
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["months"] == [10]
    stale = await world.client.patch(
        url, json={"title": "Again"}, headers=world.headers("perf", **{"If-Match": etag})
    )
    assert stale.status_code == 412
    listing = await world.client.get(
        f"{TEMPLATES}?category=commitments", headers=world.headers("perf")
    )
    assert [t["id"] for t in listing.json()["items"]] == [created["id"]]
    # The audit trail records template changes like any other.
    audit = await world.client.get("/api/v1/audit?limit=2", headers=world.headers("perf"))
    assert [(e["entity"], e["action"]) for e in audit.json()["items"]] == [
        ("cycle_template", "update"),
        ("cycle_template", "create"),
    ]
    deleted = await world.client.delete(url, headers=world.headers("perf"))
    assert deleted.status_code == 204
    assert (await world.client.get(url, headers=world.headers("perf"))).status_code == 404


async def test_unsound_templates_are_refused_naming_the_fields(world: World) -> None:
    headers = world.headers("perf")
    no_months = await world.client.post(
        TEMPLATES, json={"title": "x", "category": "risk", "recurrence": "months"}, headers=headers
    )
    assert no_months.status_code == 422
    assert [e["field"] for e in no_months.json()["errors"]] == ["months"]
    mixed = await world.client.post(
        TEMPLATES,
        json={
            "title": "x",
            "category": "risk",
            "recurrence": "quarterly",
            "months": [2],
            "org_unit_id": 999999,
        },
        headers=headers,
    )
    assert {e["field"] for e in mixed.json()["errors"]} == {
        "months",
        "month_of_quarter",
        "org_unit_id",
    }
    extra = await world.client.post(
        TEMPLATES,
        json={"title": "x", "category": "risk", "recurrence": "monthly", "colour": "red"},
        headers=headers,
    )
    assert extra.status_code == 422
    assert extra.json()["errors"][0] == {"field": "colour", "message": "unknown field"}
    after = await world.client.post(
        TEMPLATES,
        json={
            "title": "Data verification",
            "category": "performance_reporting",
            "recurrence": "after_period_end",
            "frequency": "quarterly",
            "working_days": 15,
        },
        headers=headers,
    )
    assert after.status_code == 201
    assert after.json()["rule"] == "15 working days after each quarterly period ends"


async def test_instantiating_a_year_is_safe_to_repeat_and_refresh_follows_the_template(
    world: World,
) -> None:
    headers = world.headers("perf")
    template = await _template(world)
    first = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=headers
    )
    assert first.json() == {"year": "2008-09", "created": 2, "updated": 0, "unchanged": 0}
    again = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=headers
    )
    assert again.json() == {"year": "2008-09", "created": 0, "updated": 0, "unchanged": 2}
    events = (await world.client.get(f"{CALENDAR}?year=2008-09", headers=headers)).json()["items"]
    september, january = (e["event"] for e in events)
    done = await world.client.patch(
        f"/api/v1/cycle/events/{september['id']}", json={"status": "done"}, headers=headers
    )
    assert done.status_code == 200
    read = await world.client.get(f"{TEMPLATES}/{template['id']}", headers=headers)
    await world.client.patch(
        f"{TEMPLATES}/{template['id']}",
        json={"title": "Commitments review (revised)", "months": [9, 2]},
        headers=world.headers("perf", **{"If-Match": read.headers["etag"]}),
    )
    kept = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=headers
    )
    # Without refresh: January stays, February is added.
    assert kept.json() == {"year": "2008-09", "created": 1, "updated": 0, "unchanged": 2}
    refreshed = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09", "refresh": True}, headers=headers
    )
    # The pending January goes; the done September keeps its old title; February was made
    # from the revised template.
    assert refreshed.json() == {"year": "2008-09", "created": 0, "updated": 1, "unchanged": 2}
    after = (await world.client.get(f"{CALENDAR}?year=2008-09", headers=headers)).json()["items"]
    assert [(e["title"], e["due_on"], e["status"]) for e in after] == [
        ("Commitments review", "2008-09-30", "done"),
        ("Commitments review (revised)", "2009-02-27", "missed"),
    ]
    assert january["id"] not in {e["event"]["id"] for e in after}
    read = await world.client.get(f"{TEMPLATES}/{template['id']}", headers=headers)
    await world.client.patch(
        f"{TEMPLATES}/{template['id']}",
        json={"title": "Commitments review (final)"},
        headers=world.headers("perf", **{"If-Match": read.headers["etag"]}),
    )
    retitled = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09", "refresh": True}, headers=headers
    )
    assert retitled.json() == {"year": "2008-09", "created": 0, "updated": 1, "unchanged": 1}
    final = (await world.client.get(f"{CALENDAR}?year=2008-09", headers=headers)).json()["items"]
    assert [e["title"] for e in final] == ["Commitments review", "Commitments review (final)"]
    unknown = await world.client.post(
        "/api/v1/cycle/instantiate",
        json={"year": "2008-09", "template_ids": [424242]},
        headers=headers,
    )
    assert unknown.status_code == 422
    in_use = await world.client.delete(f"{TEMPLATES}/{template['id']}", headers=headers)
    assert in_use.status_code == 409
    denied = await world.client.post(
        "/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=world.headers("manager")
    )
    assert denied.status_code == 403


async def test_marking_events_done_records_who_and_checks_the_unit(world: World) -> None:
    headers = world.headers("perf")
    ours = await _template(world, org_unit_id=world.directorate_id, months=[9])
    theirs = await _template(world, org_unit_id=world.other_service_id, months=[9])
    await world.client.post("/api/v1/cycle/instantiate", json={"year": "2008-09"}, headers=headers)
    events = (await world.client.get(f"{CALENDAR}?year=2008-09", headers=headers)).json()["items"]
    by_template = {e["event"]["template_id"]: e["event"] for e in events}
    our_event, their_event = by_template[ours["id"]], by_template[theirs["id"]]
    assert our_event["status"] == "missed"
    url = f"/api/v1/cycle/events/{our_event['id']}"
    viewer = await world.client.patch(url, json={"status": "done"}, headers=world.headers("viewer"))
    assert viewer.status_code == 403
    elsewhere = await world.client.patch(
        f"/api/v1/cycle/events/{their_event['id']}",
        json={"status": "done"},
        headers=world.headers("owner"),
    )
    assert elsewhere.status_code == 403
    read = await world.client.get(url, headers=world.headers("owner"))
    done = await world.client.patch(
        url,
        json={
            "status": "done",
            "note": "Reviewed at DMT",
            "links": [{"kind": "plan", "reference": "17", "label": "Waste service plan"}],
        },
        headers=world.headers("owner", **{"If-Match": read.headers["etag"]}),
    )
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "done"
    assert body["done_by_id"] == world.users["owner"]
    assert body["done_by_name"] == "owner"
    assert body["done_at"] is not None
    assert body["links"] == [{"kind": "plan", "reference": "17", "label": "Waste service plan"}]
    relinked = await world.client.patch(
        url,
        json={
            "links": [
                {"kind": "indicator_set", "reference": "NI"},
                {"kind": "plan", "reference": "17", "label": "Waste service plan 2008-09"},
            ]
        },
        headers=headers,
    )
    assert relinked.status_code == 200, relinked.text
    again = await world.client.get(url, headers=headers)
    assert sorted((link["kind"], link["label"]) for link in again.json()["links"]) == [
        ("indicator_set", ""),
        ("plan", "Waste service plan 2008-09"),
    ]
    twice = await world.client.patch(
        url, json={"links": [{"kind": "plan", "reference": "1"}] * 2}, headers=headers
    )
    assert twice.status_code == 422
    stale = await world.client.patch(
        url,
        json={"note": "x"},
        headers=world.headers("owner", **{"If-Match": read.headers["etag"]}),
    )
    assert stale.status_code == 412
    missed = await world.client.patch(url, json={"status": "missed"}, headers=headers)
    assert missed.status_code == 422
    assert missed.json()["errors"][0]["field"] == "status"
    reopened = await world.client.patch(url, json={"status": "due"}, headers=headers)
    assert reopened.json()["status"] == "missed"  # its date has passed
    assert reopened.json()["done_by_name"] is None
    next_year = date.today().replace(year=date.today().year + 1, day=1).isoformat()
    moved = await world.client.patch(url, json={"due_on": next_year}, headers=headers)
    assert moved.json()["status"] == "due"
    early = await world.client.patch(url, json={"due_on": "2008-08-01"}, headers=headers)
    assert early.status_code == 422
    assert (
        await world.client.get("/api/v1/cycle/events/424242", headers=headers)
    ).status_code == 404
