"""Bulk imports of outturns: every fault named by row and column, all or nothing, idempotent."""

from __future__ import annotations

import json
from typing import Any

from tests.api.importing import (
    audit_count,
    csv_text,
    errors_by_row,
    send,
    stored_outturns,
)
from tests.api.world import World

HEADER = "indicator_code,period,value,numerator,denominator,commentary,status"


async def _register(world: World) -> dict[str, int]:
    """Four quarterly or annual indicators of different shapes, owned by 'owner' or 'other'."""
    specs: list[dict[str, Any]] = [
        {"code": "NI 192", "unit": "percent", "aggregation": "last"},
        {"code": "BV 82a", "unit": "count", "aggregation": "sum", "polarity": "lower_is_better"},
        {"code": "NI 195", "unit": "percent", "aggregation": "ratio"},
        {
            "code": "LPI 7",
            "unit": "yes_no",
            "aggregation": "last",
            "frequency": "annual",
            "owner_id": world.users["other"],
            "deputy_id": None,
        },
    ]
    ids = {}
    for spec in specs:
        created = await world.create_indicator(**spec)
        ids[spec["code"]] = created["id"]
    return ids


async def test_a_csv_file_imports_and_the_same_file_again_changes_nothing(world: World) -> None:
    ids = await _register(world)
    # BOM, semicolons, CRLF, a quoted commentary holding the separator, a quote and a line
    # break, header names in another case, and the columns in another order.
    body = (
        "\ufeffPeriod;Indicator Code;VALUE;Commentary;numerator;denominator\r\n"
        '2008-09-Q1;NI 192;45.5;"Up; ""well"" ahead\r\nof plan";;\r\n'
        "2008-09-Q2;NI 192;46;;;\r\n"
        "2008-09-Q1;NI 195;;;1;3\r\n"
        "\r\n"
        "2008-09;LPI 7;1;;;\r\n"
    )
    first = await send(world, "outturns", body)
    assert first.status_code == 200, first.text
    summary = first.json()
    assert {k: summary[k] for k in ("rows_read", "created", "updated", "unchanged")} == {
        "rows_read": 4,
        "created": 4,
        "updated": 0,
        "unchanged": 0,
    }
    assert summary["written"] is True and summary["errors"] == []
    stored = await stored_outturns(world)
    assert str(stored[(ids["NI 192"], "2008-09-Q1")].value) == "45.5"
    assert stored[(ids["NI 192"], "2008-09-Q1")].commentary == 'Up; "well" ahead\r\nof plan'
    ratio = stored[(ids["NI 195"], "2008-09-Q1")]
    assert str(ratio.value) == "33.3333333333"  # as the single-row endpoint derives it
    assert {o.provenance.value for o in stored.values()} == {"import"}
    assert {o.status.value for o in stored.values()} == {"draft"}
    assert await audit_count(world, "outturn") == 4

    again = await send(world, "outturns", body)
    assert again.status_code == 200
    assert {k: again.json()[k] for k in ("created", "updated", "unchanged")} == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
    }
    assert await audit_count(world, "outturn") == 4  # nothing changed, nothing recorded


