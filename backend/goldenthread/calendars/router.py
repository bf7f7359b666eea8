"""The annual cycle as a calendar: JSON for the web app, iCalendar for calendar clients."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from goldenthread.calendars import feed, service
from goldenthread.calendars.schemas import CalendarCategory, CalendarRead, FeedCreated, FeedStatus
from goldenthread.core.deps import AppSettings, Session, StaffPrincipal
from goldenthread.core.http import model_response
from goldenthread.core.query import Id, YearParam, parse_year_param
from goldenthread.periods.rules import Frequency, financial_year_code, period_containing
from goldenthread.periods.workdays import today_in_london

router = APIRouter(tags=["calendar"])

Categories = Annotated[
    list[CalendarCategory] | None,
    Query(description="Only these categories (repeat the parameter for several)."),
]
ICS_MEDIA_TYPE = "text/calendar; charset=utf-8"


@router.get("/calendar", response_model=CalendarRead)
async def get_calendar(
    session: Session,
    principal: StaffPrincipal,
    year: YearParam = None,
    category: Categories = None,
    org_unit: Id | None = Query(None, description="Org unit id; includes the units beneath."),
    mine: bool = Query(
        False,
        description="Your deadlines, the events of your unit and those above it, and the "
        "council-wide events (no unit responsible).",
    ),
) -> Response:
    """A financial year's cycle events and data deadlines together, by date."""
    today = today_in_london()
    parsed = parse_year_param(year)
    scope = service.CalendarScope(
        year=parsed if parsed is not None else period_containing(Frequency.ANNUAL, today).year,
        as_of=today,
        categories=frozenset(category or ()),
        org_unit_id=org_unit,
        person_id=principal.id if mine else None,
    )
    items = await service.entries(session, scope)
    return model_response(
        CalendarRead(year=financial_year_code(scope.year), as_of=today, items=items)
    )


@router.get(
    "/calendar.ics",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {"schema": {"type": "string"}}},
            "description": "An iCalendar (RFC 5545) feed.",
        },
        404: {"description": "No feed at this address (never created, or reset since)."},
    },
)
async def calendar_feed(
    session: Session,
    token: str = Query(min_length=20, max_length=128, description="Your personal feed token."),
    category: Categories = None,
) -> Response:
    """Your iCalendar feed of the cycle and your deadlines, authorised by the token in its URL."""
    user = await feed.user_for_token(session, token)
    today = today_in_london()
    body = await service.feed_body(session, user.id, today, frozenset(category or ()))
    return Response(
        body,
        media_type=ICS_MEDIA_TYPE,
        headers={
            "Content-Disposition": 'inline; filename="golden-thread.ics"',
            # The address is a secret: keep it and its answers out of shared caches.
            "Cache-Control": "private, max-age=900",
            "Referrer-Policy": "no-referrer",
        },
    )


@router.get("/calendar/feed", response_model=FeedStatus)
async def get_feed(session: Session, principal: StaffPrincipal) -> FeedStatus:
    """Whether you have a calendar feed address (the address itself is shown only when made)."""
    row = await feed.get_token(session, principal.id)
    return FeedStatus(active=row is not None, created_at=row.created_at if row else None)


@router.post("/calendar/feed", response_model=FeedCreated, status_code=status.HTTP_201_CREATED)
async def reset_feed(
    request: Request, session: Session, principal: StaffPrincipal, settings: AppSettings
) -> FeedCreated:
    """Make a new calendar feed address for you; the old address stops working at once."""
    token, row = await feed.reset_token(session, principal.id)
    base = settings.public_url or str(request.base_url)
    url = f"{base.rstrip('/')}/api/v1/calendar.ics?token={token}"
    return FeedCreated(url=url, token=token, created_at=row.created_at)


@router.delete("/calendar/feed", status_code=status.HTTP_204_NO_CONTENT)
async def delete_feed(session: Session, principal: StaffPrincipal) -> None:
    """Stop your calendar feed: its address answers 404 from now on."""
    await feed.revoke_token(session, principal.id)
