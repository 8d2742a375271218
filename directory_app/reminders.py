"""Review reminders: each person who looks after a listing gets a "still
accurate" link that works once, needs no sign-in, and expires."""

from __future__ import annotations

from sqlmodel import Session

from directory_app.auth import find_user, make_link
from directory_app.models import Service
from directory_app.notices import external_url, owners_of, tell

REMINDER_LINK_DAYS = 28  # until the next reminder in the cycle, and a little more


def send_review_reminder(session: Session, sid: str, note: str = "") -> int:
    """Email the listing's people their own "still accurate" link; how many sent."""
    service = session.get(Service, sid)
    if service is None:
        return 0
    links = []
    for email in owners_of(service.organization_id, session):
        user = find_user(session, email)
        if user is not None:
            days = REMINDER_LINK_DAYS * 1440
            links.append(
                (email, make_link(session, user, "verify", subject=sid, minutes=days))
            )
    session.commit()  # every link is kept before any email goes
    subject = f"Is “{service.name}” still right?"
    return sum(
        tell([email], subject, _body(service, token, note)) for email, token in links
    )


def _body(service: Service, token: str, note: str) -> str:
    confirm = external_url("accounts.still_accurate", token=token)
    edit = external_url("provider.listing", sid=service.id)
    return (f"{note}\n\n" if note else "") + (
        f"Please check the listing “{service.name}”: the day, time, place, cost and "
        "contact details.\n\n"
        "If it is all still right, confirm with one click (no sign-in needed):\n"
        f"{confirm}\n\n"
        f"If something has changed, sign in and change it:\n{edit}\n\n"
        f"The confirmation link works once, within {REMINDER_LINK_DAYS} days."
    )