async def test_every_fault_is_named_by_row_and_column_and_nothing_is_written(
    world: World,
) -> None:
    ids = await _register(world)
    rows = [
        HEADER,
        "NI 192,2008-09-Q1,45,,,,",  # 2: fine
        "NI 999,2008-09-Q1,45,,,,",  # 3: unknown indicator code
        "NI 192,2008-10,45,,,,",  # 4: malformed period
        "NI 192,2008-09-M01,45,,,,",  # 5: a month for a quarterly indicator
        'BV 82a,2008-09-Q1,"1,234",,,,',  # 6: thousands separator in a count
        "BV 82a,2008-09-Q2,45%,,,,",  # 7: a percent sign on a count
        "NI 195,2008-09-Q1,,5,,,",  # 8: missing denominator
        "NI 195,2008-09-Q2,,5,0,,",  # 9: zero denominator
        "NI 192,2008-09-Q3,50,,,,",  # 10: fine
        "NI 192,2008-09-Q3,51,,,,",  # 11: the same key again with a different value
        "NI 192,2008-09-Q1,45,,,,",  # 12: the same key again, the same figures: fine
        "LPI 7,2008-09,1,,,,",  # 13: owned by someone else
        "BV 82a,2008-09-Q3,12.123456789,,,,",  # 14: more places than are kept
        "BV 82a,2008-09-Q4,abc,,,,",  # 15: not a number at all
        "NI 192,2008-09-Q4,45,,,,approved",  # 16: not a status
    ]
    response = await send(world, "outturns", csv_text(*rows), user="owner")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["written"] is False
    assert body["rows_read"] == 15 and body["rejected"] == 12
    assert "nothing was written" in body["detail"]
    errors = errors_by_row(response)
    assert set(errors) == {3, 4, 5, 6, 7, 8, 9, 11, 13, 14, 15, 16}
    assert errors[3] == [("indicator_code", "NI 999", "unknown indicator code 'NI 999'")]
    (column, value, message), *_ = errors[4]
    assert (column, value) == ("period", "2008-10") and "2008-09" in message
    assert errors[5][0][0] == "period" and "2008-09-Q1" in errors[5][0][2]
    assert errors[6] == [("value", "1,234", "not a number: write 1234 without the comma")]
    assert errors[7] == [("value", "45%", "not a number: write 45 without the %")]
    assert errors[8] == [("denominator", None, "required for a ratio indicator")]
    assert errors[9] == [("denominator", "0", "must not be zero")]
    assert errors[11][0][0] == "period" and "row 10" in errors[11][0][2]
    assert errors[13][0][0] == "indicator_code" and "may not write" in errors[13][0][2]
    assert errors[14][0][0] == "value" and "12.12345679" in errors[14][0][2]
    assert errors[15] == [("value", "abc", "not a number")]
    assert errors[16][0][:2] == ("status", "approved")
    for error in body["errors"]:
        assert error["field"] == f"row {error['row']}: {error['column']}"
    assert await stored_outturns(world) == {}
    assert await audit_count(world, "outturn") == 0

    fixed = [
        HEADER,
        "NI 192,2008-09-Q1,45,,,,",
        "NI 192,2008-09-Q2,45,,,,",
        "BV 82a,2008-09-Q1,1234,,,,",
        "BV 82a,2008-09-Q2,45,,,,",
        "NI 195,2008-09-Q1,,5,8,,",
        "NI 195,2008-09-Q2,,5,10,,",
        "NI 192,2008-09-Q3,50,,,,",
        "NI 192,2008-09-Q1,45,,,,",
        "BV 82a,2008-09-Q3,12.12345679,,,,",
        "NI 192,2008-09-Q4,45,,,,submitted",
    ]
    imported = await send(world, "outturns", csv_text(*fixed), user="owner")
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 9 and imported.json()["unchanged"] == 1
    again = await send(world, "outturns", csv_text(*fixed), user="owner")
    assert again.json()["unchanged"] == 10 and again.json()["created"] == 0
    stored = await stored_outturns(world)
    assert str(stored[(ids["NI 195"], "2008-09-Q1")].value) == "62.5"


async def test_a_percent_indicator_takes_45_percent_as_45(world: World) -> None:
    ids = await _register(world)
    response = await send(world, "outturns", csv_text(HEADER, "NI 192,2008-09-Q1,45.5 %,,,,"))
    assert response.status_code == 200, response.text
    assert str((await stored_outturns(world))[(ids["NI 192"], "2008-09-Q1")].value) == "45.5"


async def test_any_text_is_stored_and_audited_exactly_as_sent(world: World) -> None:
    # Tabs, backslashes, line breaks and quotes are what the bulk paths' own formats (COPY
    # text, JSON) escape; a new row's audit entry is made apart from the row itself.
    ids = await _register(world)
    texts = {
        "2008-09-Q1": 'tab\there, back\\slash \\N, "quoted"',
        "2008-09-Q2": "line\nbreak\r\nand £ ✓ 中文",
        "2008-09-Q3": "\\",
    }
    rows = [
        {"indicator_code": "NI 192", "period": p, "value": 1, "commentary": t}
        for p, t in texts.items()
    ]
    response = await send(world, "outturns", json.dumps(rows), content_type="application/json")
    assert response.status_code == 200, response.text
    stored = await stored_outturns(world)
    assert {p: stored[(ids["NI 192"], p)].commentary for p in texts} == texts
    trail = await world.client.get(
        f"/api/v1/indicators/{ids['NI 192']}/audit", headers=world.headers("perf")
    )
    audited = {
        e["period"]: e["after"]["commentary"]
        for e in trail.json()["items"]
        if e["entity"] == "outturn"
    }
    assert audited == texts


