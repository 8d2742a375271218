"""The review cycle: a listing due for review gets reminders, then staff are told,
then it is marked stale.

When due, and 2 and 4 weeks later, the people who look after the listing are
emailed a one-click "still accurate" link (reminders keep their two-week spacing
even after the scheduler was down, so nobody gets three on three days running).
Two weeks after the third, staff get one email listing every listing that has
newly escalated. STALE_AFTER_MONTHS (3) after that the listing is stale: its page
says it may be out of date and it ranks lower, or it is hidden when the directory
is set to HIDE_STALE. A listing nobody looks after goes to staff as soon as it is
due. Any verification (a click, an edit, a source vouching) starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app
from sqlmodel import Session, col, select

from directory_app.history import add_months
from directory_app.indexing import HIDDEN_STATUSES
from directory_app.models import ChangeLog, ReviewState, Service, utcnow
from directory_app.notices import external_url, owners_of, tell_staff
from directory_app.reminders import send_review_reminder

REMINDERS = 3
REMINDER_GAP = timedelta(weeks=2)
ESCALATE_AFTER = timedelta(weeks=6)  # from the due date: two weeks after the third


@dataclass
class CycleReport:
    """What one run of the cycle did."""

    reminded: list[str] = field(default_factory=list)
    escalated: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The numbers a job run records."""
        return {k: len(v) for k, v in vars(self).items()}


def due_reviews(session: Session, today: date) -> list[tuple[ReviewState, Service]]:
    """Listings shown to the public whose review date has come."""
    query = (
        select(ReviewState, Service)
        .join(Service, col(Service.id) == col(ReviewState.service_id))
        .where(
            col(ReviewState.next_review_due) <= today,
            col(ReviewState.withdrawn_at).is_(None),
            col(ReviewState.stale_since).is_(None),
            col(Service.status).not_in(HIDDEN_STATUSES),
        )
        .order_by(col(ReviewState.next_review_due))
    )
    return list(session.exec(query).all())


def run_cycle(
    session: Session, today: date, now: datetime | None = None
) -> CycleReport:
    """Take each due listing one step on, if its time has come; commits as it goes."""
    now = now or utcnow()
    stale_months = int(current_app.config.get("STALE_AFTER_MONTHS", 3))
    report = CycleReport()
    for review, service in due_reviews(session, today):
        step = _next_step(session, review, service, today, stale_months)
        if step == "remind":
            note = f"This is reminder {review.reminders_sent + 1} of {REMINDERS}."
            if not send_review_reminder(session, service.id, note):
                continue  # nobody got it: try again tomorrow rather than count it
            review.reminders_sent += 1
            review.last_reminded_at = now
            report.reminded.append(service.id)
        elif step == "escalate":
            review.escalated_at = now
            report.escalated.append(service.id)
        elif step == "stale":
            review.stale_since = now
            session.add(ChangeLog(service_id=service.id, action="upsert"))
            report.stale.append(service.id)
        if step:
            session.add(review)
            session.commit()
    if report.escalated:
        _tell_staff(session, report.escalated)
    return report


def _next_step(
    session: Session,
    review: ReviewState,
    service: Service,
    today: date,
    stale_months: int,
) -> str | None:
    due = review.next_review_due
    assert due is not None
    if review.escalated_at is not None:
        stale_on = add_months(review.escalated_at.date(), stale_months)
        return "stale" if today >= stale_on else None
    if not owners_of(service.organization_id, session):
        return "escalate"  # nobody to remind
    if review.reminders_sent < REMINDERS:
        last = review.last_reminded_at
        spaced = last is None or today >= last.date() + REMINDER_GAP
        on_time = today >= due + REMINDER_GAP * review.reminders_sent
        return "remind" if spaced and on_time else None
    last = review.last_reminded_at
    waited = last is None or today >= last.date() + REMINDER_GAP
    return "escalate" if today >= due + ESCALATE_AFTER and waited else None


def _tell_staff(session: Session, ids: list[str]) -> None:
    names = {
        s.id: s.name
        for s in session.exec(select(Service).where(col(Service.id).in_(ids)))
    }
    page = "public.service_detail"
    lines = "\n".join(
        f"- {names.get(sid, sid)}: {external_url(page, service_id=sid)}" for sid in ids
    )
    tell_staff(
        f"{len(ids)} listings not confirmed after their reminders",
        "Nobody has confirmed these listings are still accurate, after every "
        f"reminder (or they have nobody to remind). Unless someone checks them, they "
        f"will be marked as possibly out of date.\n\n{lines}\n",
    )
