"""Tables for groups keeping their own listings: proposals, claims, trust, checks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, Text, text
from sqlmodel import Field, SQLModel

from directory_app.models.directory import utcnow


class ProposedChange(SQLModel, table=True):
    """A group's change to a listing (or a new listing), waiting for staff.

    ``data`` is the whole listing as it would be published; ``base_version`` the
    published version it was made from (0 for a new listing), so staff and the
    next editor can see what changed meanwhile. ``revision`` counts saves, so two
    people editing one proposal never overwrite each other silently.
    """

    __tablename__ = "proposed_change"
    __table_args__ = (
        # at most one change waiting on a listing: every editor works on that one
        Index(
            "uq_proposed_change_pending",
            "service_id",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(index=True, max_length=36)
    organization_id: str | None = Field(default=None, index=True, max_length=36)
    kind: str = "edit"  # edit or new
    data: dict = Field(sa_column=Column(JSON, nullable=False))
    professional: dict = Field(default_factory=dict, sa_column=Column(JSON))
    fields: list = Field(default_factory=list, sa_column=Column(JSON))
    base_version: int = 0
    revision: int = 1
    submitted_by: str
    submitted_at: datetime = Field(default_factory=utcnow)
    updated_by: str
    updated_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="pending", index=True)  # pending, approved, rejected
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))


class OrganizationClaim(SQLModel, table=True):
    """Someone asks to look after an organisation's listings; staff decide."""

    __tablename__ = "organization_claim"
    id: int | None = Field(default=None, primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", index=True)
    name: str
    email: str
    role: str = ""  # their part in the group, in their words
    message: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="open", index=True)  # open, approved, refused
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = Field(default=None, sa_column=Column(Text))


class TrustedOrganization(SQLModel, table=True):
    """An organisation whose people's changes are published at once."""

    __tablename__ = "trusted_organization"
    organization_id: str = Field(foreign_key="organization.id", primary_key=True)
    trusted_by: str
    trusted_at: datetime = Field(default_factory=utcnow)


class Verification(SQLModel, table=True):
    """Someone confirmed a listing is still accurate: who, when and how."""

    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)
    verified_by: str
    verified_at: datetime = Field(default_factory=utcnow)
    how: str  # email link, dashboard, staff, edit
