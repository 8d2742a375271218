"""Tables for the scheduled checks: links, the scheduler's lease, search gaps."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from directory_app.models.directory import utcnow


class LinkCheck(SQLModel, table=True):
    """The last check of one link on a listing (website, referral form, booking)."""

    __tablename__ = "link_check"
    __table_args__ = (UniqueConstraint("service_id", "field", "url"),)
    id: int | None = Field(default=None, primary_key=True)
    service_id: str = Field(foreign_key="service.id", index=True)
    field: str  # website, organisation website, referral form, booking
    url: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default="unchecked", index=True)  # ok, failing, broken, refused
    http_status: int | None = None
    error: str | None = Field(default=None, sa_column=Column(Text))
    failures: int = 0  # checks in a row that failed
    checked_at: datetime | None = None
    first_failed_at: datetime | None = None


class SchedulerLease(SQLModel, table=True):
    """Which scheduler process may run a set of jobs, until when (renewed often)."""

    __tablename__ = "scheduler_lease"
    name: str = Field(primary_key=True)
    holder: str
    expires_at: datetime = Field(default_factory=utcnow)


class SearchGap(SQLModel, table=True):
    """Searches a day that found nothing or little, by words and district. Holds
    no personal data: words as typed (folded), postcodes cut to the district."""

    __tablename__ = "search_gap"
    __table_args__ = (UniqueConstraint("day", "words", "district"),)
    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(index=True)
    words: str
    district: str = ""
    searches: int = 0
    none_found: int = 0
    few_found: int = 0
