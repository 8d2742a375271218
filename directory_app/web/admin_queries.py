"""What the staff console counts and lists: read-only queries over the store.

Kept apart from the views so the dashboard (in ``admin``) and the list pages share
them without importing each other. Several would sit as well beside their domain
(stale listings with ``review_cycle``, failing links with ``link_checks``, latest
runs with ``reimports``, search gaps with ``search_log``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from directory_app.indexing import HIDDEN_STATUSES
from directory_app.models import (
    DuplicateCandidate,
    ImportRun,
    JobRun,
    LinkCheck,
    Organization,
    ProblemReport,
    ReviewState,
    SearchGap,
    Service,
    Source,
    User,
    UserOrganization,
)
from directory_app.review_cycle import due_reviews

LINK_ORDER = {"broken": 0, "failing": 1, "refused": 2}
FAILED_JOBS_DAYS = 7


@dataclass(frozen=True)
class Attention:
    """The dashboard's counts of what needs a person."""

    problems: int
    due: int
    stale: int
    broken_links: int
    refused_links: int
    duplicates: int
    failing_sources: int
    failed_jobs: int


def attention(session: Session, now: datetime) -> Attention:
    """Count everything on the dashboard, as of ``now``."""
    links = dict(
        session.exec(
            select(LinkCheck.status, func.count()).group_by(col(LinkCheck.status))
        ).all()
    )
    return Attention(
        problems=_count(session, ProblemReport, col(ProblemReport.status) == "open"),
        due=len(due_reviews(session, now.date())),
        stale=len(stale_reviews(session)),
        broken_links=links.get("broken", 0),
        refused_links=links.get("refused", 0),
        duplicates=_count(
            session, DuplicateCandidate, col(DuplicateCandidate.status) == "open"
        ),
        failing_sources=sum(
            run.status == "failed" for run in latest_runs(session).values()
        ),
        failed_jobs=_count(
            session,
            JobRun,
            col(JobRun.outcome) == "failed",
            col(JobRun.started_at) >= now - timedelta(days=FAILED_JOBS_DAYS),
        ),
    )


def _count(session: Session, model: Any, *where: Any) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def stale_reviews(session: Session) -> list[tuple[ReviewState, Service]]:
    """Listings shown to the public that went stale, longest stale first."""
    query = (
        select(ReviewState, Service)
        .join(Service, col(Service.id) == col(ReviewState.service_id))
        .where(
            col(ReviewState.stale_since).is_not(None),
            col(ReviewState.withdrawn_at).is_(None),
            col(Service.status).not_in(HIDDEN_STATUSES),
        )
        .order_by(col(ReviewState.stale_since), col(Service.name))
    )
    return list(session.exec(query).all())


@dataclass(frozen=True)
class ReviewRow:
    """A listing waiting for its review, with its organisation's name."""

    review: ReviewState
    service: Service
    organization: str


def review_rows(session: Session, show: str, today: date) -> list[ReviewRow]:
    """Listings due for review (``show="due"``) or gone stale (``"stale"``)."""
    pairs = stale_reviews(session) if show == "stale" else due_reviews(session, today)
    names = organization_names(session, [s.organization_id for _, s in pairs])
    return [
        ReviewRow(review, service, names.get(service.organization_id or "", ""))
        for review, service in pairs
    ]


def organization_names(session: Session, ids: list[str | None]) -> dict[str, str]:
    """The names of these organisations, by id."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = session.exec(
        select(Organization.id, Organization.name).where(
            col(Organization.id).in_(wanted)
        )
    )
    return dict(rows.all())


def link_problems(session: Session) -> list[tuple[LinkCheck, Service]]:
    """Broken, then failing, then refused links, each with its listing."""
    rows = session.exec(
        select(LinkCheck, Service)
        .join(Service, col(Service.id) == col(LinkCheck.service_id))
        .where(col(LinkCheck.status).in_(LINK_ORDER))
        .order_by(col(LinkCheck.first_failed_at), col(Service.name))
    ).all()
    return sorted(rows, key=lambda row: LINK_ORDER[row[0].status])


def open_problems(session: Session) -> list[tuple[ProblemReport, Service]]:
    """Problems the public reported that nobody has dealt with, oldest first."""
    query = (
        select(ProblemReport, Service)
        .join(Service, col(Service.id) == col(ProblemReport.service_id))
        .where(col(ProblemReport.status) == "open")
        .order_by(col(ProblemReport.created_at))
    )
    return list(session.exec(query).all())


def latest_runs(session: Session) -> dict[str, ImportRun]:
    """The latest run of each repeating source, by source id."""
    last = (
        select(func.max(col(ImportRun.id)))
        .join(Source, col(Source.id) == col(ImportRun.source_id))
        .where(col(Source.one_off).is_(False))
        .group_by(col(ImportRun.source_id))
    )
    runs = session.exec(select(ImportRun).where(col(ImportRun.id).in_(last))).all()
    return {run.source_id: run for run in runs}


def latest_job_runs(session: Session) -> dict[str, JobRun]:
    """The latest run of each job, by job name."""
    last = select(func.max(col(JobRun.id))).group_by(col(JobRun.job))
    runs = session.exec(select(JobRun).where(col(JobRun.id).in_(last))).all()
    return {run.job: run for run in runs}


def job_runs(
    session: Session, *, failed_since: datetime | None = None, limit: int = 50
) -> list[JobRun]:
    """The latest job runs, newest first (only failures since a time, if given)."""
    query = select(JobRun).order_by(col(JobRun.id).desc()).limit(limit)
    if failed_since is not None:
        query = query.where(
            col(JobRun.outcome) == "failed", col(JobRun.started_at) >= failed_since
        )
    return list(session.exec(query).all())


def accounts(session: Session) -> list[tuple[User, list[str]]]:
    """Every account, by role and email, with the organisations it looks after."""
    users = session.exec(select(User).order_by(col(User.role), col(User.email))).all()
    links = session.exec(
        select(UserOrganization.user_id, Organization.name)
        .join(Organization, col(Organization.id) == UserOrganization.organization_id)
        .order_by(col(Organization.name))
    ).all()
    names: dict[int, list[str]] = {}
    for user_id, name in links:
        names.setdefault(user_id, []).append(name)
    return [(user, names.get(user.id or 0, [])) for user in users]


@dataclass(frozen=True)
class Gap:
    """Searches for the same words in the same district over a period."""

    words: str
    district: str
    searches: int
    none_found: int
    few_found: int


def gaps_between(session: Session, start: date, end: date) -> list[Gap]:
    """Searches from ``start`` to ``end`` (both days in) that found nothing or
    little at least once, most unmet first."""
    none, few = func.sum(col(SearchGap.none_found)), func.sum(col(SearchGap.few_found))
    rows = session.execute(
        sa.select(
            col(SearchGap.words),
            col(SearchGap.district),
            func.sum(col(SearchGap.searches)),
            none,
            few,
        )
        .where(col(SearchGap.day) >= start, col(SearchGap.day) <= end)
        .group_by(col(SearchGap.words), col(SearchGap.district))
        .having(none + few > 0)  # the roll-up counts every search, found or not
        .order_by((none + few).desc(), none.desc(), col(SearchGap.words))
    ).all()
    return [Gap(*row) for row in rows]
