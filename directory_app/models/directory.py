"""The directory's own tables: sources, imports, provenance, history, review, users."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (what the store keeps)."""
    return datetime.now(UTC)


class Source(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(unique=True)
    title: str | None = None  # what the public is told the listing came from
    kind: str
    location: str
    options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # where an incremental source (OpenActive RPDE) got to, kept after a good run
    state: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    enabled: bool = True
    one_off: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class ImportRun(SQLModel, table=True):
    __tablename__ = "import_run"
    id: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(foreign_key="source.id", index=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    status: str = "running"  # running, succeeded, failed
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    rejected: int = 0
    merged: int = 0
    error: str | None = Field(default=None, sa_column=Column(Text))


class ImportProblem(SQLModel, table=True):
    __tablename__ = "import_problem"
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="import_run.id", index=True)
    item_id: str | None = None
    field: str | None = None
    reason: str
    severity: str = "rejected"  # rejected: the item was not loaded; warning: a field


class SourceRecord(SQLModel, table=True):
    __tablename__ = "source_record"
    __table_args__ = (UniqueConstraint("source_id", "external_id"),)
    id: int | None = Field(default=None, primary_key=True)
    source_id: str = Field(foreign_key="source.id", index=True)
    external_id: str
    service_id: str = Field(foreign_key="service.id", index=True)
    content_hash: str
    first_seen: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)
    last_run_id: int | None = None
    withdrawn_at: datetime | None = None


class FieldProvenance(SQLModel, table=True):
    __tablename__ = "field_provenance"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    field: str = Field(primary_key=True)
    set_by_kind: str  # source or person
    set_by: str  # the source's name or the person's email
    run_id: int | None = None
    set_at: datetime = Field(default_factory=utcnow)


class SuggestedUpdate(SQLModel, table=True):
    __tablename__ = "suggested_update"
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)
    field: str
    value: dict = Field(sa_column=Column(JSON, nullable=False))
    source_id: str = Field(foreign_key="source.id")
    run_id: int | None = None
    created_at: datetime = Field(default_factory=utcnow)
    status: str = "open"  # open, accepted, dismissed


class DuplicateCandidate(SQLModel, table=True):
    """Two listings that may be one real service, for staff to decide."""

    __tablename__ = "duplicate_candidate"
    __table_args__ = (UniqueConstraint("service_id", "other_id"),)
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)  # the newer one
    other_id: str = Field(foreign_key="service.id", index=True)
    score: float
    evidence: dict = Field(sa_column=Column(JSON, nullable=False))
    status: str = Field(default="open", index=True)  # open, merged, dismissed
    created_at: datetime = Field(default_factory=utcnow)
    decided_by: str | None = None
    decided_at: datetime | None = None


class ListingVersion(SQLModel, table=True):
    __tablename__ = "listing_version"
    __table_args__ = (UniqueConstraint("service_id", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)
    version: int
    data: dict = Field(sa_column=Column(JSON, nullable=False))
    changed_by_kind: str
    changed_by: str
    changed_at: datetime = Field(default_factory=utcnow)
    summary: str = ""


class ReviewState(SQLModel, table=True):
    __tablename__ = "review_state"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    last_verified_at: datetime | None = None
    verified_by: str | None = None
    next_review_due: date | None = Field(default=None, index=True)
    withdrawn_at: datetime | None = None
    withdrawn_reason: str | None = None
    # a temporarily closed listing reopens by itself on this day
    reopens_on: date | None = Field(default=None, index=True)
    # the review cycle since the listing fell due: reminders, staff, then stale
    reminders_sent: int = 0
    last_reminded_at: datetime | None = None
    escalated_at: datetime | None = None
    stale_since: datetime | None = Field(default=None, index=True)
    # when the listing (or anything in it) last changed: the API's last_modified
    changed_at: datetime | None = Field(default=None, index=True)


class ChangeLog(SQLModel, table=True):
    __tablename__ = "change_log"
    seq: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(index=True, max_length=36)
    action: str  # upsert or withdraw
    at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    name: str | None = None
    role: str  # admin, staff, professional, provider
    password_hash: str | None = None
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class UserOrganization(SQLModel, table=True):
    __tablename__ = "user_organization"
    user_id: int = Field(foreign_key="user.id", primary_key=True)
    organization_id: str = Field(foreign_key="organization.id", primary_key=True)


class Postcode(SQLModel, table=True):
    postcode: str = Field(primary_key=True, max_length=8)
    latitude: float
    longitude: float
    kind: str = "full"  # full or district


class JobRun(SQLModel, table=True):
    __tablename__ = "job_run"
    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(index=True)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    outcome: str = "running"  # running, succeeded, failed
    detail: str | None = Field(default=None, sa_column=Column(Text))
    counts: dict = Field(default_factory=dict, sa_column=Column(JSON))
    host: str | None = None  # which scheduler process ran it


class ProblemReport(SQLModel, table=True):
    """A problem with a listing reported by a member of the public."""

    __tablename__ = "problem_report"
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)
    kind: str  # closed, when, where, contact, cost, other
    details: str = Field(sa_column=Column(Text, nullable=False))
    reporter_email: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    status: str = "open"  # open, resolved, dismissed
    resolved_by: str | None = None
    resolved_at: datetime | None = None


class ProfessionalDetails(SQLModel, table=True):
    """What only signed-in professionals see: never in public pages, the public
    API or the public search index."""

    __tablename__ = "professional_details"
    service_id: str = Field(foreign_key="service.id", primary_key=True)
    referral_criteria: str | None = Field(default=None, sa_column=Column(Text))
    exclusions: str | None = Field(default=None, sa_column=Column(Text))
    how_to_refer: str | None = Field(default=None, sa_column=Column(Text))
    referral_email: str | None = None
    referral_phone: str | None = None
    referral_form_url: str | None = None
    capacity: str = "accepting"  # accepting, waiting-list, not-accepting
    waiting_weeks: int | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    notes: str | None = Field(default=None, sa_column=Column(Text))
    updated_at: datetime = Field(default_factory=utcnow)


class SignInLink(SQLModel, table=True):
    """An emailed one-time sign-in link: kept as a hash, used once, expiring."""

    __tablename__ = "sign_in_link"
    token_hash: str = Field(primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    purpose: str = "sign-in"  # sign-in, or verify (a "still accurate" link)
    subject: str | None = None  # what the link acts on: a service id for verify
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
