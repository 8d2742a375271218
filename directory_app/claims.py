"""Who looks after an organisation: claims staff approve or refuse, invitations,
and the emails that give people their way in (a one-time sign-in link)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from directory_app.auth import create_user, make_link, normal_email
from directory_app.models import (
    Organization,
    OrganizationClaim,
    User,
    UserOrganization,
    utcnow,
)
from directory_app.notices import external_url, tell

INVITE_MINUTES = 7 * 24 * 60  # an invitation's sign-in link lasts a week


class AccessError(ValueError):
    """This person cannot be given an organisation to look after, said for staff."""


def add_person(session: Session, org_id: str, email: str, name: str | None) -> User:
    """Let this person look after an organisation (making a provider account).

    A deactivated account is switched back on (staff are asking for it); an
    account for another kind of work (a professional's) is left alone.
    """
    found = session.exec(select(User).where(User.email == normal_email(email))).first()
    if found is not None and found.role not in {"provider", "staff", "admin"}:
        raise AccessError(
            f"{found.email} has a {found.role} account; use another email address "
            "for looking after the group"
        )
    user = found or create_user(session, email, "provider", name)
    user.active = True
    session.add(user)
    assert user.id is not None
    if session.get(UserOrganization, (user.id, org_id)) is None:
        session.add(UserOrganization(user_id=user.id, organization_id=org_id))
    return user


def send_way_in(session: Session, user: User, org: Organization, why: str) -> bool:
    """Email a week-long one-time sign-in link to the organisation's new person."""
    token = make_link(session, user, minutes=INVITE_MINUTES)
    session.commit()
    link = external_url("accounts.use_sign_in_link", token=token)
    body = (
        f"{why}\n\nUse this link to sign in and keep the listings of “{org.name}” "
        f"right:\n\n{link}\n\nIt works once, within 7 days. After that, ask for a "
        "new sign-in link on the sign-in page with this email address."
    )
    return tell([user.email], f"Look after {org.name}'s listings", body)


def invite(session: Session, org: Organization, email: str, name: str | None) -> bool:
    """Staff invite someone to look after an organisation; whether the email went."""
    user = add_person(session, org.id, email, name)
    why = f"You have been invited to look after “{org.name}” in the directory."
    return send_way_in(session, user, org, why)


def open_claims(session: Session) -> list[OrganizationClaim]:
    """Claims waiting for staff, oldest first."""
    query = (
        select(OrganizationClaim)
        .where(col(OrganizationClaim.status) == "open")
        .order_by(col(OrganizationClaim.created_at))
    )
    return list(session.exec(query).all())


def approve_claim(session: Session, claim: OrganizationClaim, by: str) -> bool:
    """Give the claimant the organisation and a way in; whether the email went."""
    org = session.get(Organization, claim.organization_id)
    assert org is not None
    user = add_person(session, org.id, claim.email, claim.name)
    claim.status, claim.decided_by, claim.decided_at = "approved", by, utcnow()
    session.add(claim)
    why = f"Your request to look after “{org.name}” has been approved."
    return send_way_in(session, user, org, why)


def refuse_claim(
    session: Session, claim: OrganizationClaim, by: str, reason: str
) -> bool:
    """Turn a claim down, telling the claimant why; whether the email went."""
    org = session.get(Organization, claim.organization_id)
    claim.status, claim.decided_by, claim.decided_at = "refused", by, utcnow()
    claim.reason = reason
    session.add(claim)
    session.commit()
    name = org.name if org else "the organisation"
    body = (
        f"Your request to look after “{name}” was not approved.\n\n{reason}\n\n"
        "Reply to the directory team if you think this is a mistake."
    )
    return tell([claim.email], f"Your request about {name}", body)