async def test_changed_rows_are_updated_with_before_and_after_in_the_audit_trail(
    world: World,
) -> None:
    ids = await _register(world)
    url = f"/api/v1/indicators/{ids['NI 192']}/outturns/2008-09-Q1"
    put = await world.client.put(url, json={"value": "40"}, headers=world.headers("perf"))
    assert put.status_code == 201
    verified = await world.client.put(
        url, json={"value": "40", "status": "verified"}, headers=world.headers("perf")
    )
    assert verified.json()["status"] == "verified"
    body = csv_text(HEADER, "NI 192,2008-09-Q1,41,,,new figure,", "NI 192,2008-09-Q2,40.0,,,,")
    response = await send(world, "outturns", body)
    assert response.json()["updated"] == 1 and response.json()["created"] == 1
    stored = (await stored_outturns(world))[(ids["NI 192"], "2008-09-Q1")]
    # A changed figure goes back to submitted, as in the single-row workflow.
    assert stored.status.value == "submitted" and stored.verified_by_name is None
    assert stored.provenance.value == "import" and stored.version == 3
    trail = await world.client.get(
        f"/api/v1/indicators/{ids['NI 192']}/audit", headers=world.headers("perf")
    )
    entries = [e for e in trail.json()["items"] if e["period"] == "2008-09-Q1"]
    update = entries[0]
    assert update["via"] == "import" and update["action"] == "update"
    assert update["before"]["value"] == "40" and update["before"]["status"] == "verified"
    assert update["after"]["value"] == "41" and update["after"]["commentary"] == "new figure"
    created = next(e for e in trail.json()["items"] if e["period"] == "2008-09-Q2")
    assert created["action"] == "create" and created["before"] is None
    assert created["after"]["provenance"] == "import"


async def test_only_the_performance_team_may_verify_by_import(world: World) -> None:
    ids = await _register(world)
    body = csv_text(HEADER, "NI 192,2008-09-Q1,45,,,,verified")
    refused = await send(world, "outturns", body, user="owner")
    assert refused.status_code == 422
    assert errors_by_row(refused)[2] == [
        ("status", "verified", "Only the performance team may verify or qualify an outturn.")
    ]
    accepted = await send(world, "outturns", body, user="perf")
    assert accepted.status_code == 200
    stored = (await stored_outturns(world))[(ids["NI 192"], "2008-09-Q1")]
    assert stored.status.value == "verified" and stored.verified_by_name == "perf"


async def test_a_dry_run_reports_what_would_happen_and_writes_nothing(world: World) -> None:
    await _register(world)
    body = csv_text(HEADER, "NI 192,2008-09-Q1,45,,,,", "NI 192,2008-09-Q2,46,,,,")
    response = await send(world, "outturns", body, dry_run=True)
    assert response.status_code == 200
    assert response.json()["dry_run"] is True and response.json()["written"] is False
    assert response.json()["created"] == 2
    assert await stored_outturns(world) == {}
    assert await audit_count(world, "outturn") == 0


async def test_unknown_columns_are_reported_as_warnings(world: World) -> None:
    await _register(world)
    body = csv_text("indicator_code,period,value,title,vaule", "NI 192,2008-09-Q1,45,Recycling,")
    response = await send(world, "outturns", body)
    assert response.status_code == 200
    assert response.json()["warnings"] == [
        "The column 'title' is not one this import reads; it was ignored.",
        "The column 'vaule' is not one this import reads; it was ignored.",
    ]


