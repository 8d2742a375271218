"""Professional details for the demo directory (fictional, made the same way each
time from each service's id), and the demo accounts: a professional, a group
looking after its organisation's listings, and a member of staff."""

from __future__ import annotations

import hashlib

from sqlalchemy import func
from sqlmodel import Session, col, select

from directory_app.auth import create_user, find_user
from directory_app.models import ProfessionalDetails, Service, UserOrganization

DEMO_PROFESSIONAL = "demo.linkworker@nhs.net"
DEMO_PROVIDER = "demo.group@example.org.uk"
DEMO_STAFF = "demo.staff@example.org.uk"
CRITERIA = [
    "Adults aged 18 and over living in Doncaster.",
    "Anyone who feels lonely or isolated; no diagnosis needed.",
    "People with mild to moderate anxiety or low mood.",
    "Unpaid carers of any age looking after someone in Doncaster.",
    "Adults with a long-term condition who can walk for 20 minutes.",
    "Residents of Doncaster with money, debt or benefit worries.",
]
EXCLUSIONS = [
    "Not suitable for people in mental health crisis: refer to the crisis team.",
    "Cannot support people needing personal care during sessions.",
    "",
    "Not for people currently under secondary mental health services.",
]
ROUTES = [
    "Self-referral welcome; professionals can also email the referral address.",
    "Email the referral form with the patient's consent.",
    "Phone the referral line; we call the patient within five working days.",
    "Online referral form; the patient must agree to be contacted.",
]


def _pick(service_id: str, salt: str, count: int) -> int:
    digest = hashlib.sha256(f"{salt}:{service_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


def professional_details(session: Session) -> int:
    """Give every demo service professional details; how many were made."""
    made = 0
    for service in session.exec(select(Service)).all():
        if session.get(ProfessionalDetails, service.id) is not None:
            continue
        sid = service.id
        roll = _pick(sid, "capacity", 10)
        capacity = (
            "accepting" if roll < 7 else "waiting-list" if roll < 9 else "not-accepting"
        )
        slug = "".join(c for c in service.name.lower() if c.isalnum())[:20] or "group"
        session.add(
            ProfessionalDetails(
                service_id=sid,
                referral_criteria=CRITERIA[_pick(sid, "criteria", len(CRITERIA))],
                exclusions=EXCLUSIONS[_pick(sid, "exclusions", len(EXCLUSIONS))]
                or None,
                how_to_refer=ROUTES[_pick(sid, "route", len(ROUTES))],
                referral_email=f"referrals.{slug}@example.org.uk",
                referral_phone=f"01302 496{_pick(sid, 'phone', 1000):03d}",
                capacity=capacity,
                waiting_weeks=2 + _pick(sid, "weeks", 7)
                if capacity == "waiting-list"
                else None,
                contact_name=["Sue Barker", "Raj Patel", "Megan Hughes", "Tom Walsh"][
                    _pick(sid, "contact", 4)
                ],
                contact_email=f"coordinator.{slug}@example.org.uk",
                notes="Fictional demo details: not a real referral route.",
            )
        )
        made += 1
    return made


def professional_account(session: Session) -> str:
    """The demo link worker's account (no password: sign in by emailed link)."""
    if find_user(session, DEMO_PROFESSIONAL) is None:
        create_user(session, DEMO_PROFESSIONAL, "professional", name="Demo Link Worker")
    return DEMO_PROFESSIONAL


def other_accounts(session: Session) -> list[str]:
    """A group looking after the organisation with the most demo listings, and staff
    (both without passwords: sign in by emailed link)."""
    if find_user(session, DEMO_STAFF) is None:
        create_user(session, DEMO_STAFF, "staff", name="Demo Staff")
    if find_user(session, DEMO_PROVIDER) is None:
        busiest = session.exec(
            select(Service.organization_id)
            .where(col(Service.organization_id).is_not(None))
            .group_by(col(Service.organization_id))
            .order_by(func.count().desc(), col(Service.organization_id))
        ).first()
        user = create_user(session, DEMO_PROVIDER, "provider", name="Demo Group")
        if busiest and user.id is not None:
            session.add(UserOrganization(user_id=user.id, organization_id=busiest))
    return [DEMO_PROVIDER, DEMO_STAFF]