async def test_a_file_without_the_key_columns_is_refused_whole(world: World) -> None:
    response = await send(world, "outturns", csv_text("code,when,value", "NI 192,2008-09-Q1,4"))
    assert response.status_code == 422
    body = response.json()
    assert body["errors"][0]["field"] == "file"
    assert "indicator_code and period" in body["detail"]
    assert "code, when, value" in body["detail"]


async def test_a_header_below_a_title_row_is_found(world: World) -> None:
    await _register(world)
    body = csv_text(
        "Quarterly return,,", ",,", "indicator_code,period,value", "NI 192,2008-09-Q1,4"
    )
    response = await send(world, "outturns", body)
    assert response.status_code == 200 and response.json()["created"] == 1


async def test_json_arrays_import_with_numbers_or_strings(world: World) -> None:
    ids = await _register(world)
    body = (
        '[{"Indicator_Code": "NI 192", "period": "2008-09-Q1", "value": 45.25, "extra": 1},'
        ' {"indicator_code": "NI 195", "period": "2008-09-Q1", "numerator": "1",'
        ' "denominator": 4, "value": null}]'
    )
    response = await send(world, "outturns", body, content_type="application/json")
    assert response.status_code == 200, response.text
    assert response.json()["format"] == "json" and response.json()["created"] == 2
    assert response.json()["warnings"] == [
        "The column 'extra' is not one this import reads; it was ignored."
    ]
    stored = await stored_outturns(world)
    assert str(stored[(ids["NI 192"], "2008-09-Q1")].value) == "45.25"
    assert str(stored[(ids["NI 195"], "2008-09-Q1")].value) == "25"


async def test_json_items_that_are_not_flat_objects_are_rejected(world: World) -> None:
    await _register(world)
    body = '[{"indicator_code": "NI 192", "period": "2008-09-Q1", "value": [1]}, 7]'
    response = await send(world, "outturns", body, content_type="application/json")
    assert response.status_code == 422
    errors = errors_by_row(response)
    assert errors[1][0][0] == "value" and "single value" in errors[1][0][2]
    assert "must be an object" in errors[2][0][2]
    not_array = await send(world, "outturns", '{"rows": []}', content_type="application/json")
    assert not_array.status_code == 422
    assert "array of objects" in not_array.json()["detail"]


async def test_multipart_uploads_take_the_file_part(world: World) -> None:
    await _register(world)
    body = csv_text("indicator_code,period,value", "NI 192,2008-09-Q1,4")
    response = await world.client.post(
        "/api/v1/imports/outturns",
        files={"file": ("q1.csv", body.encode(), "text/csv")},
        data={"note": "ignored"},
        headers=world.headers("perf"),
    )
    assert response.status_code == 200, response.text
    assert response.json()["created"] == 1
    no_file = await world.client.post(
        "/api/v1/imports/outturns", data={"note": "x"}, files={}, headers=world.headers("perf")
    )
    assert no_file.status_code in (415, 422)


async def test_unsupported_media_types_get_415(world: World) -> None:
    response = await send(world, "outturns", "<xml/>", content_type="application/xml")
    assert response.status_code == 415
    assert "text/csv" in response.json()["detail"]


async def test_an_import_needs_a_signed_in_caller(world: World) -> None:
    response = await world.client.post(
        "/api/v1/imports/outturns", content=b"x", headers={"Content-Type": "text/csv"}
    )
    assert response.status_code == 401


async def test_a_declared_character_set_is_honoured(world: World) -> None:
    ids = await _register(world)
    body = "indicator_code,period,value,commentary\r\nNI 192,2008-09-Q1,4,£2m spent\r\n"
    latin = body.encode("windows-1252")
    undeclared = await send(world, "outturns", latin)
    assert undeclared.status_code == 422
    assert "save it from the spreadsheet as 'CSV UTF-8'" in undeclared.json()["detail"]
    declared = await send(world, "outturns", latin, content_type="text/csv; charset=windows-1252")
    assert declared.status_code == 200, declared.text
    stored = await stored_outturns(world)
    assert stored[(ids["NI 192"], "2008-09-Q1")].commentary == "£2m spent"
    unknown = await send(world, "outturns", latin, content_type="text/csv; charset=klingon")
    assert unknown.status_code == 415
